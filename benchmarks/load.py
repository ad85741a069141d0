"""Load + inference on tall surveys against a bare pyarrow read of the same file (issue 20, item 1).

    python -m benchmarks.load                          # 100k, 240k and 1M respondents
    python -m benchmarks.load --sizes 240000 --runs 5

Each size is measured in fresh processes, so no peak or cache leaks between measurements:
one times a bare `pyarrow.csv.read_csv` and `persona_lib.load_survey` (load + inference +
typing) on the same file, and the *floor*: what our load does before any trimming, check,
hash, inference or typing, reading the file's bytes and one pyarrow parse of them into text
columns, the repeated answers dictionary-encoded as ours keeps them. All warm (the file in
the page cache, imports done), best of `--runs`, interleaved so machine load hits all alike,
with the CPU time (user + system, all threads) of each run beside its wall time: on a shared
2-core machine the bare read's wall time swings by 2x with the kernel's memory work while its
CPU time does not. One more process per reader measures peak memory (`VmHWM`) over the
process's resident size after imports and a warm-up on the sample survey. Memory is reported
against the file's size. Nothing here asserts: it prints.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_RATIO = 1.5  # load + inference against the bare read, at 240k and 1M
TARGET_MEMORY = 3.0  # peak memory against the file size, at 100k and 1M


def _vmhwm_mb() -> float:
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmHWM:")) / 1024


def _rss_mb() -> float:
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS:")) / 1024


def child_times(path: Path, runs: int) -> dict:
    import pyarrow.csv as pacsv

    from persona_lib import load_survey

    path.read_bytes()  # in the page cache for both readers
    load_survey(ROOT / "sample_data" / "brewbox_survey.csv")  # imports and thread pools warm
    pacsv.read_csv(path)
    bare, floor, ours = [], [], []
    for _ in range(runs):
        bare.append(_timed(lambda: pacsv.read_csv(path)))
        floor.append(_timed(lambda: floor_parse(path)))
        ours.append(_timed(lambda: load_survey(path)))
    (wall_bare, cpu_bare), (wall_floor, _), (wall_ours, cpu_ours) = (
        map(min, zip(*runs)) for runs in (bare, floor, ours))
    return {"pyarrow_s": wall_bare, "ours_s": wall_ours, "ratio": wall_ours / wall_bare,
            "floor_s": wall_floor, "floor_ratio": wall_floor / wall_bare,
            "pyarrow_cpu_s": cpu_bare, "ours_cpu_s": cpu_ours, "cpu_ratio": cpu_ours / cpu_bare}


def floor_parse(path: Path):
    """The file's bytes parsed once into text columns, dictionary-encoded where our parser
    encodes them (`persona_lib.load` decides which from the first rows)."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    from persona_lib import load

    data = path.read_bytes()
    width = data[:data.index(b"\n")].count(b",") + 1  # the generated files quote no header
    names = [f"c{i}" for i in range(width)]
    text = pa.dictionary(pa.int32(), pa.string())
    types = {n: pa.string() if varied else text
             for n, varied in zip(names, load._varied_columns(data, ",", width))}
    return pacsv.read_csv(pa.BufferReader(data),
                          read_options=pacsv.ReadOptions(column_names=names),
                          convert_options=pacsv.ConvertOptions(column_types=types))


def _timed(work) -> tuple[float, float]:
    """Wall and CPU seconds (user + system, every thread of this process) of one call."""
    cpu, start = os.times(), time.perf_counter()
    work()
    wall, after = time.perf_counter() - start, os.times()
    return wall, after.user - cpu.user + after.system - cpu.system


def child_memory(path: Path, reader: str) -> dict:
    import pyarrow.csv as pacsv

    from persona_lib import load_survey

    load_survey(ROOT / "sample_data" / "brewbox_survey.csv")
    baseline = _rss_mb()
    kept = pacsv.read_csv(path) if reader == "pyarrow" else load_survey(path)
    peak = _vmhwm_mb()
    del kept
    size = path.stat().st_size / 2**20
    return {"baseline_mb": baseline, "peak_mb": peak, "ratio": (peak - baseline) / size}


def _in_child(*args: str) -> dict:
    done = subprocess.run([sys.executable, "-m", "benchmarks.load", "--child", *args],
                          cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 240_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        what, path = args.child[0], Path(args.child[1])
        out = child_times(path, args.runs) if what == "times" else child_memory(path, what)
        print(json.dumps(out))
        return

    from benchmarks.run import survey_file

    print(f"{'respondents':>11}{'MB':>7}{'pyarrow':>9}{'floor':>8}{'ratio':>7}{'ours':>8}"
          f"{'ratio':>7}"
          f"{'cpu pyarrow':>13}{'cpu ours':>10}{'ratio':>7}"
          f"{'mem pyarrow':>13}{'mem ours':>10}  targets (wall time)")
    for n in args.sizes:
        path = survey_file(n)
        times = _in_child("times", str(path), "--runs", str(args.runs))
        bare = _in_child("pyarrow", str(path))
        ours = _in_child("ours", str(path))
        verdicts = []
        if n >= 240_000:
            verdicts.append(f"time <= {TARGET_RATIO}x: "
                            f"{'met' if times['ratio'] <= TARGET_RATIO else 'NOT met'}")
        if n in (100_000, 1_000_000):
            verdicts.append(f"memory <= {TARGET_MEMORY}x: "
                            f"{'met' if ours['ratio'] <= TARGET_MEMORY else 'NOT met'}")
        print(f"{n:>11,}{path.stat().st_size / 2**20:>7.0f}{times['pyarrow_s']:>8.2f}s"
              f"{times['floor_s']:>7.2f}s{times['floor_ratio']:>6.2f}x"
              f"{times['ours_s']:>7.2f}s{times['ratio']:>6.2f}x{times['pyarrow_cpu_s']:>12.2f}s"
              f"{times['ours_cpu_s']:>9.2f}s{times['cpu_ratio']:>6.2f}x{bare['ratio']:>12.2f}x"
              f"{ours['ratio']:>9.2f}x  {'; '.join(verdicts)}", flush=True)


if __name__ == "__main__":
    main()
