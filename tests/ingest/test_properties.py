"""lib.ingest on generated files (hypothesis): a file is read whole into exactly the figures its
generator wrote (countries only; `..`, `-` and empty cells are gaps, never rows; UNHCR's zeros
give no row) or refused with at least one problem, each naming the row at fault; never an
exception (read_dataset's last-resort "unreadable" problem counts as one).

Three generators, each also computing what a careful reader must make of its file:
- UNHCR's API CSV: rows of real countries, measures plain, quoted with thousands ("3,012"), or
  with thousands and no quotes (the row splits into more cells than the header: refused), in a
  file separated by `,` or `;` (there a comma is read as thousands only with two groups or more:
  1,234,567; one group, 1,234, is refused as ambiguous), in UTF-8, UTF-8 with a BOM,
  Windows-1252 or UTF-16; some lines with empty cells beyond the header's: cells too, so the
  row is refused (an unquoted 1,000 before an empty last cell has the same shape).
- A long table: origin, destination, year and value among unrelated columns in any order, areas
  as ISO3 codes or names, some rows regions or totals (skipped and named, never countries).
- UN DESA's Table 1 workbook: real countries' M49 codes, and codes of regions, groups and an
  area without an ISO code, all skipped.

The fast tier is derandomized (the same examples on every run) and also runs, as explicit
examples, the smallest files the generators found that lib.ingest reads wrong; the `slow`
variants draw ten times as many, at random.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import pycountry
import pytest
from hypothesis import Phase, example, given, settings
from hypothesis import strategies as st

from lib.base.schema import Flow
from lib.ingest import read_dataset
from lib.ingest.aggregates import is_aggregate
from lib.ingest.areas import code_of_name, m49_kind
from lib.ingest.unhcr import READ
from lib.model.bundle import Bundle, load_bundle
from tests.ingest_files import YEARS, desa_xlsx

FAST = {"unhcr": 150, "long": 150, "undesa": 30}  # examples per test in the fast tier


@lru_cache(maxsize=1)
def base() -> Bundle:
    """The bundled data the rows join (loaded once; not a fixture, so that hypothesis does not
    print it with a failing example)."""
    return load_bundle()


# Every phase but "explain", which reruns a failing example hundreds of times (each reading
# validates its rows with pandera, about 60 ms): a failure is shown in about a minute.
PHASES = (Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink)


def fast(n: int) -> settings:
    """The fast tier: the same `n` examples on every run (no database, a fixed seed)."""
    return settings(
        max_examples=n,
        derandomize=True,
        database=None,
        deadline=None,
        phases=PHASES,
        report_multiple_bugs=True,
    )


def many(n: int) -> settings:
    """The slow tier: ten times as many examples, drawn at random."""
    return settings(max_examples=10 * n, deadline=None, phases=PHASES, report_multiple_bugs=False)


# --------------------------------------------------------------------- the generators' world

ISO3 = ("VEN", "COL", "PER", "CHL", "BRA", "HTI", "MEX", "USA", "ECU", "ARG")
# How UNHCR's API names and codes them (coo_name, coo): accents for Windows-1252 to keep.
UNHCR_NAMES = {
    "VEN": ("Venezuela (Bolivarian Republic of)", "VEN"),
    "COL": ("Colombia", "COL"),
    "PER": ("Perú", "PER"),
    "CHL": ("Chile", "CHL"),
    "BRA": ("Brasil", "BRA"),
    "HTI": ("Haiti", "HAI"),
    "MEX": ("México", "MEX"),
    "USA": ("United States of America", "USA"),
    "ECU": ("Ecuador", "ECU"),
    "ARG": ("Argentina", "ARG"),
}
# How a long table may write each country (checked by test_the_generators_areas_are_what_they_say).
WRITTEN = {
    "VEN": ("VEN", "Venezuela", "Venezuela (Bolivarian Republic of)"),
    "COL": ("COL", "Colombia"),
    "PER": ("PER", "Peru", "Perú"),
    "CHL": ("CHL", "Chile"),
    "BRA": ("BRA", "Brazil"),
    "HTI": ("HTI", "Haiti"),
    "MEX": ("MEX", "Mexico"),
    "USA": ("USA", "United States"),
    "ECU": ("ECU", "Ecuador"),
    "ARG": ("ARG", "Argentina"),
}
AGGREGATES = ("Latin America and the Caribbean", "Total", "Other", "North America", "Europe")
# UN DESA's M49 codes: real countries (→ ISO3 by pycountry), regions and groups, and an area
# without an ISO code; each kind checked with lib.ingest.areas.m49_kind below.
DESA_COUNTRIES = {862: "VEN", 170: "COL", 604: "PER", 152: "CHL", 76: "BRA", 332: "HTI"}
DESA_COUNTRIES |= {484: "MEX", 840: "USA"}
DESA_NAMES = {
    862: "Venezuela (Bolivarian Republic of)",
    170: "Colombia",
    604: "Peru*",
    152: "Chile",
    76: "Brazil",
    332: "Haiti",
    484: "Mexico",
    840: "United States of America*",
    900: "WORLD",
    419: "Latin America and the Caribbean",
    1830: "LATIN AMERICA AND THE CARIBBEAN",
    830: "Channel Islands",
}
DESA_KINDS = {900: "group", 1830: "group", 419: "region", 830: "no_iso"}
DESA_KINDS |= dict.fromkeys(DESA_COUNTRIES, "country")

ENCODINGS = ("utf-8", "utf-8-sig", "cp1252", "utf-16")
GAPS = ("..", "-", "")
UNHCR_HEADER = (
    "year",
    "coo_name",
    "coo",
    "coo_iso",
    "coa_name",
    "coa",
    "coa_iso",
    "refugees",
    "asylum_seekers",
    "returned_refugees",
    "idps",
    "returned_idps",
    "stateless",
    "ooc",
    "oip",
    "hst",
)
MEASURES = UNHCR_HEADER[7:]
SPLIT, AMBIGUOUS = "row_width", "people_ambiguous"  # the checks a generated cell may break


def test_the_generators_areas_are_what_they_say(bundle):
    """The generators' assumptions, checked against the published lists they come from."""
    for iso, names in WRITTEN.items():
        assert pycountry.countries.get(alpha_3=iso) is not None
        for name in names:
            assert code_of_name(name, bundle.places) == iso, name
            assert not is_aggregate(name, bundle.places), name
    for name, _ in UNHCR_NAMES.values():
        assert not is_aggregate(name, bundle.places), name
    for name in AGGREGATES:
        assert is_aggregate(name, bundle.places), name
    for code, kind in DESA_KINDS.items():
        assert m49_kind(code) == kind, code
    for code, iso in DESA_COUNTRIES.items():
        assert pycountry.countries.get(numeric=f"{code:03d}").alpha_3 == iso


