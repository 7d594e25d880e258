"""lib.ingest on the slips real files have: every figure exactly the file's or refused with its
row, regions never countries, one message and never a traceback, stacking that keeps every
dataset's figure once. Each case is one the last review found on main (issue 30)."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from lib.base.i18n import tr
from lib.base.schema import Flow
from lib.ingest import read_dataset, table_header
from lib.ingest.table import separator_of
from lib.ingest.upload import files_in_view, merged, our_table
from lib.model import timeline
from lib.model.bundle import load_bundle
from tests.helpers import run_module
from tests.ingest_files import DESA_ROWS, UNHCR_API, desa_xlsx, edited, xlsx

UNHCR_HEADER = (
    "year,coo_name,coo,coo_iso,coa_name,coa,coa_iso,refugees,asylum_seekers,"
    "returned_refugees,idps,returned_idps,stateless,ooc,oip,hst\n"
)
LONG = {"origin": "origin", "destination": "destination", "year": "year", "value": "value"}


CDV = {"destination": "Country", "year": "Date", "value": "Value"}


def r4v(data: bytes, name: str, columns: dict[str, str], base, **kw: object):
    """Return a long table read as R4V's: one origin (Venezuela) for every row, r4v_stock."""
    return read_dataset(
        data,
        name,
        fmt="long",
        origin="VEN",
        columns=columns,
        indicator="r4v_stock",
        base=base,
        **kw,
    )


def texts(imported, lang: str = "en") -> list[str]:
    return [p.text(tr(lang)) for p in imported.problems]


def people(imported) -> dict[tuple[str, str, int, str], int]:
    f = imported.flows
    return {
        (o, d, int(y), i): int(p)
        for o, d, y, i, p in zip(
            f[Flow.ORIGIN],
            f[Flow.DESTINATION],
            f[Flow.YEAR],
            f[Flow.INDICATOR],
            f[Flow.PEOPLE],
            strict=True,
        )
    }


# --------------------------------------------------------------------- rows whole or refused


def test_unhcr_unquoted_thousands_are_refused_with_the_row_never_cut(bundle):
    """Was: refugees 3 instead of 3,012, asylum-seekers 12 instead of 1,234, oip lost, exit 0."""
    body = "2023,Venezuela,VEN,VEN,Colombia,COL,COL,3,012,1,234,0,0,0,0,0,2800000,0\n"
    imp = read_dataset((UNHCR_HEADER + body).encode(), "unhcr.csv", base=bundle)
    assert not imp.ok and imp.flows is None
    assert texts(imp) == [
        "unhcr.csv, row 2: this row has 18 cells and the header 16; nothing of it is read. A "
        "number written with thousands separators and no quotes (3,012) splits into two cells: "
        'write 3012 or "3,012"'
    ]
    assert texts(imp, "es")[0].startswith("unhcr.csv, fila 2:")


def test_unhcr_quoted_thousands_are_read_exactly(bundle):
    body = '2023,Venezuela,VEN,VEN,Colombia,COL,COL,"3,012","1,234",0,0,0,0,0,"2,800,000",0\n'
    imp = read_dataset((UNHCR_HEADER + body).encode(), "unhcr.csv", base=bundle)
    assert imp.ok, texts(imp)
    assert people(imp) == {
        ("VEN", "COL", 2023, "refugees"): 3012,
        ("VEN", "COL", 2023, "asylum_seekers"): 1234,
        ("VEN", "COL", 2023, "oip"): 2_800_000,
    }


def test_long_csv_with_unquoted_thousands_is_refused_not_read_as_1(bundle):
    """Was: Venezuela → Colombia = 1."""
    data = b"destination,year,value\nColombia,2020,1,731,017\nPeru,2020,1542004\n"
    imp = r4v(data, "r4v.csv", LONG_NO_ORIGIN, base=bundle)
    assert not imp.ok
    assert [(p.row, p.check) for p in imp.problems] == [(2, "row_width")]


LONG_NO_ORIGIN = {"destination": "destination", "year": "year", "value": "value"}


def test_a_short_row_is_refused_never_padded(bundle):
    data = b"origin,destination,year,value\nVEN,COL,2020,5\nVEN,PER,2020\n"
    imp = read_dataset(data, "mine.csv", columns=LONG, indicator="stock", base=bundle)
    assert [(p.row, p.check) for p in imp.problems] == [(3, "row_width")]
    assert "this row has 3 cells and the header 4" in texts(imp)[0]


