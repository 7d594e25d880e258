"""lib.ingest: the readers on small files in the published layouts, every bad input refused
with its message (in the reader's language too), crises, places and the command line."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from lib.base.i18n import tr
from lib.base.schema import Flow, Place
from lib.ingest import MAX_BYTES, read_dataset
from lib.ingest.areas import m49_kind, new_places
from lib.ingest.long import propose_columns
from lib.ingest.upload import merged
from lib.model.bundle import load_bundle
from lib.model.selection import crisis_mask, flows_for_crisis
from lib.model.tables import provenance_table
from tests.helpers import run_module
from tests.ingest_files import (
    R4V,
    R4V_COLUMNS,
    UNHCR_API,
    UNHCR_FINDER,
    desa_rows,
    desa_xlsx,
    xlsx,
)


def texts(imported, lang: str = "en") -> list[str]:
    return [p.text(tr(lang)) for p in imported.problems]


def by_id(imported) -> pd.DataFrame:
    return imported.flows.set_index(Flow.ID)


# --------------------------------------------------------------------------- UN DESA


def test_desa_table1_reads_both_sexes_by_year_and_skips_what_is_no_country(bundle):
    imp = read_dataset(desa_xlsx(), "undesa_ims_2024.xlsx", base=bundle)
    assert imp.ok, texts(imp)
    rows = by_id(imp)
    ven_col = rows.loc["undesa2024_ven_col_2020_undesa_stock"]
    assert ven_col[Flow.PEOPLE] == 70 and ven_col[Flow.YEAR] == 2020
    assert ven_col[Flow.CRISIS] == "venezuela"
    assert ven_col[Flow.SOURCE] == "UN DESA, International Migrant Stock 2024, Table 1"
    # row 13: the header is row 11, WORLD row 12; column N is the seventh year, 2020
    assert ven_col[Flow.QUOTE] == (
        "undesa_ims_2024.xlsx, sheet Table 1, row 13, column N (2020, both sexes)"
    )
    assert "862 as VEN" in ven_col[Flow.NOTE] and "170 read as COL" in ven_col[Flow.NOTE]
    # `..` and an empty cell give no row, never a zero
    assert "undesa2024_ven_col_2005_undesa_stock" not in rows.index
    assert "undesa2024_hti_per_1990_undesa_stock" not in rows.index
    assert sorted(rows.loc[rows[Flow.ORIGIN] == "COL", Flow.YEAR]) == [2020, 2024]
    # only both sexes: males (1) and females (2) are never added to it, nor read
    assert set(rows[Flow.INDICATOR]) == {"undesa_stock"}
    assert rows[Flow.PEOPLE].max() == 120
    # 7 + 7 + 2 figures; the World, the Channel Islands and the region are skipped
    assert len(rows) == 16
    assert set(rows[Flow.ORIGIN]) == {"VEN", "HTI", "COL"}
    assert imp.skipped == ("Channel Islands (830)",)
    notices = [str(n) for n in imp.notices]
    assert any("Channel Islands (830)" in n and "never guessed" in n for n in notices)
    assert any(
        "regions skipped" in n and "Latin America and the Caribbean (419)" in n for n in notices
    )
    assert any("World and groups" in n and "WORLD (900)" in n for n in notices)
    assert any("males and females not read" in n and n.endswith(": 16") for n in notices)


def test_desa_summary_in_three_languages(bundle):
    imp = read_dataset(desa_xlsx(), "undesa_ims_2024.xlsx", base=bundle)
    assert imp.summary("en") == (
        "UN DESA International Migrant Stock, Table 1: 16 rows, 1990–2024, 5 countries; "
        "1 area without an ISO code skipped: Channel Islands (830); 2 regions, groups or totals "
        "skipped (not countries): Latin America and the Caribbean (419), WORLD (900)"
    )
    es, pt = imp.summary("es"), imp.summary("pt")
    assert es.startswith("UN DESA") and "16 filas" in es and "Channel Islands (830)" in es
    assert "16 linhas" in pt and "1990–2024" in pt


def test_desa_header_is_found_by_its_names_not_its_row(bundle):
    cells = desa_rows()
    moved = [["a note"], *cells]  # one more title row: the header is now row 12
    imp = read_dataset(xlsx(moved), "moved.xlsx", base=bundle)
    assert imp.ok, texts(imp)
    assert (
        by_id(imp)
        .loc["undesa2024_ven_col_2020_undesa_stock", Flow.QUOTE]
        .endswith("row 14, column N (2020, both sexes)")
    )


def test_desa_edition_comes_from_the_file_else_the_user_else_not_stated(bundle):
    plain = desa_xlsx(edition=None)
    named = read_dataset(plain, "t1.xlsx", dataset="International Migrant Stock 2024", base=bundle)
    assert set(named.flows[Flow.SOURCE]) == {"UN DESA, International Migrant Stock 2024, Table 1"}
    unnamed = read_dataset(plain, "t1.xlsx", base=bundle)
    assert set(unnamed.flows[Flow.SOURCE]) == {"UN DESA, edition not stated, Table 1"}
    assert "t1.xlsx: the file does not state its edition" in [str(n) for n in unnamed.notices]
    assert unnamed.flows[Flow.ID].str.startswith("undesa_").all()


def test_m49_kinds_come_from_pycountry_and_cldr_never_guessed():
    assert [m49_kind(c) for c in (862, 158, 830, 680, 412, 419, 2, 900, 1503)] == [
        "country",  # Venezuela
        "country",  # Taiwan: pycountry knows TWN by 158
        "no_iso",  # Channel Islands
        "no_iso",  # Sark
        "no_iso",  # Kosovo: no ISO 3166 code
        "region",
        "region",
        "group",
        "group",
    ]


# --------------------------------------------------------------------------- UNHCR


def test_unhcr_api_csv_one_row_per_measure_idps_left_out(bundle):
    imp = read_dataset(UNHCR_API.encode(), "unhcr.csv", base=bundle)
    assert imp.ok, texts(imp)
    rows = by_id(imp)
    assert sorted(rows.index) == [
        "unhcr_hti_chl_2024_oip",
        "unhcr_hti_chl_2024_refugees",
        "unhcr_ven_col_2023_asylum_seekers",
        "unhcr_ven_col_2023_oip",
        "unhcr_ven_col_2023_refugees",
    ]
    assert rows.loc["unhcr_ven_col_2023_oip", Flow.PEOPLE] == 2_800_000
    assert rows.loc["unhcr_ven_col_2023_oip", Flow.QUOTE] == "unhcr.csv, row 2, column 'oip'"
    assert rows.loc["unhcr_hti_chl_2024_oip", Flow.CRISIS] == "haiti"
    notices = [str(n) for n in imp.notices]
    assert (
        "unhcr.csv: idps: figures left out (internally displaced people have no country "
        "abroad): 1" in notices
    )
    assert "unhcr.csv: areas without an ISO 3166 code, skipped (never guessed): Unknown (UNK)" in (
        notices
    )
    assert imp.skipped == ("Unknown (UNK)",)


def test_unhcr_code_of_another_shape_is_refused_with_its_row(bundle):
    bad = UNHCR_API.replace("2024,Haiti,HAI,HTI", "2024,Haiti,HAI,ht")
    imp = read_dataset(bad.encode(), "unhcr.csv", base=bundle)
    assert texts(imp) == [
        "unhcr.csv, row 4, column coo_iso: 'ht' is not an ISO 3166-1 alpha-3 code (three capital "
        "letters)"
    ]


def test_unhcr_refugee_data_finder_long_names_under_notes(bundle):
    imp = read_dataset(UNHCR_FINDER.encode(), "finder.csv", dataset="mid-2024", base=bundle)
    assert imp.ok, texts(imp)
    rows = by_id(imp)
    # the id carries the dataset and its edition: two editions never share one
    assert rows.loc["unhcr_mid_2024_ven_per_2024_oip", Flow.PEOPLE] == 900_000
    assert rows.loc["unhcr_mid_2024_ven_per_2024_asylum_seekers", Flow.QUOTE] == (
        "finder.csv, row 5, column 'Asylum-seekers'"
    )
    assert set(rows[Flow.SOURCE]) == {"UNHCR, population statistics, mid-2024"}


# --------------------------------------------------------------------------- long tables


def test_r4v_long_table_with_one_origin_and_dates(bundle):
    imp = read_dataset(
        R4V.encode(),
        "r4v.csv",
        "long",
        origin="VEN",
        columns=R4V_COLUMNS,
        indicator="r4v_stock",
        dataset="R4V, May 2024",
        base=bundle,
    )
    assert imp.ok, texts(imp)
    rows = by_id(imp)
    assert rows[Flow.PEOPLE].to_dict() == {
        "r4v_may_2024_ven_col_2024_r4v_stock": 2_857_528,
        "r4v_may_2024_ven_per_2024_r4v_stock": 1_542_004,
    }
    assert rows.loc["r4v_may_2024_ven_per_2024_r4v_stock", Flow.NOTE].endswith(
        "destination 'Perú' read as PER"
    )
    assert imp.summary() == (
        "Long table (R4V, May 2024): 2 rows, 2024, 3 countries (a text file in UTF-8, "
        "separated by comma (,))"
    )


def test_long_table_in_excel_with_indicator_column(bundle):
    cells = [
        ["origin", "destination", "year", "value", "indicator"],
        ["Haiti", "Brasil", 2022, 1000, "visas"],
        ["HTI", "CHL", 2022, 2000.0, "visas"],
    ]
    imp = read_dataset(
        xlsx(cells, "Data"), "mine.xlsx", "long", columns=propose_columns(cells[0]), base=bundle
    )
    assert imp.ok, texts(imp)
    assert by_id(imp)[Flow.QUOTE].tolist() == [
        "mine.xlsx, sheet Data, row 2",
        "mine.xlsx, sheet Data, row 3",
    ]
    assert set(imp.flows[Flow.INDICATOR]) == {"visas"}


def test_indicators_are_labelled_in_the_readers_language_or_by_their_slug():
    from lib.ingest import indicator_label

    assert indicator_label("oip", "es") == (
        "Otras personas con necesidad de protección internacional (ACNUR)"
    )
    assert indicator_label("sheet_stock", "en") == (
        "People from the country living abroad (the sheet, about 2020)"
    )
    assert indicator_label("r4v_stock", "pt") == "r4v_stock"


def test_proposed_columns_for_headers_in_three_languages():
    assert propose_columns(["coo_iso", "coa_iso", "year", "value"]) == {
        "origin": "coo_iso",
        "destination": "coa_iso",
        "year": "year",
        "value": "value",
    }
    assert propose_columns(["País de origen", "País de destino", "Año", "Valor"]) == {
        "origin": "País de origen",
        "destination": "País de destino",
        "year": "Año",
        "value": "Valor",
    }
    assert propose_columns(["Country", "Date", "Refugees and migrants"]) == {"year": "Date"}


# --------------------------------------------------------------------------- bad inputs


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


WORKBOOK = {"xl/workbook.xml": b"<workbook/>", "[Content_Types].xml": b"<Types/>"}
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def _long(body: str, **kw: object) -> bytes:
    return ("origin,destination,year,value,indicator\n" + body).encode()


LONG = {"origin": "origin", "destination": "destination", "year": "year", "value": "value"}
LONG_IND = {**LONG, "indicator": "indicator"}


@pytest.mark.parametrize(
    "data, name, kw, message",
    [
        (
            _zip({**WORKBOOK, "xl/worksheets/sheet1.xml": b"0" * 2_000_000}),
            "bomb.xlsx",
            {},
            "bomb.xlsx: the workbook's part xl/worksheets/sheet1.xml is compressed more than "
            "100:1; refused as a possible zip bomb",
        ),
        (
            OLE + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 100,
            "locked.xlsx",
            {},
            "locked.xlsx: this workbook is encrypted (protected by a password); save a copy "
            "without one",
        ),
        (
            OLE,
            "old.xls",
            {},
            "old.xls: this is an old Excel file (.xls) or an encrypted workbook; save it as .xlsx "
            "without a password",
        ),
        (
            _zip({**WORKBOOK, "xl/vbaProject.bin": b"macro"}),
            "macros.xlsm",
            {},
            "macros.xlsm: a macro-enabled workbook (.xlsm) is refused; save it as .xlsx",
        ),
        (
            _zip({**WORKBOOK, "xl/vbaProject.bin": b"macro"}),
            "renamed.xlsx",
            {},
            "renamed.xlsx: this workbook contains macros (vbaProject.bin); save it as .xlsx "
            "without them",
        ),
        (
            xlsx([["Country", "Total"], ["Chile", 3]]),
            "other.xlsx",
            {"fmt": "undesa"},
            "other.xlsx: no sheet has a header row with 'Location code of destination' and "
            "'Location code of origin' (UN DESA's Table 1)",
        ),
        (
            desa_xlsx([("Colombia", 170, "Narnia", "NA1", [1] * 8)]),
            "t1.xlsx",
            {},
            "t1.xlsx, row 12, column Location code of origin: 'NA1' is not a UN M49 location "
            "code (a whole number from 1 to 9999)",
        ),
        (
            _long("VEN,XYZ,2020,5,stock\n"),
            "mine.csv",
            {"columns": LONG_IND},
            "mine.csv, row 2, column destination: 'XYZ' is neither an ISO 3166-1 alpha-3 code "
            "nor a country name we know (rows with it: 1)",
        ),
        (
            desa_xlsx([("Colombia", 170, "Peru", 604, [-5, 1, 1, 1, 1, 1, 1, 1])]),
            "t1.xlsx",
            {},
            "t1.xlsx, row 12, column 1990: -5 is negative; a number of people cannot be",
        ),
        (
            _long("VEN,COL,2020,many,stock\n"),
            "mine.csv",
            {"columns": LONG_IND},
            "mine.csv, row 2, column value: 'many' is not a number of people we can read; write a "
            "whole number such as 1800000",
        ),
        (
            _long("VEN,COL,1850,5,stock\n"),
            "mine.csv",
            {"columns": LONG_IND},
            "mine.csv, row 2, column year: the year 1850 is outside 1900–2100",
        ),
        (
            _long("VEN,COL,2020,5,stock\nVenezuela,Colombia,2020,6,stock\n"),
            "mine.csv",
            {"columns": LONG_IND},
            "mine.csv, row 3: two figures for VEN → COL, 2020, stock: rows 2, 3",
        ),
    ],
)
def test_each_bad_input_is_refused_with_its_message_and_adds_nothing(
    bundle, data, name, kw, message
):
    imp = read_dataset(data, name, base=bundle, **kw)
    assert not imp.ok and imp.flows is None and imp.places is None
    assert texts(imp) == [message]
    spanish = texts(imp, "es")[0]
    assert spanish != message and spanish.startswith(name)


def test_a_csv_in_no_known_shape_lists_the_shapes_accepted(bundle):
    imp = read_dataset(b"a,b,c\n1,2,3\n", "odd.csv", base=bundle)
    (message,) = texts(imp)
    for shape in (
        "UN DESA's International Migrant Stock, Table 1",
        "UNHCR's population",
        "long table",
        "our own flows",
    ):
        assert shape in message
    assert "Tabla 1" in texts(imp, "es")[0]


def test_archive_size_entries_and_file_size_limits(bundle):
    big = _zip({**WORKBOOK, **{f"xl/part{i}.xml": b"x" * 1_000_000 for i in range(201)}})
    # 201 parts of 1,000,000 bytes each also trip the ratio; the size comes first
    assert texts(read_dataset(big, "big.xlsx", base=bundle)) == [
        "big.xlsx: the workbook unpacks to 201,000,019 bytes; the limit is 200,000,000 bytes"
    ]
    many = _zip({**WORKBOOK, **{f"xl/p{i}.xml": b"" for i in range(1_000)}})
    assert texts(read_dataset(many, "many.xlsx", base=bundle)) == [
        "many.xlsx: the workbook holds 1,002 files; a workbook holds at most 1000"
    ]
    huge = b"a" * (MAX_BYTES + 1)
    assert texts(read_dataset(huge, "huge.csv", base=bundle)) == [
        f"huge.csv: the file is {MAX_BYTES + 1:,} bytes; the limit is {MAX_BYTES:,} bytes"
    ]


def test_more_rows_than_the_limit_once_reshaped_are_refused(bundle, monkeypatch):
    import lib.ingest

    monkeypatch.setattr(lib.ingest, "MAX_ROWS", 15)
    assert texts(read_dataset(desa_xlsx(), "t1.xlsx", base=bundle)) == [
        "t1.xlsx: 16 rows once reshaped; the limit is 15"
    ]


def test_every_problem_of_a_file_is_listed(bundle):
    imp = read_dataset(
        _long("VEN,COL,2020,-1,stock\nVEN,PER,3000,2,stock\nVEN,Atlantis,2020,3,stock\n"),
        "mine.csv",
        columns=LONG_IND,
        base=bundle,
    )
    assert [(p.row, p.check) for p in imp.problems] == [
        (4, "country_known"),
        (2, "people_positive"),
        (3, "year_range"),
    ]


# --------------------------------------------------------------------------- crises, places


def test_imported_rows_join_a_crisis_only_by_their_origin(bundle):
    imp = read_dataset(desa_xlsx(), "t1.xlsx", base=bundle)
    data = merged(bundle, list(imp.uploads()), replace=False)
    col_chl = data.flows[Flow.ID] == "undesa2024_col_chl_2020_undesa_stock"
    assert data.flows.loc[col_chl, Flow.CRISIS].isna().all()
    venezuela = flows_for_crisis(data.flows, "venezuela")
    assert "undesa2024_ven_col_2020_undesa_stock" in set(venezuela[Flow.ID])
    assert not crisis_mask(data.flows, "venezuela")[col_chl].any()
    assert col_chl.sum() == 1 and crisis_mask(data.flows, None)[col_chl].all()
    # imported rows keep their own source; the crisis column of a table says nothing for none
    table = provenance_table(data.flows, data.places, cases=data.cases)
    row = table[table["flow"] == "undesa2024_col_chl_2020_undesa_stock"].iloc[0]
    assert row["crisis"] == "" and row["from"] == "Colombia"
    mine = data.flows[data.flows[Flow.ID] == "undesa2024_ven_col_2020_undesa_stock"].iloc[0]
    assert mine[Flow.SOURCE] == "UN DESA, International Migrant Stock 2024, Table 1"


def test_pages_draw_a_row_without_a_crisis_in_its_own_colour(bundle):
    """A flow of no crisis: dark grey on the map (named in the legend) and in the Sankey."""
    from lib.base.palette import NO_CRISIS_HEX, rgba_css
    from lib.charts.corridors import nested_chart
    from lib.charts.map_view import map_view

    imp = read_dataset(desa_xlsx(), "t1.xlsx", base=bundle)
    # as `python -m lib.ingest` serves them (in the sidebar's upload they are drawn as yours)
    data = replace(
        bundle,
        flows=pd.concat([bundle.flows, imp.flows], ignore_index=True),
        places=pd.concat([bundle.places, imp.places], ignore_index=True),
    )
    names = dict(zip(data.cases["crisis"], data.cases["name"], strict=True))
    view = map_view(data, None, names, "es")
    drawn = [f for f in view.model.flows if f.flow_id == "undesa2024_col_chl_2024_undesa_stock"]
    assert drawn and pd.isna(drawn[0].crisis) and drawn[0].colour == NO_CRISIS_HEX
    assert "Sin crisis (filas importadas de otros orígenes)" in view.legend
    sankey = nested_chart(data, None).figure.data[0]
    assert rgba_css(NO_CRISIS_HEX, 0.6) in sankey.link.color


def test_new_places_take_only_the_shapes_label_point():
    places = load_bundle().places
    new = new_places({"VEN", "TWN", "MCO", "CAN"}, places).set_index(Place.CODE)
    assert list(new.index) == ["CAN", "MCO", "TWN"]
    assert new.loc["TWN", Place.NAME] == "Taiwan"  # pycountry's common name
    assert new.loc["MCO", Place.POINT_RULE] == "none" and pd.isna(new.loc["MCO", Place.LAT])
    assert new.loc["CAN", Place.POINT_RULE] == "ct" and pd.isna(new.loc["CAN", Place.REGION])


# --------------------------------------------------------------------------- command line


def _ingest(*args: str):
    return run_module("lib.ingest", *args, timeout=120)


def test_cli_writes_a_data_folder_that_validates(tmp_path):
    src = tmp_path / "undesa_ims_2024.xlsx"
    src.write_bytes(desa_xlsx())
    out = tmp_path / "data"
    done = _ingest(str(src), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "  2020  undesa_stock: 3" in done.stdout.splitlines()
    assert "  Channel Islands (830)" in done.stdout.splitlines()
    flows = pd.read_csv(out / "flows.csv", dtype=str, keep_default_na=False)
    assert len(flows) == 34 + 16
    assert (Path("data/flows.csv").read_bytes()) in (out / "flows.csv").read_bytes()
    valid = run_module("lib.ingest.validate", *map(str, sorted(out.glob("*.csv"))), timeout=120)
    assert valid.returncode == 0, valid.stdout
    assert f"{out / 'flows.csv'}: OK, 50 rows" in valid.stdout


def test_cli_long_table_flags(tmp_path):
    src = tmp_path / "r4v.csv"
    src.write_text(R4V)
    out = tmp_path / "r4v"
    done = _ingest(
        str(src),
        "--format=long",
        "--origin=VEN",
        "--columns=destination=Country,year=Date,value=Refugees and migrants",
        "--indicator=r4v_stock",
        "--dataset=R4V, May 2024",
        "--out",
        str(out),
    )
    assert done.returncode == 0, done.stderr
    assert "  2024  r4v_stock: 2" in done.stdout.splitlines()


def test_cli_adds_a_second_dataset_to_a_folder_it_wrote(timed_data):
    """--base: UNHCR's rows join a folder that already holds UN DESA's; both keep their own
    source, and the folder validates (the fixture timed_data is made this way)."""
    flows = pd.read_csv(timed_data / "flows.csv", dtype=str, keep_default_na=False)
    sources = flows.groupby(Flow.INDICATOR)[Flow.SOURCE].first()
    assert sources["undesa_stock"] == "UN DESA, International Migrant Stock 2024, Table 1"
    assert sources["oip"].startswith("UNHCR")
    assert len(flows[flows[Flow.INDICATOR] == "sheet_stock"]) == 34


def test_cli_refuses_a_base_that_is_no_data_folder(tmp_path):
    src = tmp_path / "undesa_ims_2024.xlsx"
    src.write_bytes(desa_xlsx())
    done = _ingest(str(src), "--base", str(tmp_path), "--out", str(tmp_path / "out"))
    assert done.returncode == 2 and "not a data folder (no flows.csv)" in done.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        (["--format", "xls"], "argument --format: invalid choice: 'xls'"),
        (["--columns", "place=Country"], "--columns takes role=column pairs"),
        ([], "t1.csv: the header matches no shape we read."),
    ],
)
def test_cli_bad_flag_or_file_exits_2_with_one_message_and_writes_nothing(tmp_path, args, message):
    src = tmp_path / "t1.csv"
    src.write_text("a,b\n1,2\n")
    out = tmp_path / "out"
    done = _ingest(str(src), *args, "--out", str(out))
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and message in done.stderr
    assert "Traceback" not in done.stderr and not out.exists()
    assert not list(tmp_path.glob(".ingest-*"))