# --------------------------------------------------------------------- a figure's cell


def figure_cells() -> st.SearchStrategy[tuple[str, object]]:
    """A figure's cell as (form, content): a gap (`..`, `-`, empty) or a number written
    plainly, with comma thousands in quotes, or with comma thousands and no quotes."""
    number = st.one_of(
        st.just(0),
        st.integers(1, 999),
        st.integers(1_000, 999_999),
        st.integers(1_000_000, 100_000_000),
    )
    return st.one_of(
        st.tuples(st.just("gap"), st.sampled_from(GAPS)),
        st.tuples(st.sampled_from(("plain", "plain", "quoted", "bare")), number),
    )


def written(cell: tuple[str, object]) -> str:
    form, content = cell
    if form in ("gap", "plain"):
        return str(content)
    return f'"{content:,}"' if form == "quoted" else f"{content:,}"


def meaning(cell: tuple[str, object], sep: str) -> int | str | None:
    """Return what a careful reader makes of a cell in a file separated by `sep`: its number,
    None for a gap, SPLIT when the cell splits its row (thousands, no quotes, separated by
    commas), AMBIGUOUS for one comma group where a comma may be a decimal mark."""
    form, n = cell
    if form == "gap":
        return None
    if form == "plain" or n < 1_000:
        return n
    if form == "bare" and sep == ",":
        return SPLIT
    if sep != "," and n < 1_000_000:
        return AMBIGUOUS
    return n


# --------------------------------------------------------------------- checking a reading


@dataclass(frozen=True)
class Case:
    """A generated file (its text, or a workbook's rows in words) and what must come of it:
    hypothesis prints every field of a failing example."""

    text: str
    encoding: str
    name: str
    kwargs: dict = field(default_factory=dict)  # read_dataset's options
    figures: dict = field(default_factory=dict)  # (origin, dest, year, indicator) → people
    refusals: frozenset = frozenset()  # {(row, check)}: the problems a refusal must give
    aggregates: frozenset = frozenset()  # the regions, groups and totals skipped
    data: bytes = b""  # the file's bytes when not its text encoded (a workbook)


def got(imported) -> dict[tuple[str, str, int, str], int]:
    f = imported.flows
    keys = zip(f[Flow.ORIGIN], f[Flow.DESTINATION], f[Flow.YEAR], f[Flow.INDICATOR], strict=True)
    return {(o, d, int(y), i): int(p) for (o, d, y, i), p in zip(keys, f[Flow.PEOPLE], strict=True)}


