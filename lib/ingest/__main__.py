"""Bring a published table into a whole data folder the dashboard serves.

    python -m lib.ingest FILE [--format auto|undesa|unhcr|long] [--origin ISO3]
        [--columns origin=…,destination=…,year=…,value=…,indicator=…] [--indicator SLUG]
        [--dataset NAME] [--base DIR] --out DIR

DIR gets every CSV of the base folder (the bundled data, or --base: a folder this command
wrote before, to add UNHCR's table to UN DESA's), with flows.csv and places.csv extended by
the imported rows (the base rows unchanged); `DASHBOARD_DATA=DIR scripts/run.sh` serves it and
`python -m lib.ingest.validate DIR/*.csv` accepts it. Prints the rows per year and indicator and
every area skipped, and writes the import's receipt (what was read, skipped and why) to
DIR/import-report.md. A bad file or flag: exit 2, one message, nothing written.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path
from typing import NoReturn

import pandas as pd

from lib.base.schema import DATA_DIR, Flow, Place
from lib.ingest import MAX_BYTES, read_dataset
from lib.ingest.imported import Import
from lib.ingest.long import ROLES
from lib.ingest.receipt import RECEIPT_FILE, receipt
from lib.ingest.shapes import FORMATS
from lib.model.bundle import load_bundle
from lib.model.problems import DataError

PROG = "python -m lib.ingest"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        """Exit 2 with one line, no usage block."""
        _fail(message)


def _fail(message: str) -> NoReturn:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    raise SystemExit(2)


def _columns(text: str) -> dict[str, str]:
    """Return role → column of `origin=Country,year=Date`; exit 2 on an unknown role."""
    out = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        role, sep, column = part.partition("=")
        if not sep or role.strip() not in ROLES or not column.strip():
            _fail(
                f"--columns takes role=column pairs separated by commas, roles among "
                f"{', '.join(ROLES)}; got {part!r}"
            )
        out[role.strip()] = column.strip()
    return out


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description=__doc__.split("\n\n")[0])
    parser.add_argument("file", type=Path, help="the published table (.xlsx or .csv)")
    parser.add_argument("--format", default="auto", choices=FORMATS, help="its shape (auto)")
    parser.add_argument("--origin", help="one origin for every row of a long table (ISO3)")
    parser.add_argument("--columns", type=_columns, default={}, help="a long table's columns")
    parser.add_argument("--indicator", help="what a long table counts (a slug)")
    parser.add_argument("--dataset", help="the dataset and edition, when the file does not say")
    parser.add_argument(
        "--base", type=Path, default=DATA_DIR, help="the data folder to add to (the bundled data)"
    )
    parser.add_argument("--out", type=Path, required=True, help="a new (or empty) folder")
    return parser


def _text_rows(df: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """Return typed rows as the CSV's text: whole numbers without a decimal point."""
    out = df[list(columns)].copy()
    for col in (Flow.PEOPLE, Flow.YEAR):
        if col in out:
            out[col] = out[col].astype("Int64")
    return out


def _append(path: Path, rows: pd.DataFrame) -> None:
    if not path.read_bytes().endswith(b"\n"):
        path.write_bytes(path.read_bytes() + b"\n")
    rows.to_csv(path, mode="a", header=False, index=False, lineterminator="\n")


def write_folder(imported: Import, out: Path, base: Path = DATA_DIR, report: str = "") -> None:
    """Write the base folder's CSVs plus the imported rows into `out`, all at once (a
    temporary folder renamed at the end, so a failure leaves nothing behind), with the
    import's receipt (`report`) after the base folder's own receipts in import-report.md."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".ingest-", dir=out.parent))
    try:
        for csv in sorted(base.glob("*.csv")):
            shutil.copyfile(csv, tmp / csv.name)
        _append(tmp / "flows.csv", _text_rows(imported.flows, Flow.ALL))
        _append(tmp / "places.csv", _text_rows(imported.places, Place.ALL))
        before = base / RECEIPT_FILE
        earlier = before.read_text(encoding="utf-8") + "\n" if before.is_file() else ""
        (tmp / RECEIPT_FILE).write_text(earlier + report, encoding="utf-8")
        if out.exists():
            out.rmdir()  # empty: checked before reading
        tmp.rename(out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def report(imported: Import) -> str:
    """Return what the CLI prints: the summary, rows per year and indicator, every notice."""
    lines = [imported.summary("en"), "", "rows per year and indicator:"]
    for _, r in imported.counts().iterrows():
        lines.append(f"  {r[Flow.YEAR]}  {r[Flow.INDICATOR]}: {r['rows']:,}")
    if imported.skipped:
        lines += ["", "areas without an ISO 3166 code, skipped:"]
        lines += [f"  {name}" for name in imported.skipped]
    if imported.aggregates:
        lines += ["", "regions, groups and totals, skipped (not countries):"]
        lines += [f"  {name}" for name in imported.aggregates]
    if imported.notices:
        lines += ["", "notices:"] + [f"  {n}" for n in imported.notices]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Read the file, write the folder; return the exit code (2 for a bad file or flag)."""
    args = _parser().parse_args(argv)
    if args.out.exists() and (not args.out.is_dir() or any(args.out.iterdir())):
        _fail(f"{args.out} exists and is not an empty folder; choose a new one")
    if args.base != DATA_DIR and not (args.base / "flows.csv").is_file():
        _fail(f"--base {args.base}: not a data folder (no flows.csv)")
    try:
        base = load_bundle(args.base)
    except DataError as err:
        _fail(f"--base {args.base}: {err.problems[0]}")
    try:
        size = args.file.stat().st_size
        if size > MAX_BYTES:
            _fail(f"{args.file}: the file is {size:,} bytes; the limit is {MAX_BYTES:,} bytes")
        data = args.file.read_bytes()
    except OSError as err:
        _fail(f"cannot read {args.file}: {err.strerror or err}")
    imported = read_dataset(
        data,
        args.file.name,
        args.format,
        origin=args.origin,
        columns=args.columns,
        indicator=args.indicator,
        dataset=args.dataset,
        base=base,
    )
    if not imported.ok:
        first = imported.problems[0] if imported.problems else None
        more = len(imported.problems) - 1
        _fail(f"{first}" + (f" (and {more} more problems; nothing written)" if more else ""))
    try:
        write_folder(imported, args.out, args.base, receipt(imported, data))
    except OSError as err:  # a full disk, a folder we may not write: nothing is left behind
        _fail(f"cannot write {args.out}: {err.strerror or err}")
    print(report(imported))
    print(f"\nwrote {args.out}: serve it with DASHBOARD_DATA={args.out} scripts/run.sh")
    print(f"the import's receipt: {args.out / RECEIPT_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
