"""Two datasets giving a figure for the same flow (AppTest, a folder made by the command line
with two R4V editions): a page shows one, says which and that the other is never added to it,
and ?dataset= switches; an unknown dataset falls back with a notice."""

from __future__ import annotations

import pytest

from tests.helpers import deck_spec, open_page, run_module, warnings

MAY = "Country,Date,Value\nColombia,2024-05-31,2857528\nPeru,2024-05-31,1542004\n"
JUNE = "Country,Date,Value\nColombia,2024-06-30,2900000\nChile,2024-06-30,500000\n"
FLAGS = ["--format=long", "--origin=VEN", "--columns=destination=Country,year=Date,value=Value"]


@pytest.fixture(scope="module")
def two_editions(tmp_path_factory):
    root = tmp_path_factory.mktemp("r4v")
    (root / "may.csv").write_text(MAY)
    (root / "june.csv").write_text(JUNE)
    first = run_module(
        "lib.ingest",
        str(root / "may.csv"),
        *FLAGS,
        "--indicator=r4v_stock",
        "--dataset=R4V, May 2024",
        "--out",
        str(root / "a"),
        timeout=120,
    )
    assert first.returncode == 0, first.stderr
    second = run_module(
        "lib.ingest",
        str(root / "june.csv"),
        *FLAGS,
        "--indicator=r4v_stock",
        "--dataset=R4V, June 2024",
        "--base",
        str(root / "a"),
        "--out",
        str(root / "b"),
        timeout=120,
    )
    assert second.returncode == 0, second.stderr
    return root / "b"


@pytest.fixture(autouse=True)
def _two(two_editions, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA", str(two_editions))


def _said(at) -> str:
    return " ".join(c.value for c in at.caption).replace("\\", "")


def test_the_view_shows_one_dataset_and_says_which(two_editions):
    at = open_page("pages/sources.py", crisis="venezuela", indicator="r4v_stock")
    assert not at.exception
    assert (
        "Datasets give figures for the same flows: showing R4V, May 2024, never added to R4V, "
        "June 2024, which fill only the flows R4V, May 2024 lacks. Choose the dataset above to "
        "see another." in _said(at)
    )
    box = at.selectbox(key="url_dataset")
    assert box.value == "R4V, May 2024" and box.options == ["R4V, May 2024", "R4V, June 2024"]


@pytest.mark.parametrize(
    "dataset, colombia",
    [
        (
            "R4V, May 2024",
            "2.9 million people (2,857,528)\nStatus: reported\nCrisis: Venezuela"
            "\nSource: R4V, May 2024",
        ),
        (
            "R4V, June 2024",
            "2.9 million people (2,900,000)\nStatus: reported\nCrisis: Venezuela"
            "\nSource: R4V, June 2024",
        ),
    ],
)
def test_the_map_draws_one_datasets_figure_for_colombia_never_both(dataset, colombia):
    at = open_page("pages/map.py", crisis="venezuela", indicator="r4v_stock", dataset=dataset)
    tips = [t for t in _tooltips(deck_spec(at)) if t.startswith("Venezuela → Colombia\n")]
    assert [t.split("\n", 1)[1] for t in tips] == [colombia]


def _tooltips(node) -> list[str]:
    """Return every tooltip text in a deck's JSON (its layers' data)."""
    if isinstance(node, dict):
        own = [node["tooltip"]] if isinstance(node.get("tooltip"), str) else []
        return own + [t for v in node.values() for t in _tooltips(v)]
    if isinstance(node, list):
        return [t for v in node for t in _tooltips(v)]
    return []


def test_the_link_switches_the_dataset_and_the_figures_follow():
    at = open_page(
        "pages/corridors.py", crisis="venezuela", indicator="r4v_stock", dataset="R4V, June 2024"
    )
    assert not at.exception and warnings(at) == []
    assert "showing R4V, June 2024, never added to R4V, May 2024" in _said(at)
    assert at.query_params["dataset"] == "R4V, June 2024"


def test_an_unknown_dataset_falls_back_with_a_notice():
    at = open_page("pages/map.py", crisis="venezuela", indicator="r4v_stock", dataset="R4V, 1850")
    assert warnings(at) == [
        "Unknown dataset “R4V, 1850” in the link; showing R4V, May 2024 instead."
    ]


def test_no_rival_no_box_and_the_parameter_is_dropped():
    at = open_page("pages/map.py", crisis="venezuela", dataset="R4V, May 2024")
    assert not at.exception
    assert "dataset" not in at.query_params
    assert "Datasets give figures" not in _said(at)
