"""Generate the Brewbox sample survey: a believable Google Forms export with planted personas.

Brewbox is a made-up specialty coffee-bean subscription. The CSV is shaped like a Google Forms
export (UTF-8, commas, question text as header, `Timestamp` first, multi-select answers joined
with ", ") so the app can be demoed and tested on realistic input. Each respondent is secretly
one of four customer types, and every answer is drawn from that type's own distribution:

- Busy professional (~30%): city, well paid, wants time saved and consistency, hates running out.
- Budget family (~28%): suburb, kids at home, wants to save money, price beats brand.
- Coffee enthusiast (~24%): buys weekly, wants new flavours and ethical beans, top NPS.
- Occasional gift buyer (~18%): older, rural, buys rarely to impress guests, neutral, low NPS.

The types differ on many questions at once while no single answer gives anyone away, so
clustering the choice, Likert and multi-select questions should recover them (adjusted Rand
index >= 0.8). The truth goes to `brewbox_planted_types.csv` for tests, never into the survey.
2-4% of each question is blank (more for email and free text), as people skip questions.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20261123
TYPES = ("Busy professional", "Budget family", "Coffee enthusiast", "Occasional gift buyer")
SHARES = (0.30, 0.28, 0.24, 0.18)

# Choice questions: (options, relative weights per type in TYPES order).
PROFILE = {
    "What is your gender?": (["Woman", "Man", "Non-binary", "Prefer not to say"],
                             [[47, 48, 3, 2], [55, 41, 2, 2], [42, 53, 3, 2], [54, 42, 1, 3]]),
    "How old are you?": (["18-24", "25-34", "35-44", "45-54", "55-64", "65+"], [
        [4, 48, 40, 6, 2, 0], [1, 10, 45, 38, 5, 1], [8, 36, 30, 18, 6, 2], [1, 3, 8, 26, 34, 28]]),
    "Where do you live?": (["Big city", "Suburb", "Small town", "Rural area"],
                           [[80, 14, 4, 2], [10, 55, 30, 5], [55, 35, 8, 2], [5, 17, 45, 33]]),
    "Which best describes your household?": (
        ["Living alone", "Couple without children", "Family with children under 18",
         "Family with grown-up children", "Sharing with friends or flatmates"],
        [[45, 40, 5, 2, 8], [2, 5, 85, 6, 2], [30, 35, 15, 8, 12], [18, 22, 3, 55, 2]]),
    "What is your annual household income?": (
        ["Under $25k", "$25k-$50k", "$50k-$75k", "$75k-$100k", "$100k-$150k", "$150k+"], [
            [1, 3, 10, 35, 40, 11], [8, 40, 38, 10, 3, 1], [5, 12, 25, 28, 22, 8],
            [12, 28, 30, 18, 9, 3]]),
    "What is the highest level of education you have completed?": (
        ["Secondary school", "Vocational training", "Bachelor's degree", "Master's degree",
         "Doctorate"],
        [[14, 12, 42, 27, 5], [24, 24, 36, 14, 2], [16, 14, 42, 23, 5], [26, 20, 34, 16, 4]]),
    "What is your occupation?": (
        ["Office / professional", "Self-employed", "Student", "Healthcare", "Education",
         "Skilled trade", "Retired", "Homemaker", "Other"], [
            [70, 12, 1, 7, 4, 2, 0, 0, 4], [22, 8, 1, 16, 14, 20, 1, 12, 6],
            [38, 18, 10, 8, 10, 8, 2, 1, 5], [10, 8, 0, 6, 6, 8, 48, 8, 6]]),
    "How did you first hear about Brewbox?": (
        ["Instagram", "TikTok", "Google search", "Friend or family", "Podcast ad", "YouTube",
         "Coffee shop", "Newspaper or magazine"], [
            [40, 6, 20, 10, 14, 4, 5, 1], [12, 20, 8, 45, 2, 8, 3, 2],
            [8, 4, 6, 8, 22, 24, 28, 0], [2, 2, 38, 18, 2, 3, 5, 30]]),
    "How often do you buy coffee beans or ground coffee?": (
        ["Less than once a month", "Once a month", "Every two weeks", "Every week",
         "Several times a week"],
        [[2, 10, 58, 25, 5], [6, 38, 40, 14, 2], [0, 2, 10, 50, 38], [70, 24, 5, 1, 0]]),
}
SPEND = "How much do you spend on coffee in a typical month? (USD)"
WTP = "What is the most you would pay per month for a Brewbox subscription? (USD)"
SPEND_MEDIAN, WTP_MEAN_SD = (40, 20, 70, 12), ((38, 6), (15, 4), (47, 9), (20, 4))
LOYALTY = {
    "Do you currently buy from another coffee brand regularly?": (
        ["Yes and I'm happy with them", "Yes but I would switch for the right offer",
         "No - I shop around", "No - I don't buy coffee regularly"],
        [[28, 60, 10, 2], [8, 14, 74, 4], [8, 40, 50, 2], [6, 8, 16, 70]]),
    "How easy would it be for you to switch to a new coffee supplier?": (
        ["Very difficult", "Somewhat difficult", "Neither easy nor difficult", "Somewhat easy",
         "Very easy"],
        [[3, 12, 15, 50, 20], [5, 10, 20, 35, 30], [1, 5, 10, 34, 50], [10, 25, 45, 15, 5]]),
}
# Multi-select: (options, weights per type, chance of ticking 1, 2, ... options).
MULTI = {
    "Where do you like to hear about new products?": (
        ["Instagram", "TikTok", "Email newsletter", "YouTube", "Facebook", "Podcasts",
         "In-store tastings", "Friends and family"],
        [[8, 1, 7, 2, 1, 4, 1, 2], [2, 4, 1, 2, 8, 1, 1, 8], [4, 1, 2, 6, 1, 5, 8, 2],
         [1, 1, 6, 1, 5, 1, 1, 5]], [0.25, 0.35, 0.25, 0.15]),
    "What do you want from your coffee?": (
        ["Save time in the morning", "Discover new flavours", "Save money",
         "Ethically sourced beans", "Impress guests", "Consistent quality"],
        [[10, 1, 1, 1, 1, 9], [1, 1, 12, 1, 1, 3], [1, 10, 1, 9, 1, 2], [1, 2, 2, 1, 12, 2]],
        [0.30, 0.45, 0.25]),
    "What frustrates you about buying coffee today?": (
        ["Running out at the worst time", "Stale supermarket beans", "Good coffee is too expensive",
         "Too much choice", "Unreliable delivery", "Hard to know what is ethical"],
        [[12, 1, 1, 1, 4, 1], [2, 1, 12, 2, 1, 1], [1, 12, 2, 1, 1, 4], [1, 1, 2, 12, 1, 1]],
        [0.45, 0.35, 0.20]),
}
AGREE = "How much do you agree with each statement? [{}]"
LIKERT = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]
NEUTRAL = [5, 15, 60, 15, 5]
STATEMENTS = {
    "I enjoy trying new coffees": [[10, 25, 35, 25, 5], [15, 30, 30, 20, 5], [0, 2, 8, 35, 55],
                                   NEUTRAL],
    "Price matters more to me than brand": [[25, 40, 20, 10, 5], [0, 3, 10, 37, 50],
                                            [35, 40, 15, 8, 2], NEUTRAL],
    "I care where my coffee comes from": [[10, 25, 35, 25, 5], [20, 35, 30, 12, 3],
                                          [0, 2, 8, 30, 60], NEUTRAL],
    "I would rather not think about buying coffee": [[2, 5, 13, 40, 40], [10, 30, 30, 20, 10],
                                                     [55, 30, 10, 4, 1], NEUTRAL],
}
# Lifecycle: drawn last, from a generator of their own, so adding them left every other answer
# as it was. Someone who is not a customer yet has never ordered.
LIFECYCLE = {
    "How long have you been a Brewbox customer?": (
        ["Not a customer yet", "Less than 3 months", "3-12 months", "1-2 years",
         "More than 2 years"],
        [[20, 20, 30, 20, 10], [35, 25, 20, 12, 8], [10, 15, 25, 25, 25], [50, 25, 15, 7, 3]]),
    "When did you last order from Brewbox?": (
        ["Less than 1 month ago", "1-3 months ago", "3-6 months ago", "More than 6 months ago"],
        [[60, 25, 10, 5], [35, 32, 20, 13], [72, 20, 5, 3], [10, 22, 30, 38]]),
}
NEVER_ORDERED = "Never ordered"
NPS = "How likely are you to recommend Brewbox to a friend or colleague?"
NPS_MEAN_SD = ((7.6, 1.5), (6.6, 1.9), (8.8, 1.1), (5.4, 2.0))

# Free text is "<opener> <core><ending>" and often a detail sentence. Per question: openers,
# then per type a "|"-separated string of cores and one of details.
WHY = "Why do you buy the coffee you buy?"
EXPECT = "What do you expect from a coffee subscription?"
TEXT = {
    WHY: ("Mostly because|Honestly|I guess|Mainly because|To be honest|Simple really,|"
          "Probably because|I think|Well|Basically", [
        ("it's whatever I can grab on the way home|I know exactly what I'm getting|it just works "
         "in the machine|it's what the office has and I got used to it|it turns up in my grocery "
         "order without me thinking",
         "I'd pay more not to run out before work.|Mornings are chaos so convenience wins.|The "
         "worst is an empty tin at 7am.|I want it to taste the same every day.|I don't really "
         "have time to think about it."),
        ("it's on offer at the supermarket|it's the cheapest decent one I can find|we buy "
         "whatever is on special that week|with the kids every dollar counts|the big bags last "
         "longer", "Good coffee is lovely but too expensive for us.|If there's a deal I'll "
         "switch.|I check the price per 100g first.|Brand doesn't really matter to me.|The "
         "own-brand one is honestly fine."),
        ("I care about the origin and the roast date|I like single origins with clear flavour "
         "notes|I buy from small roasters who know their farms|supermarket beans are always "
         "stale|I like trying a new roaster every few weeks",
         "Anything roasted over a month ago tastes flat.|I grind fresh for pour-over every "
         "morning.|Knowing the farmers are paid fairly matters to me.|Right now I'm into fruity "
         "washed Ethiopians.|I'll happily pay more for traceable beans."),
        ("I mostly buy it as a present|I only buy it when we have people over|I don't drink "
         "much myself so I go by the packaging|a neighbour recommended a brand and I stuck with "
         "it|I like to have something nice to offer guests",
         "There's so much choice I never know which to pick.|My husband drinks more of it.|A "
         "nice box makes all the difference for a gift.|It's more of a treat really.|I just "
         "pick one with good reviews online."),
    ]),
    EXPECT: ("I'd expect|I want|Ideally|Mainly|Just|I'd want|Honestly|I'd love|Really just|"
             "For me", [
        ("beans that arrive before I run out|a schedule I can set and forget|the same great "
         "coffee every time|easy pausing from my phone|a completely hassle-free service",
         "I don't want to manage it.|If I have to remember to reorder it defeats the point.|"
         "Consistency matters more than variety.|Happy to pay for convenience.|Just don't let "
         "me run out."),
        ("a price below the supermarket|good value with no hidden fees|a discount for bigger "
         "bags|free delivery|a cheap plan I can cancel anytime",
         "If it costs more than $15 a month I'm out.|Price is the main thing for us.|We'd need "
         "a family size option.|Otherwise I'll stick with supermarket deals.|A first month free "
         "would help."),
        ("freshly roasted beans with the roast date on the bag|new single origins every month|"
         "tasting notes and info about the farm|small-batch roasters I can't find locally|"
         "transparency about what farmers get paid",
         "Whole beans please as I grind my own.|Brewing tips for each coffee would be a bonus.|I "
         "want to learn something with each bag.|Nothing roasted more than two weeks ago.|Happy "
         "to pay more for the good stuff."),
        ("something nice enough to give as a present|a simple choice without too many options|"
         "a one-off gift box rather than a subscription|clear advice on what to pick|nice "
         "packaging and a card for a message", "I wouldn't want to be locked in.|Not sure I'd "
         "drink enough for every month.|Would be good for Christmas and birthdays.|All the "
         "different roasts confuse me.|Maybe every couple of months at most."),
    ]),
}
TEXT_BLANK = {WHY: 0.15, EXPECT: 0.20}
ENDINGS = [".", ".", ".", "!", "..."]
WOMEN = "emma olivia sophie grace chloe hannah laura maria anna jessica priya aisha mei sarah".split()
MEN = "james liam noah daniel thomas ben lucas ryan david michael arjun omar wei sam chris".split()
LAST_NAMES = ("smith jones brown taylor wilson walker evans martin clarke patel khan nguyen garcia "
              "miller davis lee hughes wright murphy kelly chen lopez baker carter").split()


def pick(rng, types, weights, options):
    """One answer per respondent, drawn from the weights of that respondent's type."""
    out = np.empty(len(types), dtype=object)
    for t, w in enumerate(weights):
        rows = types == t
        out[rows] = rng.choice(options, size=rows.sum(), p=np.array(w) / sum(w))
    return out