def test_empty_cells_beyond_the_header_are_cells_too_never_cut(bundle):
    """An unquoted 1,234 before an empty last cell gives a row of the same shape as a trailing
    separator: both are refused (found by the property tests: it was read as 1)."""
    data = b"origin,destination,year,value,note\nVEN,COL,2020,1,234,\nVEN,PER,2020,5,,\n"
    imp = read_dataset(data, "mine.csv", columns=LONG, indicator="stock", base=bundle)
    assert [(p.row, p.check) for p in imp.problems] == [(2, "row_width"), (3, "row_width")]


@pytest.mark.parametrize(
    "text, separator",
    [
        ("destination;year;value\nColombia;2020;1,731,017\nPeru;2024;1542004\n", ";"),
        ("destination;year;value\nColombia;2020;1,731,017\nPeru;2024;1,542,004\n", ";"),
        ("destination\tyear\tvalue\nColombia\t2020\t1,731,017\n", "\t"),
        ("destination|year|value\nColombia|2020|1731017\n", "|"),
        ('destination,year,value\nColombia,2020,"1,731,017"\n', ","),
        ("Notes; above, the header\n\ndestination,year,value\nColombia,2020,5\nPeru,2020,6\n", ","),
        ('a,b,note\n1,2,"x; y"\n3,4,"x; y",\n5,6,"x; y",\n', ","),
        ('a;b;c\n1;2;"1,000"\n3;4;"1,000";\n5;6;"1,000";\n', ";"),
    ],
)
def test_the_separator_is_the_one_that_makes_a_table(text, separator):
    assert separator_of(text) == separator


def test_semicolon_file_with_thousands_reads_exactly_and_says_how_it_was_read(bundle):
    """Was: the comma taken for the separator, and a traceback."""
    data = "destination;year;value\nColombia;2020;1,731,017\nPerú;2024;1542004\n".encode("cp1252")
    imp = r4v(data, "r4v.csv", LONG_NO_ORIGIN, base=bundle)
    assert imp.ok, texts(imp)
    assert people(imp) == {
        ("VEN", "COL", 2020, "r4v_stock"): 1_731_017,
        ("VEN", "PER", 2024, "r4v_stock"): 1_542_004,
    }
    assert imp.summary().endswith("(a text file in Windows-1252, separated by semicolon (;))")
    # the encoding notice is kept (it was dropped)
    assert [n.check for n in imp.notices if n.check == "notice_encoding"] == ["notice_encoding"]


@pytest.mark.parametrize(
    "cell, message",
    [
        (
            "1,731",
            "'1,731' could be a whole number or a decimal in a file separated by ';'; "
            "write it without the comma",
        ),
        (
            "1.731.017",
            "'1.731.017' is not a number of people we can read; write a whole number "
            "such as 1800000",
        ),
        (
            "1.731",
            "'1.731' is not a number of people we can read; write a whole number such as 1800000",
        ),
    ],
)
def test_ambiguous_numbers_are_refused_with_their_row(bundle, cell, message):
    data = f"destination;year;value\nChile;2020;5\nColombia;2020;{cell}\n".encode()
    imp = r4v(data, "r4v.csv", LONG_NO_ORIGIN, base=bundle)
    assert texts(imp) == [f"r4v.csv, row 3, column value: {message}"]


# --------------------------------------------------------------------- aggregates


R4V_WITH_REGIONS = (
    "Country,Date,Refugees and migrants\n"
    "Latin America and the Caribbean,2024-05-31,6594580\n"
    "Colombia,2024-05-31,2857528\n"
    "North America,2024-05-31,100\n"
    "Europe,2024-05-31,200\n"
    "All destinations,2024-05-31,7000000\n"
    "Other,2024-05-31,300\n"
    "Perú,2024-05-31,1542004\n"
    "Total,2024-05-31,7700000\n"
)
R4V_COLUMNS = {"destination": "Country", "year": "Date", "value": "Refugees and migrants"}


