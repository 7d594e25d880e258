"""Synthetic flows in our schema, for scale tests only. Never shipped as data: every row's
source says SYNTHETIC and the generator writes to a temporary folder."""

from __future__ import annotations

import numpy as np
import pandas as pd

from lib.base.schema import CRISES, SHEET_INDICATOR, SHEET_YEAR, TABLES, Flow


def synthetic_flows(n: int, places: list[str], seed: int = 0) -> pd.DataFrame:
    """Return n synthetic top-level flows between the given place codes (SYNTHETIC in source)."""
    rng = np.random.default_rng(seed)
    origin = rng.choice(places, n)
    dest = rng.choice(places, n)
    people = rng.integers(1, 2_000_000, n)
    unq = rng.random(n) < 0.3
    df = pd.DataFrame({c: [""] * n for c in TABLES["flows"]})
    df[Flow.ID] = [f"syn_{i}" for i in range(n)]
    df[Flow.CRISIS] = rng.choice(list(CRISES), n)
    df[Flow.ORIGIN], df[Flow.DESTINATION] = origin, dest
    df[Flow.CORRIDOR] = "south_south"
    df[Flow.DIRECTION] = "one_way"
    df[Flow.PEOPLE] = np.where(unq, "", people.astype(str))
    df[Flow.STATUS] = np.where(unq, "unquantified", "reported")
    df[Flow.SOURCE] = "SYNTHETIC benchmark data"
    df[Flow.QUOTE] = "SYNTHETIC"
    df[Flow.YEAR] = str(SHEET_YEAR)
    df[Flow.INDICATOR] = SHEET_INDICATOR
    return df


SYNTHETIC_TITLE = "SYNTHETIC benchmark table made by bench/synthetic.py: not UN DESA's figures"
TABLE1_YEARS = (1990, 1995, 2000, 2005, 2010, 2015, 2020, 2024)


def synthetic_table1(path, areas: int = 230, share: float = 1.0, seed: int = 0) -> dict:
    """Write a SYNTHETIC workbook in the layout of UN DESA's Table 1 (title rows, the header
    at row 11, the years three times: both sexes, males, females) to `path`: `areas` countries
    (real M49 codes from pycountry, so they read as countries), each destination with about
    `share` of the others as origins, a WORLD row per destination (code 900) and `..` in about
    a tenth of the cells. Its sheet is named "SYNTHETIC Table 1". Return its row and cell counts.
    """
    import openpyxl
    import pycountry

    from lib.ingest.undesa import PUBLISHED_COLUMNS

    rng = np.random.default_rng(seed)
    codes = sorted(int(c.numeric) for c in pycountry.countries)[:areas]
    book = openpyxl.Workbook(write_only=True)
    ws = book.create_sheet("SYNTHETIC Table 1")
    ws.append([SYNTHETIC_TITLE])
    ws.append(["SYNTHETIC: every figure below is random; written to a temporary folder only"])
    for _ in range(8):
        ws.append([])
    ws.append([*PUBLISHED_COLUMNS, *TABLE1_YEARS * 3])
    rows = 0
    for d in codes:
        origins = [o for o in codes if o != d and rng.random() < share]
        for o in [900, *origins]:
            both = rng.integers(0, 500_000, len(TABLE1_YEARS))
            male = both // 2
            cells = [*both.tolist(), *male.tolist(), *(both - male).tolist()]
            cells = [".." if rng.random() < 0.1 else v for v in cells]
            rows += 1
            ws.append([rows, f"SYNTHETIC {d}", None, d, "B", f"SYNTHETIC {o}", o, *cells])
    book.save(path)
    return {"rows": rows, "cells": rows * len(TABLE1_YEARS) * 3, "areas": len(codes)}