def said(imported) -> list[str]:
    return [str(p) for p in imported.problems]


def check_reading(case: Case) -> object:
    """Read the case's file and hold the property; return the Import."""
    data = case.data or case.text.encode(case.encoding)
    imported = read_dataset(data, case.name, **case.kwargs, base=base())
    # never an exception: read_dataset turns one into an "unreadable" problem
    assert not [p for p in imported.problems if p.check == "unreadable"], said(imported)
    # read whole and exact, or refused with at least one problem (and no rows)
    if imported.ok:
        assert got(imported) == case.figures
    else:
        assert imported.problems and imported.flows is None
        assert all(p.file == case.name for p in imported.problems)
    # refused exactly when the file breaks a rule, each problem naming its row and rule
    if case.refusals:
        assert {(p.row, p.check) for p in imported.problems} == case.refusals, said(imported)
    elif not case.figures:
        assert [p.check for p in imported.problems] in (["empty"], ["only_aggregates"]), said(
            imported
        )
    else:
        assert imported.ok, said(imported)
    return imported


def line(cells: list[str], sep: str, blanks: int = 0) -> str:
    """Return a line of the file; `blanks` empty cells after the last (as some spreadsheet
    exports write them: the row is then wider than its header, and refused)."""
    return sep.join([*cells, *[""] * blanks]) + "\n"


BLANKS = st.sampled_from((0, 0, 0, 1, 2))  # empty cells a data line has beyond the header's


def maybe_quoted(text: str, quote: bool) -> str:
    return f'"{text}"' if quote else text


# --------------------------------------------------------------------- 1. UNHCR's API CSV


def pairs() -> st.SearchStrategy[tuple[str, str]]:
    return st.tuples(st.sampled_from(ISO3), st.sampled_from(ISO3)).filter(lambda p: p[0] != p[1])


@st.composite
def unhcr_files(draw) -> Case:
    sep = draw(st.sampled_from((",", ";")))
    encoding = draw(st.sampled_from(ENCODINGS))
    quote_names = draw(st.booleans())
    keys = draw(
        st.lists(st.tuples(pairs(), st.integers(1990, 2024)), min_size=1, max_size=6, unique=True)
    )
    text = line(list(UNHCR_HEADER), sep)
    figures, refusals = {}, set()
    for row, ((o, d), year) in enumerate(keys, start=2):
        cells = {m: draw(figure_cells()) for m in MEASURES}
        (oname, ocode), (dname, dcode) = UNHCR_NAMES[o], UNHCR_NAMES[d]
        areas = [maybe_quoted(oname, quote_names), ocode, o, maybe_quoted(dname, quote_names)]
        cells_written = [str(year), *areas, dcode, d, *(written(cells[m]) for m in MEASURES)]
        blanks = draw(BLANKS)
        text += line(cells_written, sep, blanks)
        read = {m: meaning(c, sep) for m, c in cells.items()}
        if SPLIT in read.values() or blanks:
            refusals.add((row, SPLIT))
            continue
        for m in READ:
            if read[m] == AMBIGUOUS:
                refusals.add((row, AMBIGUOUS))
            elif read[m]:  # zeros and gaps give no row
                figures[(o, d, year, m)] = read[m]
    return Case(text, encoding, "unhcr.csv", {}, figures, frozenset(refusals))


def check_unhcr(case: Case) -> None:
    imported = check_reading(case)
    if imported.ok:
        assert imported.shape == "unhcr"


# Files the generator found that lib.ingest gets wrong (kept as explicit examples, so that the
# fast tier checks them on every run until they are mended).
UNHCR_API_HEADER = ",".join(UNHCR_HEADER) + "\n"
VEN_COL = "Venezuela (Bolivarian Republic of),VEN,VEN,Colombia,COL,COL"
# 3,012 with no quotes splits the row into 17 cells; hst empty, the 17th is empty and is
# dropped as a blank: the row passes as 16 cells, oip read as 1 (and hst as 000).
SPLIT_HIDDEN_BY_AN_EMPTY_LAST_CELL = Case(
    UNHCR_API_HEADER + f"1990,{VEN_COL},..,..,..,..,..,..,..,1,000,\n",
    "utf-8",
    "unhcr.csv",
    refusals=frozenset({(2, SPLIT)}),
)
# Separated by `;`, two of three rows with a blank after the last cell: the comma (inside
# "1,000", quoted) split more rows into one width than `;` did, and the file was refused as
# no shape we read. Now `;` is found, and the two rows wider than the header are refused.
VEN_COL_SEMICOLONS = VEN_COL.replace(",", ";")
SEMICOLONS_WITH_SOME_BLANKS = Case(
    UNHCR_API_HEADER.replace(",", ";")
    + f'2020;{VEN_COL_SEMICOLONS};5;..;..;..;..;..;..;..;"1,000"\n'
    + f'2021;{VEN_COL_SEMICOLONS};5;..;..;..;..;..;..;..;"1,000";\n'
    + f'2022;{VEN_COL_SEMICOLONS};5;..;..;..;..;..;..;..;"1,000";\n',
    "utf-8",
    "unhcr.csv",
    figures={("VEN", "COL", 2020, "refugees"): 5},
    refusals=frozenset({(3, SPLIT), (4, SPLIT)}),
)