def test_regions_and_totals_are_skipped_and_named_never_countries(bundle):
    """Was: Venezuela → XLA 6,594,580, and XNA, XEU, XWD, XOG counted as countries."""
    imp = read_dataset(
        R4V_WITH_REGIONS.encode(),
        "r4v.csv",
        fmt="long",
        origin="VEN",
        columns=R4V_COLUMNS,
        indicator="r4v_stock",
        dataset="R4V, May 2024",
        base=bundle,
    )
    assert imp.ok, texts(imp)
    assert people(imp) == {
        ("VEN", "COL", 2024, "r4v_stock"): 2_857_528,
        ("VEN", "PER", 2024, "r4v_stock"): 1_542_004,
    }
    assert imp.aggregates == (
        "Latin America and the Caribbean",
        "North America",
        "Europe",
        "All destinations",
        "Other",
        "Total",
    )
    assert imp.summary() == (
        "Long table (R4V, May 2024): 2 rows, 2024, 3 countries; 6 regions, groups or totals "
        "skipped (not countries): Latin America and the Caribbean, North America, Europe, All "
        "destinations, Other (+1) (a text file in UTF-8, separated by comma (,))"
    )


@pytest.mark.parametrize(
    "name",
    [
        "América Latina y el Caribe",
        "Latinoamérica",
        "América do Norte",
        "Otros",
        "Outros países",
        "XLA",
        "Resto del mundo",
        "Sub-Saharan Africa",
        "High-income countries",
        "World",
    ],
)
def test_aggregates_are_known_in_three_languages_and_by_code(bundle, name):
    data = f"Country,Date,Value\n{name},2024,5\nChile,2024,6\n".encode()
    imp = r4v(data, "r4v.csv", CDV, base=bundle)
    assert imp.ok and imp.aggregates == (name,)
    assert set(imp.flows[Flow.DESTINATION]) == {"CHL"}


def test_a_table_of_only_aggregates_is_refused_saying_so(bundle):
    data = b"Country,Date,Value\nLatin America and the Caribbean,2024,5\nTotal,2024,6\n"
    imp = r4v(data, "r4v.csv", CDV, base=bundle)
    assert texts(imp) == [
        "r4v.csv: every area of the file is a region, a group or a total, not a country (Latin "
        "America and the Caribbean, Total); nothing to add"
    ]


def test_unhcr_various_unknown_is_an_aggregate(bundle):
    body = (
        "2023,Various/Unknown,VAR,,Colombia,COL,COL,10,0,0,0,0,0,0,0,0\n"
        "2023,Venezuela,VEN,VEN,Colombia,COL,COL,20,0,0,0,0,0,0,0,0\n"
    )
    imp = read_dataset((UNHCR_HEADER + body).encode(), "unhcr.csv", base=bundle)
    assert imp.ok and imp.aggregates == ("Various/Unknown",)
    assert people(imp) == {("VEN", "COL", 2023, "refugees"): 20}


# --------------------------------------------------------------------- never a traceback


def test_unhcr_year_with_a_note_mark_is_one_message(bundle):
    """Was: UnboundLocalError."""
    body = "2023 (a),Venezuela,VEN,VEN,Colombia,COL,COL,10,0,0,0,0,0,0,0,0\n"
    imp = read_dataset((UNHCR_HEADER + body).encode(), "unhcr.csv", base=bundle)
    assert texts(imp) == ["unhcr.csv, row 2, column year: '2023 (a)' is not a year"]


def test_long_workbook_with_a_title_row_above_its_header(bundle):
    """Was: TypeError from Problem.of."""
    book = xlsx(
        [
            ["R4V: refugees and migrants from Venezuela"],
            [],
            ["Country", "Date", "Value"],
            ["Colombia", "2024-05-31", 2857528],
        ]
    )
    imp = r4v(book, "r4v.xlsx", CDV, base=bundle)
    assert imp.ok, texts(imp)
    assert people(imp) == {("VEN", "COL", 2024, "r4v_stock"): 2_857_528}
    assert imp.flows[Flow.QUOTE].tolist() == ["r4v.xlsx, sheet Table 1, row 4"]


def test_a_column_not_in_the_header_is_one_message(bundle):
    """Was: TypeError from Problem.of."""
    imp = r4v(
        b"Country,Date,Value\nColombia,2024,5\n",
        "r4v.csv",
        {"destination": "Pais", "year": "Date", "value": "Value"},
        base=bundle,
    )
    assert texts(imp) == [
        "r4v.csv, row 1: the column 'Pais' chosen for destination is not in the header"
    ]