def pick_many(rng, types, weights, options, size_p):
    """Multi-select answers, in form order and joined the way Google Forms does."""
    answers = []
    for t in types:
        k = rng.choice(np.arange(1, len(size_p) + 1), p=size_p)
        p = np.array(weights[t]) / sum(weights[t])
        answers.append(", ".join(options[i] for i in sorted(rng.choice(len(options), k, False, p))))
    return np.array(answers, dtype=object)


def free_text(rng, types, blank_rate, openers, pools):
    """Compose short answers from phrase pools, with some lazy typing, skips and one emoji."""
    answers = []
    for t in types:
        cores, details = (pool.split("|") for pool in pools[t])
        text = f"{rng.choice(openers.split('|'))} {rng.choice(cores)}{rng.choice(ENDINGS)}"
        if rng.random() < 0.6:
            text = text.replace("...", ".") + " " + rng.choice(details)
        if rng.random() < 0.07:
            text = text.lower()
        if rng.random() < 0.08:
            text = text.rstrip(".!")
        answers.append(text)
    answers = blank(rng, np.array(answers, dtype=object), blank_rate)
    answers[np.flatnonzero(answers != "")[len(answers) // 4]] += " ☕"
    return answers


def emails(rng, genders):
    """Personal-looking addresses on reserved example domains, unique per respondent."""
    out = []
    for gender in genders:
        first = rng.choice({"Woman": WOMEN, "Man": MEN}.get(gender, WOMEN + MEN))
        last, num = rng.choice(LAST_NAMES), rng.integers(1, 1000)
        user = [f"{first}.{last}{num}", f"{first}{last}{num % 100}", f"{first[0]}{last}{num}",
                f"{first}_{last}"][rng.integers(4)]
        out.append(f"{user}@{rng.choice(['example.com', 'example.org', 'example.net'])}")
    out = pd.Series(out)
    dupes = out.duplicated()
    out[dupes] = [f"{i}.{email}" for i, email in zip(np.flatnonzero(dupes), out[dupes])]
    return out.to_numpy(dtype=object)


def timestamps(rng, n):
    """Front-loaded over six weeks from launch, in waking hours, in submission order."""
    days = np.minimum(rng.exponential(12, n), 41.9).astype(int)
    hours = 6.5 + 17 * rng.beta(2.2, 2, n)
    seconds = np.sort(days * 86400 + (hours * 3600).astype(int))
    stamps = pd.Timestamp("2026-09-21") + pd.to_timedelta(seconds, unit="s")
    return stamps.strftime("%Y/%m/%d %H:%M:%S").to_numpy(dtype=object)


def blank(rng, values, rate):
    values = values.copy()
    values[rng.random(len(values)) < rate] = ""
    return values


def generate(seed=SEED, n=1800):
    """Return (survey, planted types), both DataFrames of strings in respondent order."""
    rng = np.random.default_rng(seed)
    types = rng.choice(len(TYPES), size=n, p=SHARES)
    ids = np.array([f"R-{i:06d}" for i in range(1, n + 1)], dtype=object)
    cols = {"Timestamp": timestamps(rng, n), "Respondent ID": ids, "Email address": None}
    for question, (options, weights) in PROFILE.items():
        cols[question] = pick(rng, types, weights, options)
    cols["Email address"] = blank(rng, emails(rng, cols["What is your gender?"]), 0.08)
    spend = rng.lognormal(np.log(np.take(SPEND_MEDIAN, types)), 0.35)
    spend = np.where(rng.random(n) < 0.6, np.round(spend / 5) * 5, np.round(spend * 2) / 2)
    cols[SPEND] = np.array([f"{v:g}" for v in np.clip(spend, 5, 200)], dtype=object)
    wtp = np.clip(np.round(rng.normal(*np.array(WTP_MEAN_SD)[types].T)), 5, 80)
    cols[WTP] = wtp.astype(int).astype(str).astype(object)
    for question, (options, weights) in LOYALTY.items():
        cols[question] = pick(rng, types, weights, options)
    for question, (options, weights, size_p) in MULTI.items():
        cols[question] = pick_many(rng, types, weights, options, size_p)
    for statement, weights in STATEMENTS.items():
        cols[AGREE.format(statement)] = pick(rng, types, weights, LIKERT)
    nps = np.clip(np.round(rng.normal(*np.array(NPS_MEAN_SD)[types].T)), 0, 10)
    cols[NPS] = nps.astype(int).astype(str).astype(object)
    for question in (WHY, EXPECT):
        cols[question] = free_text(rng, types, TEXT_BLANK[question], *TEXT[question])
    skipped = {"Timestamp", "Respondent ID", "Email address", WHY, EXPECT}
    for question in [q for q in cols if q not in skipped]:
        cols[question] = blank(rng, cols[question], rng.uniform(0.02, 0.04))
    lifecycle_rng = np.random.default_rng([seed, 1])
    (tenure, (options, weights)), (last, (orders, order_weights)) = LIFECYCLE.items()
    cols[tenure] = pick(lifecycle_rng, types, weights, options)
    cols[last] = pick(lifecycle_rng, types, order_weights, orders)
    cols[last] = np.where(cols[tenure] == options[0], NEVER_ORDERED, cols[last]).astype(object)
    for question in (tenure, last):
        cols[question] = blank(lifecycle_rng, cols[question], 0.03)
    order = list(cols)
    order = [q for q in order if q not in (tenure, last)]
    at = order.index("How often do you buy coffee beans or ground coffee?")
    order[at:at] = [tenure, last]
    planted = pd.DataFrame({"respondent_id": ids, "planted_type": np.array(TYPES)[types]})
    return pd.DataFrame(cols)[order], planted


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--n", type=int, default=1800)
    parser.add_argument("--out-dir", type=Path, default=Path(__file__).resolve().parent)
    args = parser.parse_args(argv)
    survey, planted = generate(args.seed, args.n)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    survey.to_csv(args.out_dir / "brewbox_survey.csv", index=False, lineterminator="\n")
    planted.to_csv(args.out_dir / "brewbox_planted_types.csv", index=False, lineterminator="\n")
    print(f"wrote {len(survey)} responses to {args.out_dir}")


if __name__ == "__main__":
    main()
