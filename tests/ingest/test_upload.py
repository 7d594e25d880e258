"""lib/ingest/upload.py: untrusted CSV of every bad kind gets a clear message; the bundle is
untouched."""

from __future__ import annotations

import codecs
import io
import zipfile

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib.base.i18n import tr
from lib.base.schema import TABLES, UPLOADED, Flow
from lib.ingest import upload
from lib.model.bundle import load_bundle, uploaded_rows
from tests.helpers import HEADER, flows_csv
from tests.helpers import flow_row as row


def check(raw: bytes, bundle, name="mine.csv"):
    return upload.validate_upload(upload.read_upload(raw, name), bundle)


def messages(up) -> list[str]:
    return [str(p) for p in up.problems]


def assert_settled(up, name: str) -> None:
    """An upload ends valid (rows, no problem) or refused (no rows, and every problem names
    the file, the rule that failed and what is wrong)."""
    if up.ok:
        assert up.rows is not None and len(up.rows) > 0 and up.problems == ()
    else:
        assert up.rows is None and up.problems
        for p in up.problems:
            assert p.check and p.message and p.file == name, p
            assert str(p).startswith((f"{name}: ", f"{name}, row ")), p


# 1. size -------------------------------------------------------------------------------


def test_a_file_over_the_cap_is_refused_before_parsing(bundle):
    up = check(b"x" * (upload.MAX_BYTES + 1), bundle)
    assert messages(up) == [
        f"mine.csv: the file is {upload.MAX_BYTES + 1:,} bytes; the limit is {upload.MAX_BYTES:,} "
        "bytes"
    ]


def test_a_million_rows_is_refused(bundle):
    many = HEADER.encode() + b"\n" + b"a\n" * 1_000_000
    up = check(many, bundle)
    assert messages(up) == [
        f"mine.csv: the file is {len(many):,} bytes; the limit is {upload.MAX_BYTES:,} bytes"
    ]
    small_rows = HEADER.encode() + b"\n" + b"a\n" * (upload.MAX_ROWS + 5)
    assert len(small_rows) <= upload.MAX_BYTES
    assert messages(check(small_rows, bundle)) == [
        f"mine.csv: more than {upload.MAX_ROWS:,} data rows; split the file"
    ]


def test_a_huge_cell_is_refused_with_its_row_and_column(bundle):
    up = check(flows_csv(row(note="n" * 1_000_000)), bundle)
    assert messages(up) == [
        "mine.csv, row 2, column note: a cell of 1,000,000 characters; the limit is 5,000"
    ]


# 2. not CSV ----------------------------------------------------------------------------


def test_zip_and_binary_and_empty_files(bundle):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("flows.csv", HEADER)
    assert messages(check(buf.getvalue(), bundle)) == [
        "mine.csv: this is a ZIP archive (or an Excel .xlsx file), not a CSV text file"
    ]
    assert messages(check(b"abc\x00\x01\x02def", bundle)) == [
        "mine.csv: the file holds binary data (NUL bytes), not CSV text"
    ]
    assert messages(check(b"", bundle)) == ["mine.csv: the file is empty"]
    assert messages(check(b"  \n\n", bundle)) == ["mine.csv: the file is empty"]
    assert messages(check(flows_csv(), bundle)) == [
        "mine.csv: the file has a header but no data rows"
    ]


# 3. encodings --------------------------------------------------------------------------


def test_utf8_with_bom_and_utf16_are_read(bundle):
    raw = flows_csv(row(note="Bogotá"))
    for data in (codecs.BOM_UTF8 + raw, raw.decode().encode("utf-16")):
        up = check(data, bundle)
        assert up.ok, messages(up)
        assert up.rows.at[0, Flow.NOTE] == "Bogotá"
        assert up.notices == ()


def test_cp1252_accents_are_read_with_a_notice(bundle):
    up = check(flows_csv(row(note="Bogotá, São Paulo")).decode().encode("cp1252"), bundle)
    assert up.ok and up.rows.at[0, Flow.NOTE] == "Bogotá, São Paulo"
    assert [str(n) for n in up.notices] == [
        "mine.csv: not UTF-8; read as Windows-1252 (cp1252). Check accented letters, or save it "
        "as UTF-8 CSV."
    ]


def test_bytes_that_are_no_known_text_encoding_are_refused(bundle):
    up = check(flows_csv(row()) + b"\x81\x8d\x8f\x90\x9d\n", bundle)
    assert len(up.problems) == 1 and "is neither UTF-8 nor Windows-1252" in up.problems[0].message