def test_two_columns_of_one_name_are_one_message_not_a_series_dump(bundle):
    data = b"destination,year,value,value\nColombia,2024,5,6\n"
    imp = r4v(data, "r4v.csv", LONG_NO_ORIGIN, base=bundle)
    assert texts(imp) == [
        "r4v.csv, row 1: the header has 2 columns named 'value', chosen for value; rename "
        "them so that each name is used once"
    ]


def test_anything_unforeseen_is_one_line_and_logged(bundle, monkeypatch, caplog):
    import lib.ingest

    def broken(*_args, **_kw):
        raise ValueError("a thing nobody foresaw\nsecond line")

    monkeypatch.setattr(lib.ingest, "read_unhcr", broken)
    imp = read_dataset(UNHCR_API.encode(), "unhcr.csv", base=bundle)
    assert texts(imp) == [
        "unhcr.csv: this file could not be read: ValueError: a thing nobody foresaw"
    ]
    assert "Traceback" in caplog.text and "second line" in caplog.text


# --------------------------------------------------------------------- stacking


def test_the_same_file_twice_is_kept_once_with_a_notice(bundle):
    first = read_dataset(UNHCR_API.encode(), "unhcr.csv", base=bundle)
    data = merged(bundle, list(first.uploads()), replace=False)
    again = read_dataset(UNHCR_API.encode(), "unhcr.csv", base=data)
    assert again.ok and again.flows.empty
    assert [n.text(tr("en")) for n in again.notices if n.check == "notice_kept_once"] == [
        "unhcr.csv: figures already in the data from the same dataset (the same file or rows "
        "imported again), kept once: 5"
    ]
    assert again.summary() == (
        "UNHCR population statistics: every figure of the file is already in the data (kept once)"
    )


def test_two_editions_keep_two_rows_each_with_its_source(bundle):
    first = read_dataset(UNHCR_API.encode(), "a.csv", dataset="2023 edition", base=bundle)
    data = merged(bundle, list(first.uploads()), replace=False)
    changed = UNHCR_API.replace("1500,2000", "1600,2000")
    second = read_dataset(changed.encode(), "b.csv", dataset="2024 edition", base=data)
    both = merged(data, list(second.uploads()), replace=False).flows
    ven_col = both[
        (both[Flow.ORIGIN] == "VEN")
        & (both[Flow.DESTINATION] == "COL")
        & (both[Flow.INDICATOR] == "refugees")
    ]
    assert sorted(zip(ven_col[Flow.ID], ven_col[Flow.PEOPLE], strict=True)) == [
        ("unhcr_2023_edition_ven_col_2023_refugees", 1500.0),
        ("unhcr_2024_edition_ven_col_2023_refugees", 1600.0),
    ]


def test_the_same_edition_giving_another_figure_is_refused_never_replaced(bundle):
    """Was: a second UNHCR upload silently replaced rows of the first."""
    first = read_dataset(UNHCR_API.encode(), "a.csv", base=bundle)
    data = merged(bundle, list(first.uploads()), replace=False)
    changed = UNHCR_API.replace("1500,2000", "1600,2000")
    second = read_dataset(changed.encode(), "b.csv", base=data)
    assert texts(second) == [
        "b.csv, row 2: unhcr_ven_col_2023_refugees is already in the data with 1,500 from the "
        "same dataset (UNHCR, population statistics, edition not stated); this file gives "
        "1,600. Name this file's edition (the dataset) so that both are kept, each with its "
        "own source"
    ]


# --------------------------------------------------------------------- the command line


