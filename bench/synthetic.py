"""Synthetic flows in our schema, for scale tests only. Never shipped as data: every row's
source says SYNTHETIC and the generator writes to a temporary folder."""

from __future__ import annotations

import numpy as np
import pandas as pd

from lib.schema import CRISES, SHEET_INDICATOR, SHEET_YEAR, TABLES, Flow


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