# 4. structure --------------------------------------------------------------------------


def test_semicolon_delimiter(bundle):
    raw = flows_csv(row()).decode().replace(",", ";").encode()
    up = check(raw, bundle)
    assert up.ok, messages(up)


def test_ragged_rows_unclosed_quotes_and_embedded_newlines(bundle):
    assert messages(check(flows_csv(row(), "a,b,c"), bundle)) == [
        "mine.csv, row 3: this row has 3 cells; the header has 17"
    ]
    broken = check(flows_csv(row(), 'x,"unclosed'), bundle)
    assert len(broken.problems) == 1 and "check for an unclosed quote" in broken.problems[0].message
    up = check(flows_csv(row(note="line one\nline two")), bundle)
    assert up.ok and up.rows.at[0, Flow.NOTE] == "line one\nline two"


# 5. columns ----------------------------------------------------------------------------


def test_missing_extra_duplicated_and_reordered_columns(bundle):
    cols = list(TABLES["flows"])
    no_status = flows_csv(row(), header=",".join([*cols[:8], "statusx", *cols[9:]]))
    assert "mine.csv, row 1, column status: required column is missing from the header" in messages(
        check(no_status, bundle)
    )
    extra = check(("\n".join([HEADER + ",comment", row() + ",hello"]) + "\n").encode(), bundle)
    assert extra.ok and [str(n) for n in extra.notices] == [
        "mine.csv: columns ignored (not in our flows schema): comment"
    ]
    dup = check(flows_csv(row() + ",x", header=HEADER + ",note"), bundle)
    assert messages(dup) == [
        "mine.csv, row 1, column note: a column appears more than once in the header"
    ]
    rev = list(reversed(cols))
    values = dict(zip(cols, row().split(","), strict=True))
    reordered = check(
        ("\n".join([",".join(rev), ",".join(values[c] for c in rev)]) + "\n").encode(), bundle
    )
    assert reordered.ok and list(reordered.rows.columns[:2]) == ["flow_id", "crisis"]


# 6. numbers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cell",
    ["5,1 millones", "1.8M", "1,234.5", "1.234,5", "-", "NaN", "inf", "1e309", "-5", "1 800 000"],
)
def test_numbers_we_cannot_read_safely_are_rejected_with_the_rule(bundle, cell):
    up = check(flows_csv(row(people=cell, status="reported")), bundle)
    assert up.rows is None
    assert messages(up) == [
        f"mine.csv, row 2, column people: {cell!r} is not a number of people we can read safely; "
        "write a whole number such as 1800000 or 1,800,000 (no words, decimals, units or signs)"
    ]


@pytest.mark.parametrize("cell", ["1800000", "1,800,000"])
def test_plain_and_comma_grouped_numbers_are_read(bundle, cell):
    up = check(flows_csv(row(people=cell, status="reported")), bundle)
    assert up.ok, messages(up)
    assert up.rows.at[0, Flow.PEOPLE] == 1_800_000


def test_empty_people_with_reported_status_is_the_schema_message(bundle):
    up = check(flows_csv(row(people="", status="reported")), bundle)
    assert [(p.row, p.column) for p in up.problems] == [(2, "people")]
    assert up.problems[0].message.startswith(
        "people must be empty when status is unquantified, and given otherwise"
    )


# 7. codes ------------------------------------------------------------------------------


def test_na_is_a_code_and_leading_zeros_stay(bundle):
    up = check(flows_csv(row(destination="NA")), bundle)
    assert any(p.column == "destination" and "'NA'" in p.message for p in up.problems)
    up2 = upload.read_upload(flows_csv(row(flow_id="007")), "m.csv")
    assert up2.rows.at[0, Flow.ID] == "007"


# merging -------------------------------------------------------------------------------


def test_valid_rows_join_or_replace_and_the_bundle_is_untouched(bundle):
    before = bundle.flows.copy()
    up = check(
        flows_csv(row(flow_id="census_ven_per", people="1,000", status="reported")),
        bundle,
        "census.csv",
    )
    assert up.ok
    on_top = upload.merged(bundle, [up], replace=False)
    assert len(on_top.flows) == len(bundle.flows) + 1
    mine = on_top.flows.set_index(Flow.ID).loc["census_ven_per"]
    assert mine[Flow.SOURCE] == "Your data: census.csv" and mine[Flow.PEOPLE] == 1000
    # the mark code reads is the boolean column, not the source's words
    assert uploaded_rows(on_top.flows).tolist() == [False] * len(bundle.flows) + [True]
    assert not uploaded_rows(bundle.flows).any() and UPLOADED not in bundle.flows
    instead = upload.merged(bundle, [up], replace=True)
    assert list(instead.flows[Flow.ID]) == ["census_ven_per"]
    pd.testing.assert_frame_equal(bundle.flows, before)
    assert len(load_bundle().flows) == 34