def test_cli_same_file_twice_with_base_loads_keeps_each_figure_once_and_writes_receipts(
    tmp_path,
):
    """Was: duplicate flow ids, lib.ingest.validate failed and the folder could not load."""
    src = tmp_path / "unhcr.csv"
    src.write_text(UNHCR_API)
    first = run_module("lib.ingest", str(src), "--out", str(tmp_path / "a"), timeout=120)
    assert first.returncode == 0, first.stderr
    again = run_module(
        "lib.ingest",
        str(src),
        "--base",
        str(tmp_path / "a"),
        "--out",
        str(tmp_path / "b"),
        timeout=120,
    )
    assert again.returncode == 0, again.stderr
    assert "kept once: 5" in again.stdout
    flows = pd.read_csv(tmp_path / "b" / "flows.csv", dtype=str, keep_default_na=False)
    assert flows[Flow.ID].is_unique and len(flows) == 34 + 5
    assert len(load_bundle(tmp_path / "b").flows) == 39
    valid = run_module("lib.ingest.validate", *map(str, sorted((tmp_path / "b").glob("*.csv"))))
    assert valid.returncode == 0, valid.stdout
    report = (tmp_path / "b" / "import-report.md").read_text()
    assert report.count("# Import receipt: unhcr.csv") == 2
    assert "- Read as: a text file in UTF-8, separated by comma (,)" in report
    assert "- stateless (rows 2, 4)" in report
    assert "- Header: row 1; 4 rows under it" in report


@pytest.mark.parametrize(
    "body, message",
    [
        (
            UNHCR_HEADER + "2023 (a),Venezuela,VEN,VEN,Colombia,COL,COL,10,0,0,0,0,0,0,0,0\n",
            "unhcr.csv, row 2, column year: '2023 (a)' is not a year",
        ),
        (
            UNHCR_HEADER + "2023,Venezuela,VEN,VEN,Colombia,COL,COL,3,012,1,234,0,0,0,0,0,1,0\n",
            "unhcr.csv, row 2: this row has 18 cells and the header 16",
        ),
    ],
)
def test_cli_refuses_with_one_line_exit_2_and_writes_nothing(tmp_path, body, message):
    src = tmp_path / "unhcr.csv"
    src.write_text(body)
    done = run_module("lib.ingest", str(src), "--out", str(tmp_path / "out"), timeout=120)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and message in done.stderr
    assert not (tmp_path / "out").exists()


# --------------------------------------------------------------------- what a view shows


def _two_r4v_editions(bundle):
    may = r4v(
        b"Country,Date,Value\nColombia,2024-05-31,2857528\nPeru,2024-05-31,1542004\n",
        "may.csv",
        CDV,
        dataset="R4V, May 2024",
        base=bundle,
    )
    data = merged(bundle, list(may.uploads()), replace=False)
    june = r4v(
        b"Country,Date,Value\nColombia,2024-06-30,2900000\nChile,2024-06-30,500000\n",
        "june.csv",
        CDV,
        dataset="R4V, June 2024",
        base=data,
    )
    return merged(data, list(june.uploads()), replace=False)


def _shown(data) -> dict[str, tuple[float, str]]:
    f = data.flows
    return dict(
        zip(f[Flow.DESTINATION], zip(f[Flow.PEOPLE], f[Flow.SOURCE], strict=True), strict=True)
    )


def test_two_datasets_for_one_flow_are_never_summed_one_is_shown_and_the_other_named(bundle):
    """Was: two Venezuela → Colombia figures in one view."""
    data = _two_r4v_editions(bundle)
    options = timeline.options_for(data.flows, "venezuela")
    view = timeline.at(data, options.choose("r4v_stock", 2024))
    assert _shown(view) == {
        "COL": (2_857_528.0, "R4V, May 2024"),
        "PER": (1_542_004.0, "R4V, May 2024"),
        "CHL": (500_000.0, "R4V, June 2024"),  # no rival for Chile: both datasets' rows stay
    }
    assert view.time.rivals == ("R4V, May 2024", "R4V, June 2024")
    other = timeline.at(data, replace(options.choose("r4v_stock", 2024), dataset="R4V, June 2024"))
    assert _shown(other)["COL"] == (2_900_000.0, "R4V, June 2024")
    assert other.time.rivals == ("R4V, June 2024", "R4V, May 2024")


def test_an_added_file_moves_the_view_to_its_indicator_and_newest_year(bundle):
    imp = read_dataset(UNHCR_API.encode(), "unhcr.csv", base=bundle)
    data = merged(bundle, list(imp.uploads()), replace=False)
    ids = set(imp.flows[Flow.ID])
    assert timeline.focus_of(data.flows, ids, "venezuela") == ("refugees", 2023)
    assert timeline.focus_of(data.flows, ids, "haiti") == ("refugees", 2024)
    assert timeline.focus_of(data.flows, ids, "northern_triangle") is None
    assert timeline.has_figures(data.flows, ids, "oip", 2023)
    assert not timeline.has_figures(data.flows, ids, "sheet_stock", 2020)


