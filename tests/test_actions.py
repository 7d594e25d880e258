"""lib/actions.py: the rows left after each filter, and per-country counts."""

from __future__ import annotations

from lib.actions import ActionFilter, action_details, actions_per_country, filter_actions, options, without_country
from lib.schema import Action


def _ids(df):
    return sorted(df[Action.ID])


def test_no_filter_keeps_all_twelve(bundle):
    assert len(filter_actions(bundle.actions, ActionFilter())) == 12


def test_filters_combine_with_and_values_with_or(bundle):
    chile = filter_actions(bundle.actions, ActionFilter(countries=("CHL",)))
    assert len(chile) == 7
    chile_justice = filter_actions(bundle.actions, ActionFilter(countries=("CHL",), themes=("access_to_justice",)))
    assert _ids(chile_justice) == ["chl_court_access_to_justice", "chl_criminal_defence_model"]
    mex_or_gtm = filter_actions(bundle.actions, ActionFilter(countries=("MEX", "GTM")))
    assert len(mex_or_gtm) == 5


def test_crisis_scope_organisation_and_text(bundle):
    assert len(filter_actions(bundle.actions, ActionFilter(crisis="northern_triangle"))) == 3
    assert len(filter_actions(bundle.actions, ActionFilter(crisis="structural"))) == 0
    assert _ids(filter_actions(bundle.actions, ActionFilter(scopes=("binational",)))) == ["mex_gtm_border_strategy"]
    org = filter_actions(bundle.actions, ActionFilter(organisations=("Solidarity and Social Investment Fund (FOSIS)",)))
    assert _ids(org) == ["chl_intercultural_toolbox"]
    text = filter_actions(bundle.actions, ActionFilter(text="law CLINICS"))
    assert _ids(text) == ["chl_criminal_defence_model"]
    assert filter_actions(bundle.actions, ActionFilter(text="accreditation", countries=("MEX",))).shape[0] == 1


def test_an_impossible_combination_leaves_nothing(bundle):
    assert filter_actions(bundle.actions, ActionFilter(crisis="northern_triangle", countries=("CHL",))).empty


def test_counts_per_country_and_actions_without_one(bundle):
    counts = actions_per_country(bundle.actions, bundle.places).set_index("code")["actions"]
    assert counts["CHL"] == 7 and counts["MEX"] == 4 and counts["PER"] == 2
    assert _ids(without_country(bundle.actions)) == ["aidef_legal_aid_network"]
    assert "Chile Valora" in options(bundle.actions, Action.ORGANISATIONS)


def test_detail_view_lists_every_field(bundle):
    action = bundle.actions.set_index(Action.ID).loc["pacific_alliance_skills_accreditation"]
    details = dict(action_details(action, {"CHL": "Chile", "COL": "Colombia", "MEX": "Mexico", "PER": "Peru"}, {"labour_skills": "Labour and skills"}))
    assert details["Countries"] == "Chile, Colombia, Mexico, Peru"
    assert details["Themes"] == "Labour and skills"
    assert details["Organisations"] == "Chile Valora, Pacific Alliance (Alianza del Pacífico)"
    assert "split over two lines" in details["How the sheet was read"]
