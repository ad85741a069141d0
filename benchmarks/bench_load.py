"""Load + inference against a bare pyarrow read of the same file (issue 4's target: <= 2x).

    python benchmarks/bench_load.py [--sizes 10000 100000] [--json out.json]

Times are the best of three runs (the least disturbed by other work on the machine). Files are
generated once per size with benchmarks/make_survey.py into a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
import time
from pathlib import Path

import pyarrow.csv as pacsv

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.make_survey import survey_frame  # noqa: E402
from persona_lib import load_survey  # noqa: E402


def best_of(runs: int, work) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(n: int, folder: Path, runs: int = 3) -> dict:
    path = folder / f"survey-{n}.csv"
    if not path.exists():
        survey_frame(n).to_csv(path, index=False)
    bare = best_of(runs, lambda: pacsv.read_csv(path))
    ours = best_of(runs, lambda: load_survey(path))
    survey = load_survey(path)
    return {"respondents": n, "columns": len(survey.columns), "file_mb": path.stat().st_size / 1e6,
            "pyarrow_read_s": bare, "load_and_infer_s": ours, "ratio": ours / bare}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rows = [measure(n, Path(tmp)) for n in args.sizes]
    print(f"machine: {platform.machine()}, {platform.system()}, Python {platform.python_version()}")
    print(f"{'respondents':>12} {'MB':>7} {'pyarrow s':>10} {'load+infer s':>13} {'ratio':>6}")
    for r in rows:
        print(f"{r['respondents']:>12,} {r['file_mb']:>7.1f} {r['pyarrow_read_s']:>10.3f} "
              f"{r['load_and_infer_s']:>13.3f} {r['ratio']:>6.2f}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