def test_the_your_data_banner_names_only_the_files_the_view_shows(bundle):
    imp = read_dataset(UNHCR_API.encode(), "unhcr.csv", base=bundle)
    ups = list(imp.uploads())
    data = merged(bundle, ups, replace=False)
    options = timeline.options_for(data.flows, "venezuela")
    sheet_view = timeline.at(data, options.choose("sheet_stock", 2020))
    file_view = timeline.at(data, options.choose("refugees", 2023))
    assert files_in_view(ups, sheet_view, "venezuela") == []
    assert files_in_view(ups, file_view, "venezuela") == ["unhcr.csv"]
    assert files_in_view(ups, file_view, "haiti") == []


def test_na_in_a_long_workbook_is_text_never_a_silently_missing_cell(bundle):
    """Was: pandas read the text NA (Namibia's ISO alpha-2) as a missing cell, and the row
    went without a word. Now it is text: not a code we read, refused with its row."""
    book = xlsx([["Country", "Date", "Value"], ["NA", 2024, 5], ["Chile", 2024, 6]])
    imp = r4v(book, "r4v.xlsx", CDV, base=bundle)
    assert texts(imp) == [
        "r4v.xlsx, row 2, column Country: 'NA' is neither an ISO 3166-1 alpha-3 code nor a "
        "country name we know (rows with it: 1)"
    ]


def test_a_number_too_long_to_be_people_is_refused_not_a_crash(bundle):
    data = f"origin,destination,year,value\nVEN,COL,2020,{'9' * 5000}\n".encode()
    imp = read_dataset(data, "mine.csv", columns=LONG, indicator="stock", base=bundle)
    assert [(p.row, p.check) for p in imp.problems] == [(2, "people_number")]


def test_a_long_csv_the_command_line_takes_is_not_taken_for_our_flows_table():
    """Was: "Your data" refused origin,destination,year,value with 14 missing columns."""
    long_csv = b"origin,destination,year,value\nVEN,COL,2020,5\n"
    assert our_table(long_csv, "mine.csv") is None
    assert our_table(b"flow_id,origin,destination,people\nx,VEN,COL,5\n", "f.csv") == "flows"


def test_anything_unforeseen_in_our_own_csv_is_one_problem(monkeypatch, caplog):
    import lib.ingest.upload

    def broken(*_args):
        raise RuntimeError("nobody foresaw this")

    monkeypatch.setattr(lib.ingest.upload, "_refuse_bytes", broken)
    up = lib.ingest.upload.read_upload(b"flow_id\nx\n", "f.csv")
    assert [str(p) for p in up.problems] == [
        "f.csv: this file could not be read: RuntimeError: nobody foresaw this"
    ]
    assert "Traceback" in caplog.text


def test_cli_a_folder_it_cannot_write_is_one_message_exit_2(tmp_path, monkeypatch, capsys):
    import lib.ingest.__main__ as cli

    def full_disk(*_args, **_kw):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cli, "write_folder", full_disk)
    src = tmp_path / "unhcr.csv"
    src.write_text(UNHCR_API)
    with pytest.raises(SystemExit) as done:
        cli.main([str(src), "--out", str(tmp_path / "out")])
    assert done.value.code == 2
    assert capsys.readouterr().err == (
        f"python -m lib.ingest: error: cannot write {tmp_path / 'out'}: No space left on device\n"
    )


# --------------------------------------------------------------------- found in review


def test_a_figure_with_no_area_or_year_is_refused_never_dropped(bundle):
    data = (
        b"origin,destination,year,value\nVEN,COL,2023,100\nVEN,,2023,999\n,PER,2023,555\n"
        b"VEN,PER,,5\n"
    )
    imp = read_dataset(data, "m.csv", columns=LONG, indicator="stock", base=bundle)
    assert texts(imp) == [
        "m.csv, row 3, column destination: this row has a figure but no destination; nothing "
        "of it is read",
        "m.csv, row 4, column origin: this row has a figure but no origin; nothing of it is read",
        "m.csv, row 5, column year: this row has a figure but no year; nothing of it is read",
    ]


