"""lib/model/bundle.py and checks.py on the bundled data: every figure of the sheet, and every
kind of bad row."""

from __future__ import annotations

import json
import re
import subprocess

import pandas as pd
import pytest

from lib.base.languages import LANGS
from lib.base.schema import ROOT, SHEET_PATH, WORLD_TOPOJSON, Action, Flow, Place
from lib.model.bundle import load_bundle, read_table
from lib.model.cells import split_list
from lib.model.problems import DataError
from tests.helpers import edit_csv, row_of, run_module

# The README and docs/, where the data's reading is written down.
DOCS = "\n".join(
    p.read_text(encoding="utf-8")
    for p in (ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")))
)


def _norm(text: str) -> str:
    text = text.replace("**", "").replace("’", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip()


SHEET = _norm(SHEET_PATH.read_text(encoding="utf-8"))


def _flow(bundle, flow_id: str) -> pd.Series:
    rows = bundle.flows[bundle.flows[Flow.ID] == flow_id]
    assert len(rows) == 1, flow_id
    return rows.iloc[0]


# --------------------------------------------------------------------------- the figures


@pytest.mark.parametrize(
    "flow_id, origin, destination, people, status, part_of",
    [
        ("ven_emigrated", "VEN", "XWD", 5_100_000, "reported", None),
        ("ven_region", "VEN", "XLA", 4_300_000, "reported", "ven_emigrated"),
        ("ven_col", "VEN", "COL", 1_800_000, "reported", "ven_region"),
        ("ven_outside", "VEN", "XRW", 800_000, "derived", "ven_emigrated"),
        ("ven_region_other", "VEN", "XLO", 2_500_000, "derived", "ven_region"),
    ],
)
def test_venezuela_figures_have_their_value_status_and_parent(
    bundle, flow_id, origin, destination, people, status, part_of
):
    row = _flow(bundle, flow_id)
    assert (row[Flow.ORIGIN], row[Flow.DESTINATION]) == (origin, destination)
    assert row[Flow.PEOPLE] == people
    assert row[Flow.STATUS] == status
    assert (None if pd.isna(row[Flow.PART_OF]) else row[Flow.PART_OF]) == part_of
    assert row[Flow.CRISIS] == "venezuela"


def test_only_venezuela_has_figures_and_there_are_exactly_five(bundle):
    quantified = bundle.flows[bundle.flows[Flow.PEOPLE].notna()]
    assert sorted(quantified[Flow.ID]) == [
        "ven_col",
        "ven_emigrated",
        "ven_outside",
        "ven_region",
        "ven_region_other",
    ]


def test_named_destinations_without_magnitude_are_unquantified(bundle):
    flows = bundle.flows.set_index(Flow.ID)
    for fid in [
        "ven_per",
        "ven_chl",
        "ven_ecu",
        "ven_bra",
        "hti_bra",
        "hti_chl",
        "hti_mex",
        "nt_gtm_north",
    ]:
        assert flows.at[fid, Flow.STATUS] == "unquantified"
        assert pd.isna(flows.at[fid, Flow.PEOPLE])
    haiti = flows[flows[Flow.CRISIS] == "haiti"]
    assert sorted(haiti[Flow.DESTINATION]) == sorted(
        ["PER", "ECU", "COL", "PAN", "CRI", "NIC", "HND", "GTM", "MEX", "BRA", "CHL"]
    )
    assert flows.at["hti_chl", Flow.VIA] == "BRA"


def test_structure_corridors_and_agreements_are_captured(bundle):
    flows = bundle.flows.set_index(Flow.ID)
    structural = flows[flows[Flow.CRISIS] == "structural"]
    south_north = structural[structural[Flow.CORRIDOR] == "south_north"]
    assert {"XEU", "XNA"} <= set(south_north[Flow.DESTINATION])
    agreements = (
        structural.groupby(Flow.AGREEMENT)
        .apply(
            lambda g: sorted(set(g[Flow.ORIGIN]) | set(g[Flow.DESTINATION])), include_groups=False
        )
        .to_dict()
    )
    assert agreements == {
        "agreement_arg_chl": ["ARG", "CHL"],
        "agreement_arg_bol": ["ARG", "BOL"],
        "agreement_arg_bol_per": ["ARG", "BOL", "PER"],
    }
    nt = flows[flows[Flow.CRISIS] == "northern_triangle"]
    assert sorted(nt[Flow.ORIGIN]) == ["GTM", "HND", "SLV"]


def test_derived_figures_name_their_formula(bundle):
    # that each formula equals its figure is the schema's check "formula" (the bundle fixture
    # loads only when it holds; a broken copy is refused, below)
    flows = bundle.flows.set_index(Flow.ID)
    derived = flows[flows[Flow.STATUS] == "derived"][Flow.FORMULA].to_dict()
    assert derived == {
        "ven_outside": "ven_emigrated - ven_region",
        "ven_region_other": "ven_region - ven_col",
    }


def test_every_quote_stands_in_the_sheet(bundle):
    quotes = list(bundle.flows[Flow.QUOTE]) + list(bundle.cases["quote"])
    missing = [q for q in quotes if _norm(q) not in SHEET]
    assert missing == []


def test_principles_and_effects_are_the_sheets_words(bundle):
    texts = list(bundle.principles["text"]) + list(bundle.effects["text"])
    missing = [t for t in texts if _norm(t) not in SHEET]
    assert missing == []
    assert list(bundle.principles["number"]) == [1, 2, 3, 4, 5, 6, 7]
    counts = bundle.effects.groupby(["block", "column"]).size().to_dict()
    assert counts[(1, "response")] == 8 and counts[(3, "response")] == 5


def test_every_reported_figure_is_written_in_its_quote(bundle):
    reported = bundle.flows[bundle.flows[Flow.STATUS] == "reported"]
    for _, row in reported.iterrows():
        millions = f"{row[Flow.PEOPLE] / 1e6:.1f} million"
        assert millions in row[Flow.QUOTE], row[Flow.ID]


def test_no_number_in_actions_or_cases_that_the_sheet_does_not_give(bundle):
    sheet_numbers = set(re.findall(r"\d+(?:\.\d+)?", SHEET))
    texts = list(bundle.actions[Action.OUTCOME]) + list(bundle.cases["summary"])
    used = {n for t in texts for n in re.findall(r"\d+(?:\.\d+)?", t)}
    assert used - sheet_numbers == set()
    assert {"11", "17", "2020", "5.1", "4.3", "1.8"} <= used


def test_country_points_are_the_bundled_shapes_label_points(bundle):
    topo = json.loads(WORLD_TOPOJSON.read_text())
    ct = {
        g["id"]: g["properties"]["ct"]
        for g in topo["objects"]["countries"]["geometries"]
        if "id" in g
    }
    countries = bundle.places[bundle.places[Place.KIND] == "country"]
    assert len(countries) == 21
    for _, p in countries.iterrows():
        assert p[Place.POINT_RULE] == "ct"
        assert (p[Place.LON], p[Place.LAT]) == tuple(ct[p[Place.CODE]]), p[Place.CODE]


def test_region_points_are_the_mean_of_their_member_countries(bundle):
    places = bundle.places.set_index(Place.CODE)
    for code in ["XLA", "XNA", "XEU"]:
        members = places[places[Place.REGION] == code]
        assert places.at[code, Place.POINT_RULE] == "mean"
        assert places.at[code, Place.LAT] == pytest.approx(members[Place.LAT].mean(), abs=0.006)
        assert places.at[code, Place.LON] == pytest.approx(members[Place.LON].mean(), abs=0.006)
    for code in ["XRW", "XLO", "XWD", "XOG"]:
        assert pd.isna(places.at[code, Place.LAT]) and places.at[code, Place.POINT_RULE] == "none"


def test_actions_read_split_cells_as_a_person_would(bundle):
    actions = bundle.actions.set_index(Action.ID)
    assert len(actions) == 12
    assert split_list(actions.at["pacific_alliance_skills_accreditation", Action.COUNTRIES]) == [
        "CHL",
        "COL",
        "MEX",
        "PER",
    ]
    assert split_list(actions.at["mex_gtm_border_strategy", Action.ORGANISATIONS]) == [
        "Secretariat of Agrarian, Territorial and Urban Development (SEDATU)",
        "Presidential Secretariat for Planning and Programming (SEGEPLAN)",
    ]
    assert actions[Action.SCOPE].value_counts().to_dict() == {
        "national": 7,
        "regional": 3,
        "multinational": 1,
        "binational": 1,
    }


# --------------------------------------------------------------------------- bad rows


# (flow, column, value written there, check that fails, its message, flow whose row is at fault)
BAD_FLOWS = [
    ("ven_col", Flow.DESTINATION, "ZZZ", "known_place", "unknown place code (not in places.csv)"),
    ("ven_col", Flow.STATUS, "estimated", "known_status", "unknown status"),
    ("ven_per", Flow.PEOPLE, "1000", "status_people", "people must be empty when status is unq"),
    ("ven_col", Flow.PEOPLE, "", "status_people", "people must be empty when status is unq"),
    ("ven_per", Flow.ID, "ven_chl", "field_uniqueness", "duplicate id 'ven_chl'"),
    ("ven_col", Flow.PART_OF, "ven_nowhere", "part_of_known", "part_of points to no flow"),
    ("ven_col", Flow.PEOPLE, "1.8M", "people_number", "people must be a plain number of people"),
    ("ven_col", Flow.PEOPLE, "-5", "people_number", "people must be a plain number of people"),
    ("ven_col", Flow.CRISIS, "cuba", "known_crisis", "unknown crisis"),
    # 4.4 million in Colombia is more than the 4.3 million in the region it is part of: the
    # region's row is at fault
    ("ven_col", Flow.PEOPLE, "4400000", "parts_fit", "add up to more than it", "ven_region"),
    ("ven_outside", Flow.PEOPLE, "900000", "formula", "need a formula over flow ids"),
    ("ven_col", Flow.YEAR, "1850", "year_range", "year must be a whole number from 1900 to 2100"),
    ("ven_col", Flow.YEAR, "about 2020", "year_range", "year must be a whole number from 1900"),
    ("ven_col", Flow.INDICATOR, "Sheet stock", "indicator_format", "indicators are slugs"),
]


def refused(data_copy, table: str, key: str, column: str, value: str):
    """Write `value` into `column` of the row `key` of a copy of the data; return that row
    (as a spreadsheet numbers it), the file's path and the problems load_bundle raises."""
    path = data_copy / f"{table}.csv"
    id_column = {"flows": Flow.ID, "actions": Action.ID}[table]
    row = row_of(path, id_column, key)
    edit_csv(path, row, column, value)
    with pytest.raises(DataError) as err:
        load_bundle(data_copy)
    return row, path, err.value.problems


@pytest.mark.parametrize(
    "flow_id, column, value, check, message, fault",
    [case if len(case) == 6 else (*case, case[0]) for case in BAD_FLOWS],
)
def test_each_bad_flow_gets_its_own_message_with_row_column_and_check(
    data_copy, flow_id, column, value, check, message, fault
):
    row, path, problems = refused(data_copy, "flows", flow_id, column, value)
    row = row if fault == flow_id else row_of(path, Flow.ID, fault)
    column = Flow.FORMULA if check == "formula" else column  # the formula is what is wrong
    hits = [p for p in problems if p.check == check and p.file == "flows.csv"]
    assert hits, [str(p) for p in problems]
    assert any(p.row == row and p.column == column for p in hits), [str(p) for p in hits]
    assert all(message in p.message for p in hits), [str(p) for p in hits]


def test_part_of_and_formula_link_only_flows_of_one_year_and_indicator(data_copy):
    """Figures of two years or two indicators are never added: a parent, or a formula's
    term, of another year or indicator is refused where the link is written."""
    path = data_copy / "flows.csv"
    edit_csv(path, row_of(path, Flow.ID, "ven_col"), Flow.YEAR, "2019")
    edit_csv(path, row_of(path, Flow.ID, "ven_emigrated"), Flow.INDICATOR, "undesa_stock")
    with pytest.raises(DataError) as err:
        load_bundle(data_copy)
    same = {(p.row, p.column) for p in err.value.problems if p.check == "same_year_indicator"}
    message = "part_of and formula link only flows of the same year and indicator"
    assert all(message in p.message for p in err.value.problems if p.check == "same_year_indicator")
    assert same == {
        (row_of(path, Flow.ID, "ven_col"), Flow.PART_OF),  # its parent is of 2020
        (row_of(path, Flow.ID, "ven_region"), Flow.PART_OF),  # its parent's indicator
        (row_of(path, Flow.ID, "ven_outside"), Flow.PART_OF),
        (row_of(path, Flow.ID, "ven_outside"), Flow.FORMULA),  # ven_emigrated - ven_region
        (row_of(path, Flow.ID, "ven_region_other"), Flow.FORMULA),  # ven_region - ven_col
    }


def test_the_sheets_rows_are_of_about_2020_and_count_people_living_abroad(bundle):
    assert set(bundle.flows[Flow.YEAR]) == {2020}
    assert set(bundle.flows[Flow.INDICATOR]) == {"sheet_stock"}


def test_a_flow_may_have_no_crisis(data_copy):
    path = data_copy / "flows.csv"
    edit_csv(path, row_of(path, Flow.ID, "ven_col"), Flow.CRISIS, "")
    flows = load_bundle(data_copy).flows
    assert flows.loc[flows[Flow.ID] == "ven_col", Flow.CRISIS].isna().all()


def test_all_problems_are_reported_at_once_across_files(data_copy):
    edit_csv(data_copy / "flows.csv", 3, Flow.ORIGIN, "ZZZ")
    edit_csv(data_copy / "flows.csv", 10, Flow.STATUS, "guess")
    edit_csv(data_copy / "actions.csv", 4, Action.THEMES, "nonsense")
    with pytest.raises(DataError) as err:
        load_bundle(data_copy)
    located = {(p.file, p.row, p.column) for p in err.value.problems}
    assert {
        ("flows.csv", 3, "origin"),
        ("flows.csv", 10, "status"),
        ("actions.csv", 4, "themes"),
    } <= located
    assert "flows.csv, row 3, column origin: unknown place code" in str(err.value)


def test_action_scope_must_match_its_countries(data_copy):
    row, _, problems = refused(
        data_copy, "actions", "mex_gtm_border_strategy", Action.COUNTRIES, "MEX"
    )
    assert [(p.row, p.column, p.check) for p in problems] == [
        (row, Action.SCOPE, "scope_countries")
    ]


def test_a_missing_column_is_named(data_copy):
    path = data_copy / "flows.csv"
    pd.read_csv(path, dtype=str, keep_default_na=False).drop(columns=[Flow.STATUS]).to_csv(
        path, index=False
    )
    with pytest.raises(DataError) as err:
        load_bundle(data_copy)
    assert [str(p) for p in err.value.problems] == [
        "flows.csv, row 1, column status: required column is missing from the header"
    ]


def test_codes_are_read_as_text_so_NA_is_namibia_not_missing(data_copy):
    path = data_copy / "flows.csv"
    row = row_of(path, Flow.ID, "ven_col")
    edit_csv(path, row, Flow.DESTINATION, "NA")
    df = read_table(path, [Flow.DESTINATION], "flows.csv")
    assert df.at[row - 2, Flow.DESTINATION] == "NA"
    with pytest.raises(DataError) as err:
        load_bundle(data_copy)
    assert [p.message for p in err.value.problems if p.column == Flow.DESTINATION] == [
        "unknown place code (not in places.csv); allowed: 28 known values: 'NA'"
    ]


# --------------------------------------------------------------------------- command line


def _validate(*args: str) -> subprocess.CompletedProcess:
    return run_module("lib.ingest.validate", *args, timeout=120)


def test_cli_passes_on_the_bundled_data():
    done = _validate("data/flows.csv", "data/actions.csv")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "data/flows.csv: OK, 34 rows" in done.stdout
    assert "data/actions.csv: OK, 12 rows" in done.stdout


def test_cli_passes_on_every_bundled_csv():
    done = _validate(*sorted(str(p.relative_to(ROOT)) for p in (ROOT / "data").glob("*.csv")))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "data/translations.csv: OK" in done.stdout
    assert "data/organisations.csv: OK" in done.stdout


def test_cli_fails_with_row_numbers_on_a_broken_copy(data_copy):
    path = data_copy / "flows.csv"
    edit_csv(path, 5, Flow.STATUS, "maybe")
    edit_csv(path, 7, Flow.ORIGIN, "XXX")
    done = _validate(str(path))
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert (
        f"{path}, row 5, column status: unknown status; allowed: derived, reported, unquantified: "
        "'maybe'" in lines
    )
    assert any(
        line.startswith(f"{path}, row 7, column origin: unknown place code") for line in lines
    )
    assert done.stderr.strip().endswith("2 problems found.")


# --------------------------------------------------------------------------- wording (issue 13)


def _texts(bundle, action_id: str, field: str) -> dict[str, str]:
    """The action's text in English and in the Spanish and Portuguese of data/translations.csv."""
    from lib.model.localise import localized

    return {
        lang: localized(bundle, lang).actions.set_index(Action.ID).at[action_id, field]
        for lang in LANGS
    }


@pytest.mark.parametrize(
    "action_id, field, says, not_says",
    [
        # the sheet: best practices "are considered" in cases involving migrants
        (
            "chl_court_access_to_justice",
            Action.OUTCOME,
            {
                "en": "best practices under comparison are considered in cases involving migrants",
                "es": "se consideren las recomendaciones y las buenas prácticas comparadas",
                "pt": "sejam consideradas as recomendações e as boas práticas comparadas",
            },
            {"en": "applied", "es": "apliquen", "pt": "apliquem"},
        ),
        # the sheet amends the rules on labour-skills projects and sectoral bodies, not
        # ChileValora's own rules
        (
            "chl_migrant_skills_accreditation",
            Action.OUTCOME,
            {
                "en": (
                    "The regulations governing the implementation of projects related to labour "
                    "skills and the operation of sectoral labour skills organisations were "
                    "amended to include the integration of the migrant population in the Chile "
                    "Valora system"
                ),
                "es": (
                    "Se modificó la normativa que regula la ejecución de proyectos de "
                    "competencias laborales y el funcionamiento de los organismos sectoriales de "
                    "competencias laborales, para incluir la integración de la población migrante "
                    "en el sistema Chile Valora"
                ),
                "pt": (
                    "Foram modificadas as normas que regem a execução de projetos de competências "
                    "laborais e o funcionamento dos organismos setoriais de competências "
                    "laborais, para incluir a integração da população migrante no sistema Chile "
                    "Valora"
                ),
            },
            {
                "en": "Chile Valora's rules",
                "es": "normativa de ChileValora",
                "pt": "normas do ChileValora",
            },
        ),
        # the action recognises existing certifications (EUROsociAL's Spanish: "homologación de
        # certificaciones laborales")
        (
            "pacific_alliance_skills_accreditation",
            Action.TITLE,
            {
                "en": "accrediting migrants' employment certifications",
                "es": (
                    "sistema integrado de homologación de certificaciones laborales de personas "
                    "migrantes"
                ),
                "pt": (
                    "sistema integrado de homologação de certificações laborais de pessoas "
                    "migrantes"
                ),
            },
            {
                "en": "skills",
                "es": "certificación de competencias",
                "pt": "certificação de competências",
            },
        ),
        (
            "aiamp_anticorruption_network",
            Action.OUTCOME,
            {
                "en": "as well as a working strategy and methodology in this area",
                "es": "así como una estrategia y una metodología de trabajo en esta materia",
                "pt": "bem como uma estratégia e uma metodologia de trabalho nessa área",
            },
            {},
        ),
        (
            "sica_regional_social_policy",
            Action.OUTCOME,
            {
                "en": "gender equality and equity as an overarching priority",
                "es": "la igualdad y la equidad de género como prioridad transversal",
                "pt": "a igualdade e a equidade de gênero como prioridade transversal",
            },
            {},
        ),
    ],
)
def test_action_wording_says_what_the_sheet_says_in_every_language(
    bundle, action_id, field, says, not_says
):
    texts = _texts(bundle, action_id, field)
    for lang, words in says.items():
        assert words in texts[lang], (lang, texts[lang])
    for lang, words in not_says.items():
        assert words not in texts[lang], (lang, texts[lang])


def test_the_english_outcomes_corrected_are_the_sheets_own_words(bundle):
    actions = bundle.actions.set_index(Action.ID)
    assert _norm(actions.at["chl_court_access_to_justice", Action.OUTCOME]) in SHEET
    assert _norm("as well as a working strategy and methodology in this area") in SHEET


def test_spanish_calls_the_document_a_ficha_not_a_hoja(bundle):
    from lib.model.localise import TRANSLATIONS_CSV

    spanish = pd.read_csv(TRANSLATIONS_CSV, dtype=str, keep_default_na=False)["es"]
    assert not spanish.str.contains(r"\bhoja\b", case=False).any()
    cases = spanish[spanish.str.contains("no da cifras")]
    assert len(cases) == 3 and cases.str.contains("La ficha no da cifras").all()
    from lib.base.i18n import catalogue

    interface = catalogue("es").texts.values()
    assert not [s for s in interface if re.search(r"\bhoja\b", s, re.IGNORECASE)]
    assert (
        "Fuente: ficha de migración de EUROsociAL+, hacia 2020. Cada cifra cita su sección; vea "
        "Fuentes y método." in interface
    )


def test_the_region_is_latin_america_and_the_caribbean_in_every_language_and_the_note_says_why(
    bundle,
):
    from lib.model.localise import localized

    names = {
        lang: localized(bundle, lang).places.set_index(Place.CODE).at["XLA", Place.NAME]
        for lang in LANGS
    }
    assert names == {
        "en": "Latin America and the Caribbean",
        "es": "América Latina y el Caribe",
        "pt": "América Latina e o Caribe",
    }
    places = bundle.places.set_index(Place.CODE)
    assert (
        places.at["HTI", Place.REGION] == "XLA"
    )  # the sheet's region holds Haiti, a Caribbean country
    note = _flow(bundle, "ven_region")[Flow.NOTE]
    assert "Latin America and the Caribbean" in note and "Haiti" in note
    readme = DOCS
    assert "is read as Latin America and the Caribbean (`XLA`)" in readme
    # what the UN estimate counts is not in the sheet (issue 27, item 7)
    reading = readme[readme.index('2. **"The region"**') : readme.index("3. **The Northern")]
    for text in (note, re.sub(r"\s+", " ", reading)):
        assert "UN estimate" not in text and "does not say which countries the region holds" in text


def test_people_in_transit_through_mexico_have_no_origin_and_pass_via_mexico(bundle):
    transit = _flow(bundle, "transit_via_mex_usa")
    assert (transit[Flow.ORIGIN], transit[Flow.VIA], transit[Flow.DESTINATION]) == (
        "XOG",
        "MEX",
        "USA",
    )
    assert bundle.places.set_index(Place.CODE).at["XOG", Place.NAME] == "Origin not given"
    assert "people in transit to the United States" in transit[Flow.QUOTE]
    deported = _flow(bundle, "usa_mex_deported")  # unchanged: deported from the US to Mexico
    assert (deported[Flow.ORIGIN], deported[Flow.DESTINATION]) == ("USA", "MEX")
    mexico_to_us = bundle.flows[
        (bundle.flows[Flow.ORIGIN] == "MEX") & (bundle.flows[Flow.DESTINATION] == "USA")
    ]
    assert mexico_to_us.empty


def test_venezuelas_case_text_says_its_figures_are_stocks_in_every_language(bundle):
    from lib.model.localise import localized

    says = {
        "en": "not movements per year",
        "es": "no movimientos por año",
        "pt": "não movimentos por ano",
    }
    for lang, words in says.items():
        summary = localized(bundle, lang).cases.set_index("crisis").at["venezuela", "summary"]
        assert words in summary and "2020" in summary, lang


# --------------------------------------------------------------------------- wording (issue 27)

RAW_SHEET = re.sub(r"\s+", " ", SHEET_PATH.read_text(encoding="utf-8"))


def _ws(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# the AIAMP outcome: each passage the English had changed or dropped, in every language
AIAMP = {
    "en": (
        "the APTUS System was implemented to compile regulations, jurisprudence and "
        "anti-corruption doctrine",
        "visibility and positioning",
        "ensuring an alliance of this partnership within the AIAMP Trafficking Network",
        "research into the problem of gender and corruption in the triple-border region",
    ),
    "es": (
        "se implementó el Sistema APTUS para recopilar normativa, jurisprudencia y doctrina "
        "anticorrupción",
        "visibilidad y posicionamiento",
        "asegurando una alianza de esta asociación en el seno de la Red de Trata de la AIAMP",
        "investigación del problema de género y corrupción en la región de la triple frontera",
    ),
    "pt": (
        "foi implementado o Sistema APTUS para reunir normas, jurisprudência e doutrina "
        "anticorrupção",
        "visibilidade e posicionamento",
        "assegurando uma aliança dessa parceria no âmbito da Rede de Tráfico de Pessoas da AIAMP",
        "pesquisa sobre o problema de gênero e corrupção na região da tríplice fronteira",
    ),
}


def test_the_aiamp_outcome_keeps_every_passage_of_the_sheet_in_every_language(bundle):
    texts = _texts(bundle, "aiamp_anticorruption_network", Action.OUTCOME)
    for lang, passages in AIAMP.items():
        assert [p for p in passages if p not in texts[lang]] == [], lang
    assert "APTUS system compiles" not in texts["en"]  # the sheet: an implementation, to compile
    assert "Implementation of the APTUS System to compile regulations" in SHEET
    sheet = SHEET.casefold()
    english = [_norm(p).casefold() for p in AIAMP["en"][1:]] + [
        "APTUS System to compile regulations, jurisprudence and anti-corruption doctrine".casefold()
    ]
    assert [p for p in english if p not in sheet] == []  # the English is the sheet's own words


def test_the_childrens_route_has_no_justice_theme_resting_on_the_doubtful_ministry(bundle):
    from lib.model.actions import ActionFilter, filter_actions

    route = bundle.actions.set_index(Action.ID).loc["mex_child_protection_route"]
    assert split_list(route[Action.THEMES]) == ["children"]
    justice = filter_actions(bundle.actions, ActionFilter(themes=("access_to_justice",)))
    assert sorted(justice[Action.ID]) == [
        "aidef_legal_aid_network",
        "chl_court_access_to_justice",
        "chl_criminal_defence_model",
    ]
    for lang, outcome in _texts(bundle, "mex_child_protection_route", Action.OUTCOME).items():
        assert "justic" not in outcome.casefold(), lang  # justice, justicia, justiça
    assert "no access_to_justice theme" in route[Action.NOTE]


def test_no_note_says_the_sheet_classifies_an_action_as_designed_for_migration_or_not(bundle):
    notes = bundle.actions.set_index(Action.ID)[Action.NOTE].fillna("")
    assert not notes.str.contains("lists the action among").any()
    note = notes["chl_regional_social_development_divisions"]
    assert "it does not say which actions are which" in note
    quoted = [q for n in notes for q in re.findall(r'"([^"]+)"', n)]
    assert len(quoted) >= 4 and [q for q in quoted if _norm(q) not in SHEET] == []


def test_the_pacific_alliances_countries_come_from_the_country_cell_not_the_outcome(bundle):
    action = bundle.actions.set_index(Action.ID).loc["pacific_alliance_skills_accreditation"]
    alliance = {"en": "Pacific Alliance", "es": "Alianza del Pacífico", "pt": "Aliança do Pacífico"}
    countries = {
        "en": ("Chile", "Colombia", "Mexico", "Peru"),
        "es": ("Chile", "Colombia", "México", "Perú"),
        "pt": ("Chile", "Colômbia", "México", "Peru"),
    }
    for lang, outcome in _texts(bundle, action.name, Action.OUTCOME).items():
        assert alliance[lang] in outcome and not any(c in outcome for c in countries[lang])
    assert "which the outcome names" not in action[Action.NOTE]
    assert "The outcome names the Pacific Alliance, not its countries" in action[Action.NOTE]
    assert "CHILE/COLOMBIA" in SHEET and "MEXICO/PERU" in SHEET
    assert "(the four Pacific Alliance countries)" not in _ws(DOCS)


def test_round_brackets_hold_the_sheets_words_and_square_brackets_only_ours(bundle):
    from lib.model.organisations import official_names, organisation_label

    orgs = pd.read_csv(ROOT / "data" / "organisations.csv", dtype=str, keep_default_na=False)
    squared = re.findall(r"\[([A-Z]+)\]", SHEET)
    assert sorted(squared) == ["AIAMP", "AIDEF", "SICA"]  # the sheet's only square brackets
    for _, org in orgs.iterrows():
        name = org["name"]
        assert "[" not in name and "]" not in name, name
        as_sheet = re.sub(r"\((" + "|".join(squared) + r")\)", r"[\1]", name)
        assert _norm(as_sheet) in SHEET, name  # the sheet's words, bracket aside
        if as_sheet != name:  # the note says what changed
            assert f"square brackets, {as_sheet[as_sheet.index('[') :]}" in org["note"], name
    used = {o for cell in bundle.actions[Action.ORGANISATIONS] for o in split_list(cell)}
    assert used == set(orgs["name"])
    for lang, ours in (
        ("en", "official name, added by us"),
        ("es", "nombre oficial, añadido por nosotros"),
        ("pt", "nome oficial, acrescentado por nós"),
    ):
        label = organisation_label(
            "Inter-American Association of Public Defenders (AIDEF)", official_names(), lang
        )
        assert label == (
            f"Inter-American Association of Public Defenders (AIDEF) [{ours}: Asociación "
            "Interamericana de Defensorías Públicas (AIDEF)]"
        )
    assert "Organisations are shown as the sheet names them" not in DOCS
    assert "Round brackets are the sheet's" in _ws(DOCS)
    assert "Square brackets are ours alone" in DOCS


def test_quotes_are_the_sheets_words_without_its_bold_markers_and_the_readme_says_so(bundle):
    quotes = list(bundle.flows[Flow.QUOTE]) + list(bundle.cases["quote"])
    assert [q for q in quotes if "**" in q] == []
    unbolded = RAW_SHEET.replace("**", "")
    assert [q for q in quotes if _ws(q) not in unbolded] == []  # no other change than the markers
    across_bold = [q for q in quotes if _ws(q) not in RAW_SHEET]
    assert len(across_bold) == 11
    assert "carries the exact words of the sheet" not in DOCS
    assert "the `**` markers with which the conversion marks bold type are dropped" in _ws(DOCS)


def test_the_readme_names_mexico_as_a_north_american_country_of_the_sheet():
    reading = _ws(DOCS[DOCS.index("3. **The Northern") : DOCS.index("4. **Nicaragua**")])
    assert "no other North American country" not in reading
    assert "The sheet names two North American countries" in reading
    assert 'It does not say whether "the north of the continent" includes Mexico' in reading
