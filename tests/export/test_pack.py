"""lib/export/pack.py: every kind of downloaded file, opened and checked as a user would."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile

import pandas as pd
import pytest
from PIL import Image, ImageStat

from lib.base.i18n import translate
from lib.base.schema import ROOT
from lib.charts import describe
from lib.charts.actions import actions_country_chart
from lib.charts.corridors import nested_chart
from lib.charts.map_view import map_chart
from lib.export import pack as export
from lib.export import render
from lib.model.localise import localized
from tests.helpers import run_module

DAY = dt.date(2026, 11, 27)
needs_chrome = pytest.mark.skipif(
    render.chrome_path() is None, reason="image export needs Chromium (scripts/test.sh installs it)"
)


def test_file_names_carry_crisis_chart_language_and_date():
    assert (
        render.file_name("venezuela", "corridors", "en", DAY, "png")
        == "venezuela_corridors_en_2026-11-27.png"
    )
    assert render.file_name(None, "map", "es", DAY, "svg") == "all_map_es_2026-11-27.svg"
    assert (
        export.view_link("http://localhost:8501/", "map", "haiti")
        == "http://localhost:8501/map?crisis=haiti"
    )
    assert export.view_link("http://h:1", "", None) == "http://h:1/"


# --------------------------------------------------------------------------- CSV


@pytest.mark.parametrize(
    "cell, expected",
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+cmd", "'+cmd"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Chile", "Chile"),
        ("a=b", "a=b"),
    ],
)
def test_csv_escapes_formula_cells_and_round_trips(cell, expected):
    df = pd.DataFrame({"title": [cell], "people": [1_800_000.0], "count": [7]})
    back = pd.read_csv(
        io.BytesIO(render.csv_bytes(df)), encoding="utf-8-sig", keep_default_na=False
    )
    assert back.at[0, "title"] == expected
    assert back.at[0, "people"] == 1_800_000 and back["people"].dtype.kind == "f"
    assert back.at[0, "count"] == 7 and back["count"].dtype.kind == "i"


def test_csv_of_a_chart_is_exactly_its_table_with_provenance(bundle):
    chart = nested_chart(bundle, "venezuela")
    back = pd.read_csv(io.BytesIO(render.csv_bytes(chart.table)), encoding="utf-8-sig")
    assert len(back) == len(chart.table) == 8
    assert {"status", "flow", "people"} <= set(back.columns)
    assert back.loc[back["flow"] == "ven_col", "people"].item() == 1_800_000
    assert back.loc[back["flow"] == "ven_per", "people"].isna().item()


def test_lists_are_joined_in_csv(bundle):
    df = pd.DataFrame({"countries": [["Chile", "Peru"]]})
    back = pd.read_csv(io.BytesIO(render.csv_bytes(df)), encoding="utf-8-sig")
    assert back.at[0, "countries"] == "Chile; Peru"


# --------------------------------------------------------------------------- images


@pytest.mark.slow
@needs_chrome
def test_png_is_slide_sized_and_not_blank(bundle):
    fig = render.stamped(nested_chart(bundle, "venezuela").figure, "Venezuela", DAY)
    img = Image.open(io.BytesIO(render.image_bytes(fig, "png")))
    assert img.size == (1920, 1080)
    stat = ImageStat.Stat(img.convert("L"))
    assert stat.stddev[0] > 20  # a chart, not an empty canvas
    assert len(img.convert("RGB").getcolors(1_000_000)) > 50


def test_a_chart_drawn_taller_than_a_slide_is_exported_at_its_own_height(bundle):
    assert render.export_size(nested_chart(bundle, "venezuela").figure) == (1920, 1080)
    tall = nested_chart(bundle, None).figure  # every crisis's nested flows, one under another
    assert tall.layout.height > 1080
    assert render.export_size(tall) == (1920, tall.layout.height)


@pytest.mark.slow
@needs_chrome
def test_the_all_crises_sankey_png_is_as_tall_as_its_chart(bundle):
    fig = render.stamped(nested_chart(bundle, None).figure, "All crises", DAY)
    img = Image.open(io.BytesIO(render.image_bytes(fig, "png")))
    assert img.size == (1920, fig.layout.height)


@pytest.mark.slow
@needs_chrome
def test_svg_parses_and_holds_title_crisis_date_and_source(bundle):
    chart = nested_chart(bundle, "venezuela")
    svg = render.image_bytes(render.stamped(chart.figure, "Venezuela", DAY), "svg").decode("utf-8")
    root = ET.fromstring(svg)
    text = " ".join(t for t in root.itertext())
    assert chart.title in text
    assert "Source: EUROsociAL+ migration sheet" in text
    assert "Crisis: Venezuela · Downloaded 2026-11-27" in text
    assert "Colombia" in text and "1.8 million" in text


@pytest.mark.slow
@needs_chrome
def test_static_map_draws_from_the_bundled_shapes(bundle):
    chart = map_chart(bundle, "venezuela")
    svg = render.image_bytes(render.stamped(chart.figure, "Venezuela", DAY), "svg").decode("utf-8")
    assert "Who moves where: Venezuela" in svg
    assert "Colombia" in svg and "Peru" in svg  # the drawn places are labelled
    assert (
        "Venezuela (figure)" in svg and "Venezuela (magnitude not reported)" in svg
    )  # legend tells arrows from dashes
    img = Image.open(io.BytesIO(render.image_bytes(chart.figure, "png")))
    assert img.size == (1920, 1080)
    # the map fills the slide's left three quarters and the legend stands beside it, not stranded
    # far right
    xaxis = chart.figure.layout.xaxis
    assert xaxis.range == (0, 1400) and 0.74 < xaxis.domain[1] < 0.76
    assert 0.75 < chart.figure.layout.legend.x < 0.8


def test_without_chromium_images_fail_with_one_clear_message(bundle, monkeypatch):
    monkeypatch.setattr(render, "chrome_path", lambda: None)
    monkeypatch.setattr(render, "_server_started", False)
    with pytest.raises(render.ExportUnavailable) as err:
        render.image_bytes(nested_chart(bundle, "haiti").figure, "png")
    assert str(err.value) == render.CHROME_HELP
    assert "apt-get install chromium" in str(err.value)
    files, problem = export.briefing_pack(bundle, "haiti", "en", "http://localhost:8501", DAY)
    assert problem == render.CHROME_HELP
    assert not [n for n in files if n.endswith((".png", ".svg"))]
    assert "haiti_flows_en_2026-11-27.csv" in files and "SOURCES.md" in files
    assert render.html_bytes(nested_chart(bundle, "haiti").figure).startswith(b"<!doctype html>")
    # the message is translated from the id the exception carries, not matched by its text
    _, problema = export.briefing_pack(bundle, "haiti", "es", "http://localhost:8501/", DAY)
    assert problema == translate("es", render.CHROME_HELP) != render.CHROME_HELP
    assert "apt-get install chromium" in problema


# --------------------------------------------------------------------------- HTML


def test_html_is_self_contained(bundle):
    html = render.html_bytes(actions_country_chart(bundle, "venezuela").figure).decode("utf-8")
    assert (
        '<script src="http' not in html and "cdn.plot.ly" not in html.split("plotly.js v")[0][:200]
    )
    assert len(html) > 3_000_000  # plotly.js inlined
    assert "Actions accompanied by EUROsociAL+ per country: Venezuela" in html


# --------------------------------------------------------------------------- pack


@pytest.mark.slow
@needs_chrome
def test_briefing_pack_zip_holds_every_file(bundle):
    files, problem = export.briefing_pack(bundle, "venezuela", "en", "http://localhost:8501", DAY)
    assert problem is None
    charts = ["map", "nested", "corridors", "actions"]
    expected = {
        f"venezuela_{c}_en_2026-11-27.{ext}" for c in charts for ext in ("png", "svg", "csv")
    }
    expected |= {
        "venezuela_flows_en_2026-11-27.csv",
        "venezuela_action-list_en_2026-11-27.csv",
        "SOURCES.md",
        "LINK.txt",
        "venezuela_slides_en_2026-11-27.pptx",
        "venezuela_handout_en_2026-11-27.pdf",
    }
    with zipfile.ZipFile(io.BytesIO(export.zip_bytes(files))) as zf:
        assert set(zf.namelist()) == expected
        sources = zf.read("SOURCES.md").decode("utf-8")
        assert zf.read("LINK.txt").decode().strip() == "http://localhost:8501/?crisis=venezuela"
        flows = pd.read_csv(zf.open("venezuela_flows_en_2026-11-27.csv"), encoding="utf-8-sig")
    assert "| ven_col | Venezuela | Colombia |  | 1.8 million | reported |" in sources
    assert (
        "| ven_outside | Venezuela | Outside the region |  | 800 thousand | derived | "
        "ven_emigrated - ven_region |" in sources
    )
    assert len(flows) == 9 and set(flows["status"]) == {"reported", "derived", "unquantified"}


@pytest.mark.slow
def test_cli_writes_the_pack_and_says_so(tmp_path):
    done = run_module(
        "lib.export", "--crisis", "haiti", "--out", str(tmp_path / "pack"), timeout=300
    )
    names = sorted(p.name for p in (tmp_path / "pack").iterdir())
    assert "SOURCES.md" in names and "LINK.txt" in names
    if render.chrome_path():
        assert done.returncode == 0, done.stderr
        assert sum(n.endswith(".png") for n in names) == 4
    else:
        assert done.returncode == 2 and render.CHROME_HELP in done.stderr
    assert done.stdout.startswith(f"wrote {len(names)} files to ")


def test_cli_rejects_an_unknown_crisis(tmp_path):
    done = run_module("lib.export", "--crisis", "atlantis", "--out", str(tmp_path), timeout=120)
    assert done.returncode == 2 and "invalid choice: 'atlantis'" in done.stderr


def test_map_html_links_nothing_online(bundle):
    from lib.charts.map_view import map_view

    html = render.deck_html_bytes(map_view(bundle, "haiti", {"haiti": "Haiti"}).deck).decode()
    import re

    assert not re.search(r'<script[^>]*\ssrc="http|<link[^>]*\shref="http', html)
    assert "cdn.jsdelivr.net/npm/@deck.gl/widgets" not in html
    assert "Magnitude not reported" in html  # the tooltips travel with the file


@pytest.mark.slow
@needs_chrome
def test_spanish_sankey_svg_has_the_spanish_title_and_numbers(bundle):

    es = localized(bundle, "es")
    chart = nested_chart(es, "venezuela", "es")
    svg = render.image_bytes(render.stamped(chart.figure, "Venezuela", DAY, "es"), "svg").decode(
        "utf-8"
    )
    text = " ".join(ET.fromstring(svg).itertext())
    assert "Venezuela: flujos que nombra la ficha, anidados como en la ficha" in text
    assert "1,8 millones" in text and "Fuera de la región" in text
    assert "Crisis: Venezuela · Descargado el 2026-11-27" in text
    assert "Fuente: ficha de migración de EUROsociAL+" in text


@pytest.mark.slow
def test_spanish_pack_has_spanish_sources_and_file_names(bundle):

    files, _ = export.briefing_pack(
        localized(bundle, "es"),
        "venezuela",
        "es",
        "http://h",
        DAY,
        images=False,
    )
    assert "venezuela_flows_es_2026-11-27.csv" in files
    sources = files["SOURCES.md"].decode("utf-8")
    assert sources.startswith("# Fuentes: Venezuela")
    assert "| ven_col | Venezuela | Colombia |  | 1,8 millones | informada |" in sources


@pytest.mark.slow
@pytest.mark.parametrize(
    "lang, doubt",
    [("en", "attribution in doubt"), ("es", "atribución dudosa"), ("pt", "atribuição duvidosa")],
)
def test_briefing_pack_says_the_ministrys_attribution_is_in_doubt(bundle, lang, doubt):

    files, _ = export.briefing_pack(
        localized(bundle, lang), "haiti", lang, "http://h", DAY, images=False
    )
    actions = pd.read_csv(
        io.BytesIO(files[f"haiti_action-list_{lang}_2026-11-27.csv"]), encoding="utf-8-sig"
    )
    row = actions[actions["action_id"] == "mex_child_protection_route"].iloc[0]
    assert f"Ministry of Justice and Human Rights [{doubt}: " in row.iloc[4]
    sources = files["SOURCES.md"].decode("utf-8")
    assert f": Ministry of Justice and Human Rights [{doubt}: " in sources
    venezuela, _ = export.briefing_pack(
        localized(bundle, lang), "venezuela", lang, "http://h/", DAY, images=False
    )
    assert "Ministry of Justice" not in venezuela["SOURCES.md"].decode(
        "utf-8"
    )  # the action is not Venezuela's


# --------------------------------------------------------------------------- dated (issue 13)


@pytest.mark.slow
@pytest.mark.parametrize(
    "lang, date",
    [
        ("en", "from about 2020 (it names a meeting of June 2020 as still to come)"),
        ("es", "de hacia 2020 (menciona como aún por venir una reunión de junio de 2020)"),
        ("pt", "de por volta de 2020 (cita como ainda por vir uma reunião de junho de 2020)"),
    ],
)
@pytest.mark.parametrize("crisis", [None, "venezuela", "haiti", "northern_triangle", "structural"])
def test_every_chart_and_every_table_of_the_pack_is_dated(bundle, crisis, lang, date):
    from lib.charts.registry import Ask, in_pack

    data = localized(bundle, lang)
    charts = [kind.build(Ask(data, crisis, lang)) for kind in in_pack()]
    assert [c.name for c in charts if c is not None] == ["map", "nested", "corridors", "actions"]
    for chart in filter(None, charts):  # the sheet alone has one year: no over-time chart
        assert date in chart.figure.layout.annotations[-1].text, chart.name
    files, _ = export.briefing_pack(data, crisis, lang, "http://h/", DAY, images=False)
    header = {"en": "about these data", "es": "sobre estos datos", "pt": "sobre estes dados"}[lang]
    tables = [name for name in files if name.endswith(".csv")]
    assert len(tables) == 6
    for name in tables:
        df = pd.read_csv(io.BytesIO(files[name]), encoding="utf-8-sig")
        assert df.columns[-1] == header and df[header].str.contains(date, regex=False).all(), name
    assert {
        "en": "The figures are the sheet's, from about 2020",
        "es": "Las cifras son las de la ficha, de hacia 2020",
        "pt": "Os números são os da ficha, de por volta de 2020",
    }[lang] in files["SOURCES.md"].decode("utf-8")


def test_map_html_shows_its_title_and_dated_source_over_the_map(bundle):
    from lib.charts.map_view import map_view

    deck = map_view(bundle, "haiti", {"haiti": "Haiti"}).html_deck()
    html = render.deck_html_bytes(
        deck, render.map_html_caption("Who moves where: <Haiti>", "es")
    ).decode()
    box = html[html.index('<div id="caption"') : html.index("</body>")]
    assert "Who moves where: &lt;Haiti&gt;" in box  # escaped
    assert "de hacia 2020 (menciona como aún por venir una reunión de junio de 2020)" in box


# --------------------------------------------------------------------------- stocks (issue 13)

STOCK_EN = (
    "Figures: people living abroad at the time of the sheet (about 2020), not movements per year."
)


def test_charts_with_figures_say_they_are_stocks_and_charts_without_do_not(bundle):
    from lib.charts.corridors import corridor_chart, nested_chart

    for chart in (
        nested_chart(bundle, "venezuela"),
        corridor_chart(bundle, "venezuela")[0],
        nested_chart(bundle, None),
    ):
        assert chart.figure.layout.title.subtitle.text.split("<br>")[0] == STOCK_EN
    assert STOCK_EN not in (nested_chart(bundle, "haiti").figure.layout.title.subtitle.text or "")
    map_note = map_chart(bundle, "venezuela").figure.layout.annotations[-1].text
    assert (
        "Arrows: people living there at the time of the sheet, not movements per year" in map_note
    )


@pytest.mark.slow
def test_downloaded_tables_with_figures_say_what_they_count(bundle):
    files, _ = export.briefing_pack(bundle, "venezuela", "en", "http://h/", DAY, images=False)
    flows = pd.read_csv(
        io.BytesIO(files["venezuela_flows_en_2026-11-27.csv"]), encoding="utf-8-sig"
    )
    assert flows["about these data"].str.endswith(STOCK_EN).all()
    actions = pd.read_csv(
        io.BytesIO(files["venezuela_action-list_en_2026-11-27.csv"]), encoding="utf-8-sig"
    )
    assert (
        not actions["about these data"].str.contains("not movements per year").any()
    )  # no figures in it
    assert STOCK_EN in files["SOURCES.md"].decode("utf-8")


# --------------------------------------------------------------------------- no magnitude drawn
# (issue 13)


def _grey_band_px(png: bytes) -> tuple[float, int]:
    """Return the share of neutral grey pixels in the image, and the side of the largest square
    of them between the columns of nodes (a quarter to two fifths of the width from either
    side, where lines run apart): a band drawn as a magnitude holds a square tens of pixels wide,
    a hairline none wider than a few pixels, at any angle."""
    import numpy as np

    a = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
    hi, lo = a.max(axis=2), a.min(axis=2)
    grey = ((lo >= 100) & (hi <= 235) & (hi - lo < 12)).astype(int)
    w = grey.shape[1]
    side = 0
    for part in (grey[:, int(w * 0.25) : int(w * 0.42)], grey[:, int(w * 0.58) : int(w * 0.75)]):
        s = np.pad(part.cumsum(0).cumsum(1), ((1, 0), (1, 0)))
        k = side + 1
        while k < 60 and ((s[k:, k:] - s[:-k, k:] - s[k:, :-k] + s[:-k, :-k]) == k * k).any():
            side, k = k, k + 1
    return float(grey.mean()), side


@pytest.mark.slow
@needs_chrome
@pytest.mark.parametrize("crisis", ["haiti", "northern_triangle", "structural"])
def test_slide_png_of_a_crisis_without_figures_draws_hairlines_not_bands(bundle, crisis):
    from lib.charts.corridors import corridor_chart

    for chart in (nested_chart(bundle, crisis), corridor_chart(bundle, crisis)[0]):
        png = render.image_bytes(render.stamped(chart.figure, crisis, DAY), "png")
        assert Image.open(io.BytesIO(png)).size == (1920, 1080)
        share, square = _grey_band_px(png)
        assert share < 0.04 and square <= 8, (
            chart.name,
            share,
            square,
        )  # Haiti's eleven equal bands held 59 px squares


# --------------------------------------------------------------------------- in words


@pytest.mark.slow
def test_an_svg_says_its_title_and_description_to_a_screen_reader():
    svg = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10"><g/></svg>'
    out = render.described_svg(svg, "Corridors: Haiti", "Haiti to Chile & Peru, <named>")
    root = ET.fromstring(out)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "chart-title chart-desc"
    assert [child.tag for child in root][:2] == [f"{ns}title", f"{ns}desc"]
    assert root.find(f"{ns}desc").text == "Haiti to Chile & Peru, <named>"


def test_the_html_chart_carries_its_description(bundle):
    words = "Of 5.1 million people who emigrated from Venezuela, 4.3 million are in the region."
    html = render.html_bytes(nested_chart(bundle, "venezuela").figure, words).decode()
    assert '<div id="chart" role="img" aria-describedby="chart-desc"' in html
    assert f'<p id="chart-desc" style="font:14px/1.5 sans-serif">{words}</p>' in html


@pytest.mark.slow
@needs_chrome
def test_the_packs_svgs_carry_the_charts_descriptions(bundle):
    spanish = localized(bundle, "es")
    files, problem = export.briefing_pack(spanish, "haiti", "es", "http://h", DAY)
    assert problem is None
    svg = ET.fromstring(files["haiti_corridors_es_2026-11-27.svg"])
    desc = svg.find("{http://www.w3.org/2000/svg}desc").text
    assert desc == describe.corridors_description(spanish, "haiti", "es")
    assert "Haití hacia Perú" in desc


@pytest.mark.parametrize(
    "flags, message",
    [
        (
            ["--indicator", "oip", "--year", "1990"],
            "--year 1990: no figure of oip then; there are 2023",
        ),
        (
            ["--indicator", "nonsense"],
            "--indicator nonsense: no figure of it here; there are sheet_stock",
        ),
        (["--year", "twenty"], "argument --year: invalid int value: 'twenty'"),
    ],
)
def test_cli_refuses_an_indicator_or_year_without_figures(timed_data, tmp_path, flags, message):
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "lib.export",
            "--crisis",
            "venezuela",
            "--out",
            str(tmp_path),
            *flags,
        ],
        cwd=ROOT,
        env={**os.environ, "DASHBOARD_DATA": str(timed_data)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2 and message in done.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_cli_writes_the_pack_of_a_chosen_year_from_dashboard_data(timed_data, tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "lib.export",
            "--crisis",
            "venezuela",
            "--out",
            str(tmp_path),
            "--indicator",
            "undesa_stock",
            "--year",
            "2010",
        ],
        cwd=ROOT,
        env={**os.environ, "DASHBOARD_DATA": str(timed_data)},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    day = dt.date.today().isoformat()
    assert f"venezuela_map_undesa_stock-2010_en_{day}.png" in names
    assert f"venezuela_flows_undesa_stock-2010_en_{day}.csv" in names
    sources = (tmp_path / "SOURCES.md").read_text()
    assert "Source: UN DESA, International Migrant Stock 2024, Table 1, 2010" in sources
    assert (tmp_path / "LINK.txt").read_text() == (
        "http://localhost:8501/?crisis=venezuela&year=2010&indicator=undesa_stock\n"
    )
    flows = (tmp_path / f"venezuela_flows_undesa_stock-2010_en_{day}.csv").read_text("utf-8-sig")
    assert "undesa2024_ven_col_2010_undesa_stock" in flows and "2020" not in flows.split("\n")[1]


# --------------------------------------------------------------------------- public links and years


def test_cli_refuses_a_link_that_is_not_the_dashboards_address(tmp_path):
    """--link is the address every link is built on: a view's link (with its query) there
    would give links with two queries."""
    with pytest.raises(SystemExit) as done:
        export.main(
            ["--crisis", "haiti", "--link", "https://x.org/?crisis=haiti", "--out", str(tmp_path)]
        )
    assert done.value.code == 2
    assert list(tmp_path.iterdir()) == []


def test_the_sheet_alone_gives_no_over_time_file_and_no_over_time_slide(bundle):
    from lib.export.slides import crisis_slides
    from lib.model import timeline

    view = timeline.at(bundle, timeline.choice_for(bundle.flows, "venezuela"))
    files, _ = export.briefing_pack(
        view, "venezuela", "en", "http://h", DAY, images=False, every_year=bundle
    )
    assert sorted(n for n in files if n.endswith(".csv")) == [
        f"venezuela_{name}_en_2026-11-27.csv"
        for name in ("action-list", "actions", "corridors", "flows", "map", "nested")
    ]
    slides = crisis_slides(view, "venezuela", every_year=bundle)
    assert [s.kind for s in slides][:5] == ["title", "map", "nested", "corridors", "actions"]


@pytest.fixture(scope="module")
def years_pack(timed_data, tmp_path_factory):
    """The pack `python -m lib.export` writes for Venezuela from a folder with years (UN
    DESA's stock, 1990-2024: tests/conftest.py), of that indicator's newest year."""
    out = tmp_path_factory.mktemp("years_pack")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DASHBOARD_DATA", str(timed_data))
        args = ["--crisis", "venezuela", "--indicator", "undesa_stock"]
        code = export.main([*args, "--link", "https://d.example", "--out", str(out)])
    return code, out


YEARS = ["1990", "1995", "2000", "2005", "2010", "2015", "2020", "2024"]


@pytest.mark.slow
@needs_chrome
def test_the_pack_of_a_folder_with_years_holds_the_over_time_chart(years_pack, timed_data):
    from lib.charts.registry import CHARTS, Ask
    from lib.model import timeline
    from lib.model.bundle import load_bundle

    code, out = years_pack
    assert code == 0
    stem = f"venezuela_trend_undesa_stock-2024_en_{dt.date.today().isoformat()}"
    names = {p.name for p in out.iterdir()}
    assert {f"{stem}.png", f"{stem}.svg", f"{stem}.csv"} <= names
    assert not [n for n in names if n.endswith(".html")]  # the pack has HTML for no chart
    table = pd.read_csv(out / f"{stem}.csv", encoding="utf-8-sig")
    assert list(table.columns) == ["from", "to", *YEARS, "about these data"]
    row = table.iloc[0]
    assert (row["from"], row["to"]) == ("Venezuela", "Colombia")
    assert [row[y] for y in YEARS if y != "2005"] == [10, 20, 30, 50, 60, 70, 80]
    assert pd.isna(row["2005"])  # no figure: an empty cell, never a zero
    # the columns and rows the over-time chart's table shows on /trends
    every = load_bundle(timed_data)
    view = timeline.at(every, timeline.choice_for(every.flows, "venezuela", "undesa_stock"))
    shown = CHARTS["trend"].build(Ask(view, "venezuela", every_year=every)).table
    assert list(table.columns[:-1]) == list(shown.columns) and len(table) == len(shown)
    assert Image.open(out / f"{stem}.png").size == (1920, 1080)
    svg = " ".join(ET.parse(out / f"{stem}.svg").getroot().itertext())
    assert "Venezuela: the largest destinations, 1990–2024" in svg
    assert "Colombia" in svg  # its one line, named in the legend
    assert "No figure (a gap in the line, not a zero): Colombia in 2005." in svg


@pytest.mark.slow
@needs_chrome
def test_the_deck_and_the_handout_of_a_folder_with_years_have_the_over_time_chart(years_pack):
    from pptx import Presentation

    code, out = years_pack
    assert code == 0
    [deck] = out.glob("*.pptx")
    slides = list(Presentation(str(deck)).slides)
    titles = [s.shapes.title.text for s in slides]
    assert titles[:5] == [
        "Venezuela: migration and the policy actions that answer it",
        "Who moves where: Venezuela, 2024",
        "Venezuela: where they live, 2024",
        "Venezuela: flows by corridor, 2024",
        "Venezuela: the largest destinations, 1990–2024",
    ]
    picture = next(s for s in slides[4].shapes if s.shape_type == 13)
    assert picture._element.nvPicPr.cNvPr.get("descr") == (
        "International migrant stock, both sexes (UN DESA), 1990 to 2024, from Venezuela: "
        "Colombia: 10 in 1990, 80 in 2024. No figure (a gap in the line, not a zero): "
        "Colombia in 2005."
    )
    [pdf] = out.glob("*.pdf")
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert "Venezuela: the largest destinations, 1990–2024" in text
    assert "No figure (a gap in the line, not a zero): Colombia in 2005." in text
    assert "https://d.example/present?crisis=venezuela&year=2024&indicator=undesa_stock" in text
