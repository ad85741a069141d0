"""Wide surveys: load + inference against a bare pyarrow read of the same file (issue 16).

A seeded export with many questions and few respondents, shaped like a real one: Likert grids,
choices, multi-selects, numbers, ratings, dates and free text in a repeating mix.

    python -m benchmarks.wide              # 600 questions x 2,000 and 3,000 x 500
    python -m benchmarks.wide 600x2000     # one size

Both reads are timed in this process, warm, best of 3, on the same file.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 16
AGREE = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]
OFTEN = ["Never", "Rarely", "Sometimes", "Often", "Always"]
CHOICE = ["Instagram", "TikTok", "Google search", "Friend or family", "Podcast ad", "Other"]
OPTIONS = ["Price", "Quality", "Speed", "Service", "Choice", "Ethics"]
WORDS = "coffee price quality delivery service choice time easy hard friendly order app".split()


def wide_survey(questions: int, respondents: int, folder: Path) -> Path:
    path = folder / f"wide-{questions}x{respondents}.csv"
    if path.exists():
        return path
    rng = np.random.default_rng(SEED)
    columns: dict[str, object] = {
        "Timestamp": pd.date_range("2026-01-01", periods=respondents, freq="7min").strftime(
            "%Y/%m/%d %H:%M:%S")}
    for q in range(questions):
        shape = q % 8
        name = f"Q{q + 1}. "
        if shape in (0, 1, 2):
            columns[name + f"How much do you agree? [Statement {q}]"] = rng.choice(AGREE, respondents)
        elif shape == 3:
            columns[name + "How often do you do this?"] = rng.choice(OFTEN, respondents)
        elif shape == 4:
            columns[name + "How did you hear about it?"] = rng.choice(CHOICE, respondents)
        elif shape == 5:
            picks = rng.random((respondents, len(OPTIONS))) < 0.35
            columns[name + "What matters to you? (select all)"] = [
                ";".join(o for o, p in zip(OPTIONS, row) if p) or None for row in picks]
        elif shape == 6:
            columns[name + "How likely are you to recommend it? (0-10)"] = rng.integers(
                0, 11, respondents)
        else:
            columns[name + "Anything else?"] = [
                " ".join(rng.choice(WORDS, rng.integers(3, 12))) for _ in range(respondents)]
    pd.DataFrame(columns).to_csv(path, index=False)
    return path


def measure(questions: int, respondents: int, folder: Path) -> dict:
    import pyarrow.csv as pacsv

    from benchmarks.run import best_of
    from persona_lib.load import load_survey

    path = wide_survey(questions, respondents, folder)
    bare = best_of(3, lambda: pacsv.read_csv(path))
    ours = best_of(3, lambda: load_survey(path))
    return {"file": path.name, "mb": path.stat().st_size / 1e6, "pyarrow_s": bare,
            "load_and_infer_s": ours, "ratio": ours / bare}


def main() -> None:
    sizes = [tuple(map(int, a.split("x"))) for a in sys.argv[1:]] or [(600, 2000), (3000, 500)]
    folder = Path(__file__).resolve().parent / ".data"
    folder.mkdir(exist_ok=True)
    print(f"{'file':<24}{'MB':>7}{'pyarrow':>10}{'ours':>10}{'ratio':>8}  target")
    for questions, respondents in sizes:
        r = measure(questions, respondents, folder)
        target = "<= 10x" if questions == 600 else "a few seconds"
        met = r["ratio"] <= 10 if questions == 600 else r["load_and_infer_s"] <= 5
        print(f"{r['file']:<24}{r['mb']:>7.1f}{r['pyarrow_s']:>9.3f}s{r['load_and_infer_s']:>9.2f}s"
              f"{r['ratio']:>7.0f}x  {target}: {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
