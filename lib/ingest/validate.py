"""Command-line check for anyone editing the data.

    python -m lib.ingest.validate data/flows.csv data/actions.csv

Prints every problem (file, spreadsheet row, column, message) and exits 1 when there is
one, 0 when all files are valid. Codes are checked against places.csv and themes.csv from
the same folder as the file checked, or from the bundled data when that folder has none.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from lib.base.schema import AUXILIARY_TABLES, DATA_DIR, TABLES
from lib.model.bundle import read_table
from lib.model.checks import validate_actions, validate_flows, validate_places, validate_simple
from lib.model.problems import DataError, Problem


def _table_of(path: Path) -> str | None:
    stem = path.stem.lower()
    known = [*TABLES, *AUXILIARY_TABLES]
    return next(
        (t for t in known if stem == t or stem.startswith(t + "_") or stem.endswith("_" + t)), None
    )


def _reference(folder: Path, table: str) -> pd.DataFrame:
    path = folder / f"{table}.csv"
    if not path.exists():
        path = DATA_DIR / f"{table}.csv"
    return read_table(path, TABLES[table], path.name)


def check_file(path: Path) -> tuple[int, list[Problem]]:
    """Return the number of data rows in `path` and every problem found in it."""
    name = str(path)
    table = _table_of(path)
    if table is None:
        known = ", ".join(f"{t}.csv" for t in [*TABLES, *AUXILIARY_TABLES])
        return 0, [
            Problem(
                name,
                None,
                None,
                f"cannot tell which table this is; name it like one of: {known}",
                "table_known",
            )
        ]
    if not path.is_file():
        return 0, [Problem(name, None, None, "file not found", "file_found")]
    try:
        df = read_table(path, {**TABLES, **AUXILIARY_TABLES}[table], name)
    except DataError as err:
        return 0, err.problems
    except (UnicodeDecodeError, pd.errors.ParserError) as err:
        return 0, [Problem(name, None, None, f"cannot be read as UTF-8 CSV: {err}", "encoding")]
    folder = path.parent
    if table in AUXILIARY_TABLES:  # read by lib.base.i18n: its header is what can be checked here
        return len(df), []
    if table == "places":
        _, problems = validate_places(df, name)
    elif table == "flows":
        places, _ = validate_places(_reference(folder, "places"))
        _, problems = validate_flows(df, places, name)
    elif table == "actions":
        places, _ = validate_places(_reference(folder, "places"))
        themes = _reference(folder, "themes")
        _, problems = validate_actions(df, places, themes, name)
    else:
        _, problems = validate_simple(df, table, name)
    return len(df), problems


def main(argv: list[str] | None = None) -> int:
    """Check each file given; print problems; return the process exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m lib.ingest.validate", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("files", nargs="+", type=Path, help="CSV files in the dashboard's schema")
    args = parser.parse_args(argv)
    total = 0
    for path in args.files:
        rows, problems = check_file(path)
        for problem in sorted(problems, key=lambda p: (p.row or 0, p.column or "", p.message)):
            print(problem)
        total += len(problems)
        if not problems:
            print(f"{path}: OK, {rows} rows")
    if total:
        print(f"{total} problem{'' if total == 1 else 's'} found.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
