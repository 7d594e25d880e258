"""lib/model/actions.py: the rows left after each filter, and per-country counts."""

from __future__ import annotations

import pandas as pd
import pytest

from lib.base.schema import CRISES, Action, Flow
from lib.model.actions import (
    ActionFilter,
    action_details,
    actions_per_country,
    crisis_countries,
    crisis_links,
    filter_actions,
    linked_crises,
    options,
)
from lib.model.cells import split_list


def _ids(df):
    return sorted(df[Action.ID])


def test_no_filter_keeps_all_twelve(bundle):
    assert len(filter_actions(bundle.actions, ActionFilter())) == 12


def test_filters_combine_with_and_values_with_or(bundle):
    chile = filter_actions(bundle.actions, ActionFilter(countries=("CHL",)))
    assert len(chile) == 7
    chile_justice = filter_actions(
        bundle.actions, ActionFilter(countries=("CHL",), themes=("access_to_justice",))
    )
    assert _ids(chile_justice) == ["chl_court_access_to_justice", "chl_criminal_defence_model"]
    mex_or_gtm = filter_actions(bundle.actions, ActionFilter(countries=("MEX", "GTM")))
    assert len(mex_or_gtm) == 5


def test_crisis_scope_organisation_and_text(bundle):
    assert _ids(filter_actions(bundle.actions, ActionFilter(crisis="northern_triangle"))) == [
        "mex_gtm_border_strategy",
        "sica_regional_social_policy",
    ]
    assert len(filter_actions(bundle.actions, ActionFilter(crisis="structural"))) == 11
    assert _ids(filter_actions(bundle.actions, ActionFilter(scopes=("binational",)))) == [
        "mex_gtm_border_strategy"
    ]
    org = filter_actions(
        bundle.actions,
        ActionFilter(organisations=("Solidarity and Social Investment Fund (FOSIS)",)),
    )
    assert _ids(org) == ["chl_intercultural_toolbox"]
    text = filter_actions(bundle.actions, ActionFilter(text="law CLINICS"))
    assert _ids(text) == ["chl_criminal_defence_model"]
    assert (
        filter_actions(
            bundle.actions, ActionFilter(text="accreditation", countries=("MEX",))
        ).shape[0]
        == 1
    )


def test_an_impossible_combination_leaves_nothing(bundle):
    assert filter_actions(
        bundle.actions, ActionFilter(crisis="northern_triangle", countries=("CHL",))
    ).empty


def test_counts_per_country_and_actions_without_one(bundle):
    counts = actions_per_country(bundle.actions, bundle.places).set_index("code")["actions"]
    assert counts["CHL"] == 7 and counts["MEX"] == 4 and counts["PER"] == 2
    # the one action the sheet gives no country: on no country's bar or panel
    nowhere = bundle.actions[bundle.actions[Action.COUNTRIES].isna()]
    assert _ids(nowhere) == ["aidef_legal_aid_network"]
    assert "Chile Valora" in options(bundle.actions, Action.ORGANISATIONS)


def test_detail_view_lists_every_field(bundle):
    action = bundle.actions.set_index(Action.ID).loc["pacific_alliance_skills_accreditation"]
    details = dict(
        action_details(
            action,
            {"CHL": "Chile", "COL": "Colombia", "MEX": "Mexico", "PER": "Peru"},
            {"labour_skills": "Labour and skills"},
        )
    )
    assert details["Countries"] == "Chile, Colombia, Mexico, Peru"
    assert details["Themes"] == "Labour and skills"
    assert (
        details["Organisations"]
        == "Chile Valora, Pacific Alliance [official name, added by us: Alianza del Pacífico]"
    )
    assert "split over two lines" in details["How the sheet was read"]


# --------------------------------------------------------------------------- the crisis-link rule