@fast(FAST["unhcr"])
@given(case=unhcr_files())
@example(case=SPLIT_HIDDEN_BY_AN_EMPTY_LAST_CELL)
@example(case=SEMICOLONS_WITH_SOME_BLANKS)
def test_unhcr_csv_is_read_exactly_or_refused_with_its_rows(case):
    check_unhcr(case)


@pytest.mark.slow
@many(FAST["unhcr"])
@given(case=unhcr_files())
def test_unhcr_csv_is_read_exactly_or_refused_many(case):
    check_unhcr(case)


# --------------------------------------------------------------------- 2. a long table (CSV)

ROLE_NAMES = {
    "origin": ("origin", "Origin country", "País de origen"),
    "destination": ("destination", "Country", "Destino"),
    "year": ("year", "Date", "Año"),
    "value": ("value", "Refugees and migrants", "people"),
}
EXTRA_NAMES = ("", "note", "Source", "ID")
EXTRA_CELLS = ("", "", "n/a", "R4V", "see note", '"a, b"', '"a; b"', "2024")
NOTES = ("Refugees and migrants from Venezuela", "Source: R4V platform (May 2024)")


@st.composite
def long_files(draw) -> Case:
    sep = draw(st.sampled_from((",", ";")))
    encoding = draw(st.sampled_from(ENCODINGS))
    names = {role: draw(st.sampled_from(options)) for role, options in ROLE_NAMES.items()}
    header = draw(
        st.permutations(
            [*names.values(), *draw(st.lists(st.sampled_from(EXTRA_NAMES), max_size=3))]
        )
    )
    notes = draw(st.lists(st.sampled_from(NOTES), max_size=2))
    quote_names = draw(st.booleans())

    def area(iso: str) -> str:
        return maybe_quoted(draw(st.sampled_from(WRITTEN[iso])), quote_names)

    country_keys = draw(
        st.lists(st.tuples(pairs(), st.integers(1990, 2024)), max_size=6, unique=True)
    )
    rows = [(area(o), area(d), year, (o, d)) for (o, d), year in country_keys]
    n_aggregates = draw(st.integers(0, 3))
    for _ in range(n_aggregates):
        ends = draw(st.sampled_from(("origin", "destination", "both")))
        origin = draw(st.sampled_from(AGGREGATES)) if ends != "destination" else area("VEN")
        dest = draw(st.sampled_from(AGGREGATES)) if ends != "origin" else area("COL")
        rows.append((origin, dest, draw(st.integers(1990, 2024)), None))
    rows = draw(st.permutations(rows))
    if not rows:
        rows = [(area("VEN"), area("COL"), 2020, ("VEN", "COL"))]

    text = "".join(n + "\n" for n in notes) + line(header, sep)
    first = len(notes) + 2  # the first data row's number
    figures, refusals, aggregates = {}, set(), set()
    for row, (origin, dest, year, countries) in enumerate(rows, start=first):
        cell = draw(figure_cells())
        year_text = draw(st.sampled_from((str(year), f"{year}-05-31", f"31/05/{year}")))
        by_name = {names["origin"]: origin, names["destination"]: dest}
        by_name |= {names["year"]: year_text, names["value"]: written(cell)}
        text += line(
            [by_name[h] if h in by_name else draw(st.sampled_from(EXTRA_CELLS)) for h in header],
            sep,
            blanks := draw(BLANKS),
        )
        value = meaning(cell, sep)
        if value == SPLIT or blanks:
            refusals.add((row, SPLIT))
        elif countries is None:
            aggregates |= {a for a in (origin, dest) if a in AGGREGATES}
        elif value == AMBIGUOUS:
            refusals.add((row, AMBIGUOUS))
        elif value is not None:
            figures[(*countries, year, "stock")] = value
    kwargs = {
        "fmt": draw(st.sampled_from(("auto", "long"))),
        "columns": names,
        "indicator": "stock",
    }
    return Case(
        text, encoding, "table.csv", kwargs, figures, frozenset(refusals), frozenset(aggregates)
    )


