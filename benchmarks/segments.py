"""How long suggested segments take, and whether they are right, on big surveys.

Two kinds of file per size: the benchmark export of `make_survey.py` (40 questions whose answers
are drawn independently: no groups) and the sample's generator at that size (four planted
customer types). Suggested segments run on the first 30 default questions; the time is
`find_segments` alone (verdict, fit for k = 1..8, assigning everyone, stability), after loading.

    python -m benchmarks.segments --sizes 100000 1000000 [--planted-up-to 100000]
"""

from __future__ import annotations

import argparse
import json
import time

from sklearn.metrics import adjusted_rand_score


def measure(kind: str, n: int) -> dict:
    from benchmarks.make_survey import survey_frame
    from persona_lib import load_survey
    from persona_lib.clusters import default_questions, find_segments
    from sample_data.make_sample import generate

    planted = None
    if kind == "planted":
        frame, truth = generate(seed=11, n=n)
        planted = truth["planted_type"]
    else:
        frame = survey_frame(n)
    survey = load_survey(frame.to_csv(index=False).encode(), f"{kind}-{n}.csv")
    questions = default_questions(survey)[:30]
    start = time.perf_counter()
    model, labels = find_segments(survey, questions, seed=0)
    seconds = time.perf_counter() - start
    out = {"kind": kind, "respondents": n, "questions": len(questions), "seconds": seconds,
           "structure": model.structure, "k": model.k, "fitted_on": model.fit_rows,
           "between_groups": int((labels < 0).sum())}
    if planted is not None:
        out["adjusted_rand"] = float(adjusted_rand_score(planted, labels))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--planted-up-to", type=int, default=100_000,
                        help="largest size to generate the planted survey for (it is slow)")
    args = parser.parse_args()
    for n in args.sizes:
        for kind in ("noise", "planted"):
            if kind == "planted" and n > args.planted_up_to:
                continue
            print(json.dumps(measure(kind, n)), flush=True)


if __name__ == "__main__":
    main()
