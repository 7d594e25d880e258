"""Ingest: a SYNTHETIC full-size Table 1 read into our schema, in this (fresh) process.

    python -m bench.ingest [--areas 230]

Writes the workbook to a temporary folder (never to data/), then measures lib.ingest's
read_dataset (archive checks, calamine, reshape, pandera), the data folder written as the CLI
does, the process's peak RSS, and reading the sheet once with calamine and once with openpyxl.
Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path


def measure(areas: int) -> dict:
    """Return the workbook's size, the ingest's time and peak memory, and calamine against
    openpyxl on the same sheet."""
    import pandas as pd

    from bench.synthetic import SYNTHETIC_TITLE, synthetic_table1
    from lib.ingest import read_dataset
    from lib.ingest.__main__ import write_folder

    tmp = Path(tempfile.mkdtemp(prefix="synthetic_table1_"))
    try:
        path = tmp / "synthetic_table1.xlsx"
        made = synthetic_table1(path, areas)
        data = path.read_bytes()
        t0 = time.perf_counter()
        imported = read_dataset(data, path.name, dataset=SYNTHETIC_TITLE)
        ingest_s = time.perf_counter() - t0
        if not imported.ok:
            return {"error": [str(p) for p in imported.problems[:3]]}
        t0 = time.perf_counter()
        write_folder(imported, tmp / "data")
        write_s = time.perf_counter() - t0
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        engines = {}
        for engine in ("calamine", "openpyxl"):
            t0 = time.perf_counter()
            pd.read_excel(path, sheet_name="SYNTHETIC Table 1", header=None, engine=engine)
            engines[engine] = time.perf_counter() - t0
        return {
            **made,
            "xlsx_mb": round(len(data) / 1e6, 1),
            "flows": len(imported.flows),
            "flows_csv_mb": round((tmp / "data" / "flows.csv").stat().st_size / 1e6, 1),
            "ingest_s": round(ingest_s, 2),
            "write_folder_s": round(write_s, 2),
            "peak_rss_mb": round(peak, 1),
            "read_excel_s": {k: round(v, 2) for k, v in engines.items()},
            "openpyxl_over_calamine": round(engines["openpyxl"] / engines["calamine"], 1),
        }
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.ingest")
    parser.add_argument("--areas", type=int, default=230)
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.areas)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
