"""Generate big, realistic survey exports for benchmarks (seeded, so every run sees the same file).

40 questions shaped like a Google Forms export: a timestamp, a respondent id, an email,
demographics (choices and bands), a multi-select joined with ", " (one option containing a
comma), Likert items, a 0-10 recommendation score, money amounts, and two free-text questions.

    python benchmarks/make_survey.py 100000 /tmp/survey-100k.csv
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 8
AGREE = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]
CHOICES = {
    "What is your gender?": ["Woman", "Man", "Non-binary", "Prefer not to say"],
    "How old are you?": ["18-24", "25-34", "35-44", "45-54", "55-64", "65+"],
    "Where do you live?": ["Big city", "Suburb", "Small town", "Rural area"],
    "What is your annual household income?": ["Under $25k", "$25k-$50k", "$50k-$75k",
                                              "$75k-$100k", "$100k-$150k", "$150k+"],
    "What is the highest level of education you have completed?": [
        "Secondary school", "Vocational training", "Bachelor's degree", "Master's degree",
        "Doctorate"],
    "What is your occupation?": ["Office / professional", "Self-employed", "Student", "Healthcare",
                                 "Education", "Skilled trade", "Retired", "Other"],
    "How did you first hear about us?": ["Instagram", "TikTok", "Google search", "Friend or family",
                                         "Podcast ad", "YouTube", "In a shop"],
    "How often do you buy?": ["Less than once a month", "Once a month", "Every two weeks",
                              "Every week", "Several times a week"],
    "How easy would it be for you to switch supplier?": [
        "Very difficult", "Somewhat difficult", "Neither easy nor difficult", "Somewhat easy",
        "Very easy"],
}
MULTI = {
    "Where do you like to hear about new products?": [
        "Instagram", "TikTok", "Email newsletter", "Podcasts", "YouTube", "Friends and family"],
    "What do you want from us?": ["Save time", "Price, quality and value", "Discover new things",
                                  "Consistent quality", "Ethical sourcing"],
    "What frustrates you today?": ["Running out", "Too expensive", "Too much choice",
                                   "Unreliable delivery", "Hard to know what is ethical"],
}
WORDS = ("coffee delivery price quality morning fresh beans subscription box flavour service "
         "reliable cheap expensive ethical choice time easy hard friendly packaging recycle "
         "taste week month office home gift surprise order app website support").split()


def survey_frame(n: int, seed: int = SEED) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2026-01-01")
    data: dict[str, object] = {
        "Timestamp": (start + pd.to_timedelta(np.sort(rng.integers(0, 86400 * 60, n)), unit="s")
                      ).strftime("%Y/%m/%d %H:%M:%S"),
        "Respondent ID": [f"R-{i:07d}" for i in range(1, n + 1)],
        "Email address": [f"user{i}@example.com" for i in rng.permutation(n)],
    }
    for question, options in CHOICES.items():
        data[question] = rng.choice(options, n, p=_weights(rng, len(options)))
    for question, options in MULTI.items():
        picks = rng.random((n, len(options))) < rng.uniform(0.15, 0.5, len(options))
        data[question] = [", ".join(o for o, p in zip(options, row) if p) or None for row in picks]
    for i in range(18):
        data[f"How much do you agree with each statement? [Statement {i + 1}]"] = rng.choice(
            AGREE, n, p=_weights(rng, 5))
    data["How likely are you to recommend us to a friend?"] = rng.integers(0, 11, n).astype(str)
    data["How much do you spend in a typical month? (USD)"] = rng.gamma(3, 15, n).round(2)
    data["What is the most you would pay per month? (USD)"] = rng.normal(30, 8, n).round(0)
    data["How many people live in your household?"] = rng.integers(1, 7, n)
    for question in ("Why do you buy what you buy?", "What do you expect from us?",
                     "Anything else you want to tell us?"):
        data[question] = _sentences(rng, n)
    frame = pd.DataFrame(data)
    blanks = rng.random(frame.shape) < 0.03
    blanks[:, :2] = False
    return frame.mask(blanks)


def _weights(rng: np.random.Generator, k: int) -> np.ndarray:
    w = rng.uniform(0.5, 3, k)
    return w / w.sum()


def _sentences(rng: np.random.Generator, n: int) -> list[str]:
    words = np.array(WORDS)
    lengths = rng.integers(6, 25, n)
    picks = words[rng.integers(0, len(words), (n, 25))]
    return [" ".join(row[:k]).capitalize() + "." for row, k in zip(picks, lengths)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("respondents", type=int)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    survey_frame(args.respondents).to_csv(args.out, index=False)
    print(f"{args.out}: {args.respondents:,} respondents, {args.out.stat().st_size / 1e6:,.1f} MB")


if __name__ == "__main__":
    main()