def test_an_uploaded_id_that_clashes_with_the_bundle_is_refused(bundle):
    up = check(flows_csv(row(flow_id="ven_col")), bundle)
    assert (
        "mine.csv, row 2, column flow_id: id 'ven_col' is already used by the bundled data"
        in messages(up)
    )


def test_templates_parse_back(bundle):
    for table in ("flows", "actions", "places"):
        up = upload.read_upload(upload.template_csv(table), f"{table}_template.csv")
        assert up.table == table and up.problems == ()
    flows = upload.validate_upload(upload.read_upload(upload.template_csv("flows")), bundle)
    assert flows.ok, [str(p) for p in flows.problems]
    assert (flows.rows.at[0, Flow.YEAR], flows.rows.at[0, Flow.INDICATOR]) == (
        2020,
        "sheet_stock",
    )


# property: arbitrary bytes never raise ------------------------------------------------


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_never_raise(bundle, raw):
    up = upload.validate_upload(upload.read_upload(raw, "fuzz.csv"), bundle)
    assert_settled(up, "fuzz.csv")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.fixed_dictionaries({c: st.text(max_size=12) for c in TABLES["flows"]}),
        min_size=1,
        max_size=5,
    )
)
def test_arbitrary_frames_in_our_schema_never_raise(bundle, rows):
    raw = pd.DataFrame(rows, columns=list(TABLES["flows"])).to_csv(index=False).encode()
    up = upload.validate_upload(upload.read_upload(raw, "fuzz.csv"), bundle)
    assert_settled(up, "fuzz.csv")


def test_flows_may_use_places_uploaded_with_them(bundle):
    places = b"code,kind,name,region,lat,lon,point_rule\nXZZ,region,Somewhere new,,,,none\n"
    flows = flows_csv(row(flow_id="to_new_place", destination="XZZ"))
    results = upload.validate_all(
        [upload.read_upload(flows, "f.csv"), upload.read_upload(places, "p.csv")], bundle
    )
    assert [(u.name, u.ok) for u in results] == [("p.csv", True), ("f.csv", True)]
    alone = upload.validate_all([upload.read_upload(flows, "f.csv")], bundle)
    assert "f.csv, row 2, column destination: unknown place code" in str(alone[0].problems[0])


# languages ------------------------------------------------------------------------------


def test_a_bad_row_is_said_in_the_readers_language(bundle):
    up = check(flows_csv(row(people="1.8M", status="reported")), bundle)
    [problem] = up.problems
    assert problem.check == "people_safe"
    assert problem.text(tr("es")) == (
        "mine.csv, fila 2, columna people: '1.8M' no es un número de personas que podamos leer "
        "con seguridad; escriba un número entero como 1800000 o 1,800,000 (sin palabras, "
        "decimales, unidades ni signos)"
    )
    assert problem.text(tr("en")) == str(problem)


def test_a_schema_problem_names_its_rule_and_value_in_portuguese(bundle):
    up = check(flows_csv(row(status="maybe")), bundle)
    said = [p.text(tr("pt")) for p in up.problems if p.check == "known_status"]
    assert said == [
        "mine.csv, linha 2, coluna status: valor de situação desconhecido; permitidos: derived, "
        "reported, unquantified: 'maybe'"
    ]


def test_a_refused_file_and_a_notice_are_said_in_spanish(bundle):
    pdf = upload.read_upload(b"%PDF-1.4 not a csv", "informe.pdf")
    assert [p.text(tr("es")) for p in pdf.problems] == [
        "informe.pdf: esto es un archivo PDF, no un archivo de texto CSV"
    ]
    latin = upload.read_upload(flows_csv(row(note="Bogotá")).decode().encode("cp1252"), "m.csv")
    assert [n.text(tr("es")) for n in latin.notices] == [
        "m.csv: no es UTF-8; leído como Windows-1252 (cp1252). Revise las letras acentuadas, o "
        "guárdelo como CSV UTF-8."
    ]
