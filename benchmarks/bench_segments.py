"""Suggested segments and distinctive traits on a big survey (issue 5's goals: clustering
100k respondents x 30 questions under a minute on 2 cores; distinctive traits for a segment at
100k under 300 ms).

    python benchmarks/bench_segments.py [--respondents 100000] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.bench_load import best_of  # noqa: E402
from benchmarks.make_survey import survey_frame  # noqa: E402
from persona_lib import load_survey  # noqa: E402
from persona_lib.clusters import default_questions, find_segments  # noqa: E402
from persona_lib.distinctive import distinctive_traits  # noqa: E402


def measure(n: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "survey.csv"
        survey_frame(n).to_csv(path, index=False)
        survey = load_survey(path)
    questions = default_questions(survey)[:30]
    start = time.perf_counter()
    model, labels = find_segments(survey, questions, seed=0)
    clustering = time.perf_counter() - start
    segment = pd.Series(labels == 0, index=survey.data.index)
    traits = best_of(3, lambda: distinctive_traits(survey, segment))
    return {"respondents": n, "questions_clustered": len(questions), "k": model.k,
            "clustering_s": clustering, "distinctive_traits_s": traits}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=100_000)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    row = measure(args.respondents)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}")
    print(f"{row['respondents']:,} respondents, {row['questions_clustered']} questions: "
          f"clustering (k=2..8, chose {row['k']}) {row['clustering_s']:.1f} s "
          f"(goal < 60 s, ratio {row['clustering_s'] / 60:.2f}); distinctive traits "
          f"{row['distinctive_traits_s'] * 1000:.0f} ms (goal < 300 ms, ratio "
          f"{row['distinctive_traits_s'] / 0.3:.2f})")
    if args.json:
        args.json.write_text(json.dumps(row, indent=2))


if __name__ == "__main__":
    main()