def check_long(case: Case) -> None:
    imported = check_reading(case)
    if imported.ok:
        assert set(imported.aggregates) == case.aggregates
    if not case.refusals and not case.figures and case.aggregates:
        assert [p.check for p in imported.problems] == ["only_aggregates"]


LONG_COLUMNS = {"origin": "origin", "destination": "destination", "year": "year", "value": "value"}
LONG_OPTIONS = {"columns": LONG_COLUMNS, "indicator": "stock"}
# 1,234 with no quotes and an empty last cell: read as 1 (the same rule as the UNHCR case).
LONG_SPLIT_HIDDEN = Case(
    "origin,destination,year,value,note\nVEN,COL,2020,1,234,\n",
    "utf-8",
    "table.csv",
    LONG_OPTIONS,
    refusals=frozenset({(2, SPLIT)}),
)
# Separated by commas, two of three rows with a blank after the last cell, a note holding
# "a; b" in quotes: `;` was taken for the separator and every row refused, blaming thousands.
# Now the comma is found, and the two rows wider than the header are refused.
LONG_COMMAS_WITH_SOME_BLANKS = Case(
    "origin,destination,year,value,note\n"
    'VEN,COL,2020,5,"a; b"\n'
    'VEN,PER,2020,6,"a; b",\n'
    'VEN,CHL,2020,7,"a; b",\n',
    "utf-8",
    "table.csv",
    LONG_OPTIONS,
    figures={("VEN", "COL", 2020, "stock"): 5},
    refusals=frozenset({(3, SPLIT), (4, SPLIT)}),
)


@fast(FAST["long"])
@given(case=long_files())
@example(case=LONG_SPLIT_HIDDEN)
@example(case=LONG_COMMAS_WITH_SOME_BLANKS)
def test_long_csv_is_read_exactly_or_refused_with_its_rows(case):
    check_long(case)


@pytest.mark.slow
@many(FAST["long"])
@given(case=long_files())
def test_long_csv_is_read_exactly_or_refused_many(case):
    check_long(case)


# --------------------------------------------------------------------- 3. UN DESA's Table 1


@st.composite
def desa_files(draw) -> Case:
    codes = st.sampled_from(sorted(DESA_KINDS))
    keys = draw(
        st.lists(
            st.tuples(codes, codes).filter(lambda k: k[0] != k[1]),
            min_size=1,
            max_size=5,
            unique=True,
        )
    )
    value = st.one_of(
        st.integers(0, 100_000_000),
        st.integers(0, 100_000_000).map(float),
        st.sampled_from(("..", None, "-")),
    )
    rows, figures, skipped = [], {}, {}
    for d, o in keys:
        both = draw(st.lists(value, min_size=len(YEARS), max_size=len(YEARS)))
        rows.append((DESA_NAMES[d], d, DESA_NAMES[o], o, both))
        if DESA_KINDS[d] == DESA_KINDS[o] == "country":
            for year, v in zip(YEARS, both, strict=True):
                if isinstance(v, int | float):
                    figures[(DESA_COUNTRIES[o], DESA_COUNTRIES[d], year, "undesa_stock")] = int(v)
        skipped |= {c: DESA_KINDS[c] for c in (d, o) if DESA_KINDS[c] != "country"}
    edition = draw(st.sampled_from(("International Migrant Stock 2024", None)))
    data = desa_xlsx(rows, edition=edition)
    text = "\n".join(f"{dn} ({dc}) <- {on} ({oc}): {both}" for dn, dc, on, oc, both in rows)
    aggregates = frozenset((code, kind) for code, kind in skipped.items())
    return Case(text, "xlsx", "table1.xlsx", {}, figures, frozenset(), aggregates, data)


def check_desa(case: Case) -> None:
    imported = check_reading(case)
    kinds = {kind for _, kind in case.aggregates}
    checks = {n.check for n in imported.notices}
    for kind in ("region", "group", "no_iso"):
        assert (f"notice_skipped_{kind}" in checks) == (kind in kinds), checks
    if imported.ok:
        no_iso = sorted(c for c, kind in case.aggregates if kind == "no_iso")
        assert imported.skipped == tuple(f"{DESA_NAMES[c]} ({c})" for c in no_iso)


@fast(FAST["undesa"])
@given(case=desa_files())
def test_undesa_table_1_is_read_exactly_or_refused(case):
    check_desa(case)


@pytest.mark.slow
@many(FAST["undesa"])
@given(case=desa_files())
def test_undesa_table_1_is_read_exactly_or_refused_many(case):
    check_desa(case)