def test_every_actions_crises_are_what_the_rule_gives_from_the_data(bundle):
    """The README's rule, recomputed here from flows.csv and places.csv without lib.model.actions:
    linked when one of the action's countries is where one of the crisis's flows starts,
    ends or passes through; aggregates are not expanded."""
    countries = set(bundle.places.loc[bundle.places["kind"] == "country", "code"])
    touched = {crisis: set() for crisis in CRISES}
    for _, flow in bundle.flows.iterrows():
        for end in (Flow.ORIGIN, Flow.DESTINATION, Flow.VIA):
            if isinstance(flow[end], str) and flow[end] in countries:
                touched[flow[Flow.CRISIS]].add(flow[end])
    for _, action in bundle.actions.iterrows():
        mine = set(split_list(action[Action.COUNTRIES]))
        expected = [crisis for crisis in CRISES if mine & touched[crisis]]
        assert split_list(action[Action.CRISES]) == expected, action[Action.ID]
    assert (
        linked_crises(bundle.actions, bundle.flows, bundle.places).fillna("")
        == bundle.actions[Action.CRISES].fillna("")
    ).all()


@pytest.mark.parametrize(
    "action_id, crises",
    [
        ("aidef_legal_aid_network", []),  # no country, no link
        (
            "sica_regional_social_policy",
            ["haiti", "northern_triangle", "structural"],
        ),  # five members are Haiti destinations
        (
            "mex_northern_border_programme",
            ["haiti", "structural"],
        ),  # the sheet does not say the people in transit are Central American
        ("chl_intercultural_toolbox", ["venezuela", "haiti", "structural"]),
    ],
)
def test_the_rule_on_the_actions_the_issue_names(bundle, action_id, crises):
    action = bundle.actions.set_index(Action.ID).loc[action_id]
    assert split_list(action[Action.CRISES]) == crises


def test_notes_do_not_state_crisis_links_by_hand(bundle):
    """The rule decides the links; a hand-written reason in a note could only drift from it."""
    assert not bundle.actions[Action.NOTE].fillna("").str.contains("Linked to").any()


def test_the_rule_counts_transit_countries_and_names_the_countries_that_link(bundle):
    by_crisis = crisis_countries(bundle.flows, bundle.places)
    assert "MEX" in by_crisis["structural"]  # people in transit pass through Mexico
    assert (
        "BRA" in by_crisis["haiti"] and "XLA" not in by_crisis["venezuela"]
    )  # via Brazil; aggregates stay aggregates
    assert crisis_links("MEX;GTM", by_crisis) == {
        "haiti": ["MEX", "GTM"],
        "northern_triangle": ["GTM"],
        "structural": ["MEX"],
    }
    assert crisis_links(pd.NA, by_crisis) == {}
    action = bundle.actions.set_index(Action.ID).loc["mex_gtm_border_strategy"]
    details = dict(
        action_details(
            action,
            {"MEX": "Mexico", "GTM": "Guatemala"},
            {},
            "en",
            {
                "haiti": "Haiti",
                "northern_triangle": "Northern Triangle",
                "structural": "Structural corridors",
            },
            by_crisis,
        )
    )
    assert (
        details["Crises"]
        == "Haiti (Guatemala, Mexico), Northern Triangle (Guatemala), Structural corridors (Mexico)"
    )


@pytest.mark.parametrize(
    "lang, doubt",
    [("en", "attribution in doubt"), ("es", "atribución dudosa"), ("pt", "atribuição duvidosa")],
)
def test_the_doubtful_ministry_says_so_in_the_detail_and_the_table(bundle, lang, doubt):
    from lib.model.actions import table_view

    action = bundle.actions.set_index(Action.ID).loc["mex_child_protection_route"]
    details = dict(action_details(action, {"MEX": "Mexico"}, {}, lang))
    organisations = details[
        {"en": "Organisations", "es": "Organizaciones", "pt": "Organizações"}[lang]
    ]
    assert f"Ministry of Justice and Human Rights [{doubt}: " in organisations
    table = table_view(bundle.actions, {}, {}, lang)
    labels = [o for cell in table.iloc[:, 4] for o in cell]
    assert (
        sum(
            label.startswith(f"Ministry of Justice and Human Rights [{doubt}: ") for label in labels
        )
        == 1
    )
    assert not any(
        "[" in label and "attribution" in label
        for label in labels
        if "Ministry of Justice" not in label
    )
