"""The bundle: every table of a data folder read as text, validated (lib.model.checks) and
typed. A folder with problems raises DataError listing them all.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from lib.base.marks import N_
from lib.base.schema import (
    DATA_DIR,
    TABLES,
    UPLOADED,
)
from lib.model.checks import validate_actions, validate_flows, validate_places, validate_simple
from lib.model.choice import TimeChoice
from lib.model.problems import MISSING_COLUMN, DataError, Problem


@dataclass(frozen=True)
class Bundle:
    """All tables of one data folder, validated and typed. `time` is None for the whole
    folder; a view of one indicator and one year (lib.model.timeline.at) keeps only those flows
    and names its choice there, so every chart built from it can say which it shows."""

    flows: pd.DataFrame
    places: pd.DataFrame
    actions: pd.DataFrame
    themes: pd.DataFrame
    principles: pd.DataFrame
    effects: pd.DataFrame
    cases: pd.DataFrame
    time: TimeChoice | None = None


# --------------------------------------------------------------------------- reading

DATA_ENV = "DASHBOARD_DATA"


def data_folder() -> Path:
    """Return the folder of tables to show: $DASHBOARD_DATA when set (a data folder made by
    `python -m lib.ingest`, or any folder of the same schema), else the bundled `data/`."""
    return Path(os.environ.get(DATA_ENV) or DATA_DIR)


def read_table(source: Path | bytes, columns: Iterable[str], file: str) -> pd.DataFrame:
    """Return the CSV as a DataFrame of text cells (empty cell -> <NA>); codes stay text.

    `NA` is Namibia, not a missing value: only an empty cell is missing.
    Raises DataError when the header lacks a required column.
    """
    buf = io.BytesIO(source) if isinstance(source, bytes) else source
    df = pd.read_csv(buf, dtype=str, keep_default_na=False, na_values=[], encoding="utf-8-sig")
    df = df.apply(lambda col: col.str.strip()).replace("", pd.NA)
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise DataError(
            Problem.of(file, 1, c, "column_in_dataframe", MISSING_COLUMN) for c in missing
        )
    return df.reset_index(drop=True)


def uploaded_rows(df: pd.DataFrame) -> pd.Series:
    """Return True for the rows this session uploaded (lib.ingest.upload.merged marks them)."""
    if UPLOADED in df:
        return df[UPLOADED].fillna(False).astype(bool)
    return pd.Series(False, index=df.index)


# --------------------------------------------------------------------------- schemas


# --------------------------------------------------------------------------- validation


def _read(data_dir: Path, table: str, problems: list[Problem]) -> pd.DataFrame | None:
    path = data_dir / f"{table}.csv"
    try:
        return read_table(path, TABLES[table], path.name)
    except DataError as err:
        problems.extend(err.problems)
    except FileNotFoundError:
        problems.append(Problem.of(path.name, None, None, "file_found", N_("file not found")))
    return None


def load_bundle(data_dir: Path = DATA_DIR) -> Bundle:
    """Return every table of `data_dir`, validated; raise DataError listing all problems.

    A table that cannot be read is not validated, nor are the tables that refer to it.
    """
    problems: list[Problem] = []
    raw = {t: _read(data_dir, t, problems) for t in TABLES}
    out: dict[str, pd.DataFrame] = {}

    def run(
        table: str, validate: Callable[[], tuple[pd.DataFrame, list[Problem]]], *needs: str
    ) -> None:
        if raw[table] is not None and all(n in out for n in needs):
            out[table], found = validate()
            problems.extend(found)

    run("places", lambda: validate_places(raw["places"]))
    run("themes", lambda: validate_simple(raw["themes"], "themes", "themes.csv"))
    run("flows", lambda: validate_flows(raw["flows"], out["places"]), "places")
    run(
        "actions",
        lambda: validate_actions(raw["actions"], out["places"], out["themes"]),
        "places",
        "themes",
    )
    for table in ("principles", "effects", "cases"):
        run(table, lambda table=table: validate_simple(raw[table], table, f"{table}.csv"))
    if problems:
        raise DataError(problems)
    return Bundle(**out)