def test_a_table1_row_with_figures_and_no_codes_is_refused_never_dropped(bundle):
    rows = [*DESA_ROWS, ("Peru", None, "Venezuela (Bolivarian Republic of)", None, [5] * 8)]
    imp = read_dataset(desa_xlsx(rows), "t1.xlsx", base=bundle)
    assert texts(imp) == [
        "t1.xlsx, row 18, column Location code of destination: this row holds figures but "
        "neither location code; nothing of it is read"
    ]


def test_two_unhcr_columns_for_one_measure_are_refused_and_headers_any_case_are_read(bundle):
    twice = read_dataset(
        b"year,coo_iso,coa_iso,refugees,refugees\n2023,VEN,COL,5,7\n", "u.csv", base=bundle
    )
    assert texts(twice) == [
        "u.csv, row 1: the header has 2 columns for refugees ('refugees', 'refugees'); nothing "
        "is read"
    ]
    upper = read_dataset(b"YEAR,COO_ISO,COA_ISO,REFUGEES\n2023,VEN,COL,5\n", "u.csv", base=bundle)
    assert people(upper) == {("VEN", "COL", 2023, "refugees"): 5}


def test_a_workbook_with_no_sheet_or_a_file_of_separators_is_one_message(bundle):
    book = edited(
        xlsx([["a"]]),
        {
            "xl/workbook.xml": b'<workbook xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main"><sheets/></workbook>'
        },
    )
    for data, name in ((book, "none.xlsx"), (b",,,\n,,,\n", "seps.csv")):
        imp = read_dataset(data, name, fmt="long", columns=LONG, indicator="s", base=bundle)
        assert not imp.ok and len(imp.problems) == 1
        assert "could not be read" not in texts(imp)[0], texts(imp)
        assert table_header(data, name) == []


def test_one_figure_per_flow_whatever_the_number_of_rival_datasets():
    flows = pd.DataFrame(
        {
            Flow.ORIGIN: ["VEN", "VEN", "VEN", "HTI", "HTI", "HTI"],
            Flow.DESTINATION: ["COL", "COL", "PER", "DOM", "DOM", "CHL"],
            Flow.SOURCE: ["A", "B", "A", "C", "D", "D"],
            Flow.PEOPLE: [1, 2, 3, 4, 5, 6],
        }
    )
    for asked, kept in (
        ("A", [("COL", "A"), ("PER", "A"), ("DOM", "D"), ("CHL", "D")]),
        ("D", [("COL", "A"), ("PER", "A"), ("DOM", "D"), ("CHL", "D")]),
        ("B", [("COL", "B"), ("PER", "A"), ("DOM", "D"), ("CHL", "D")]),  # D has more rows than C
        ("C", [("COL", "A"), ("PER", "A"), ("DOM", "C"), ("CHL", "D")]),
    ):
        shown, rivals = timeline.one_dataset(flows, asked)
        assert list(zip(shown[Flow.DESTINATION], shown[Flow.SOURCE], strict=True)) == kept
        assert rivals[0] == asked and sorted(rivals) == ["A", "B", "C", "D"]
    shown, rivals = timeline.one_dataset(flows, None)  # none asked: the one with most rows
    assert rivals[0] in ("A", "D") and len(shown) == 4
    assert not shown.duplicated([Flow.ORIGIN, Flow.DESTINATION]).any()


def test_instead_of_the_bundled_data_every_file_added_is_shown(bundle):
    """Was: with "instead of it", each file replaced the one before: only the last was shown."""
    a = read_dataset(UNHCR_API.encode(), "a.csv", dataset="2023 edition", base=bundle)
    data = merged(bundle, list(a.uploads()), replace=False)
    b = read_dataset(UNHCR_API.encode(), "b.csv", dataset="2024 edition", base=data)
    shown = merged(bundle, [*a.uploads(), *b.uploads()], replace=True).flows
    assert set(shown[Flow.SOURCE]) == {
        "UNHCR, population statistics, 2023 edition",
        "UNHCR, population statistics, 2024 edition",
    }
    assert len(shown) == 10 and "sheet_stock" not in set(shown[Flow.INDICATOR])
