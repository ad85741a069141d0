"""The natural order of answers: Likert and rating scales, frequencies, bands, education.

`ordinal_levels` returns the answers lowest first when every answer (but opt-outs such as
"Prefer not to say") belongs to one ordered family, else []. Each family is a small rule a
person can check: a known word scale, "very/somewhat + adjective" on either side of a
neutral point, how many times a period, numeric bands, or the ladder of school degrees.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

# Answers that step outside the scale: they are listed last, never ranked.
OPT_OUT = re.compile(
    r"^(prefer not( to (say|answer))?|(i )?do ?n[o']?t know|not sure|unsure|not applicable|"
    r"n/?a|no answer|no opinion|something else|other|not (done|used|tried) yet|not yet|"
    r"not a (customer|client|member|user)( yet)?|never (ordered|bought|purchased|used)|"
    r"(i )?(have not|haven't|did not|didn't) (used?|tried?|done)( it| this)?|"
    r"keine angabe|wei(ß|ss) nicht)\.?$", re.IGNORECASE)

# Word scales, lowest first. Every answer must come from one list.
SCALES: dict[str, list[str]] = {
    "agree": [
        "strongly disagree", "completely disagree", "disagree", "mostly disagree",
        "tend to disagree", "somewhat disagree", "slightly disagree",
        "neither agree nor disagree", "neither agree or disagree", "neutral", "slightly agree",
        "somewhat agree", "tend to agree", "mostly agree", "agree", "strongly agree",
        "completely agree",
    ],
    "likely": [
        "not at all likely", "extremely unlikely", "very unlikely", "unlikely",
        "somewhat unlikely", "not likely", "neither likely nor unlikely", "neutral",
        "somewhat likely", "likely", "very likely", "extremely likely",
    ],
    "satisfied": [
        "extremely dissatisfied", "very dissatisfied", "dissatisfied", "somewhat dissatisfied",
        "slightly dissatisfied", "neither satisfied nor dissatisfied", "neutral",
        "slightly satisfied", "somewhat satisfied", "satisfied", "very satisfied",
        "extremely satisfied",
    ],
    "easy": [
        "very difficult", "difficult", "somewhat difficult", "neither easy nor difficult",
        "neutral", "somewhat easy", "easy", "very easy",
    ],
    "important": [
        "not at all important", "not important", "slightly important", "somewhat important",
        "moderately important", "important", "very important", "extremely important",
    ],
    "quality": ["terrible", "very poor", "poor", "fair", "average", "ok", "okay", "good",
                "very good", "excellent"],
    "often": ["never", "almost never", "rarely", "occasionally", "sometimes", "often",
              "frequently", "usually", "very often", "almost always", "always"],
    "skill": ["none", "beginner", "novice", "intermediate", "advanced", "expert"],
    "amount": ["none", "none at all", "a little", "some", "a moderate amount", "a lot",
               "a great deal"],
    "proportion": ["none", "none or almost none", "hardly any", "a few", "less than half",
                   "some", "about half", "more than half", "most", "almost all",
                   "all or nearly all", "nearly all", "all"],
    "nps": ["detractor", "passive", "promoter"],
}
# Scales whose midpoint splits negative from positive: drawn as diverging bars.
DIVERGING_SCALES = ("agree", "likely", "satisfied", "easy", "bipolar")

# "Very satisfied" / "Quite hard": an intensity word, then one side of a pair.
INTENSITY = {
    "slightly": 1, "a bit": 1, "too": 5, "much too": 6, "far too": 6, "way too": 6, "a little": 1, "somewhat": 2, "moderately": 2,
    "fairly": 2, "rather": 2, "quite": 3, "mostly": 3, "very": 4, "strongly": 4,
    "extremely": 5, "completely": 5, "totally": 5,
    "etwas": 1, "eher": 2, "ziemlich": 3, "sehr": 4, "äußerst": 5, "voll und ganz": 5,
}
POLES = [
    ("easy", "difficult"), ("easy", "hard"), ("satisfied", "dissatisfied"),
    ("satisfied", "unsatisfied"), ("likely", "unlikely"), ("favorable", "unfavorable"),
    ("favourable", "unfavourable"), ("positive", "negative"), ("good", "bad"),
    ("happy", "unhappy"), ("agree", "disagree"), ("important", "unimportant"),
    ("useful", "useless"), ("interested", "uninterested"),
    ("zufrieden", "unzufrieden"), ("leicht", "schwer"), ("einfach", "schwierig"),
    ("wahrscheinlich", "unwahrscheinlich"), ("gut", "schlecht"),
]
NEUTRAL = {"neutral", "indifferent", "neither", "neither nor", "mixed", "in between",
           "about right", "just right", "right",
           "teils/teils", "teils, teils", "weder noch", "mittel", "ok", "okay", "average"}

# How many times a year: "2-3 times a week", "every 8 weeks", "most days", "monthly".
PERIODS = {"day": 365, "days": 365, "week": 52, "weeks": 52, "fortnight": 26, "month": 12,
           "months": 12, "quarter": 4, "year": 1, "years": 1, "tag": 365, "tage": 365,
           "woche": 52, "wochen": 52, "monat": 12, "monate": 12, "jahr": 1}
COUNTS = {"once": 1, "twice": 2, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
          "a few": 3, "a couple of": 2, "several": 4, "multiple": 4, "many": 6, "ein": 1,
          "zwei": 2, "drei": 3, "mehrmals": 4, "ein paar": 3, "1x": 1, "2x": 2, "3x": 3}
FIXED_RATES = {
    "never": 0, "almost never": 0.5, "rarely": 1, "hardly ever": 0.5, "occasionally": 4,
    "sometimes": 6, "daily": 365, "every day": 365, "most days": 250, "weekly": 52,
    "every week": 52, "fortnightly": 26, "monthly": 12, "every month": 12, "quarterly": 4,
    "yearly": 1, "annually": 1, "every year": 1, "several times a day": 1000,
    "more than once a day": 1000, "nie": 0, "selten": 1, "täglich": 365, "wöchentlich": 52,
    "monatlich": 12, "jährlich": 1, "jede woche": 52, "jeden tag": 365, "jeden monat": 12,
    # the Stack Overflow developer survey's own wording
    "multiple times per day": 1000, "daily or almost daily": 300, "a few times per week": 156,
    "a few times per month or weekly": 40, "less than once per month or monthly": 8,
}
_PERIOD = r"(?:a|an|per|each|every|im|pro|in der|in the|in a)\s+"
_EVERY = re.compile(r"^(?:every|alle)\s+(\S+)\s+([a-zä]+)$")
_TIMES = re.compile(
    rf"^(\d+(?:\s*(?:-|–|to|or|bis)\s*\d+)?(?:\+| or more)?|[a-z ]+?)\s*(?:times?|x|mal)?\s*"
    rf"{_PERIOD}([a-zä]+)(?:\s+or more|\s+or less)?$")
_QUALIFIER = re.compile(r"^(?:about|around|roughly|approximately|ca\.?|etwa|less than|more than|"
                        r"fewer than|at least|up to|over|under|seltener als|öfter als|mehr als|"
                        r"weniger als)\s+")
_WORD_NUMBERS = {"two": 2, "three": 3, "four": 4, "six": 6, "other": 2, "zwei": 2, "drei": 3,
                 "vier": 4, "sechs": 6}

EDUCATION = [  # keyword pattern -> rank on the ladder, lowest first
    (r"no (formal )?(schooling|education|qualification)|none", 0),
    (r"primary|elementary|grundschule", 1),
    (r"lower secondary|middle school|gcse|o.level", 2),
    (r"secondary|high school|a.level|abitur|matura|baccalaur", 3),
    (r"vocational|apprentice|trade school|technical|ausbildung|lehre", 4),
    (r"some college|some university|college.*no degree|without (a )?degree", 4),
    (r"associate", 5),
    (r"bachelor|undergraduate|b\.a\.|b\.s\.|licence", 6),
    (r"master|mba|m\.a\.|m\.s\.|postgraduate", 7),
    (r"professional degree|j\.d\.|m\.d\.|law degree|medical degree", 8),
    (r"doctor|ph\.?d|promotion", 9),
]

BAND_NUMBER = r"[$£€]?\s*\d[\d,.]*\s*[kKmM]?\s*[$£€]?"
BAND_WORDS = r"(?:\s+[^\d\s]+){0,4}"
BAND_PATTERNS = [
    (re.compile(rf"^(?:under|less than|below|up to|fewer than|younger than|<|unter|weniger als|"
                rf"bis)\s*({BAND_NUMBER}){BAND_WORDS}$", re.I), -1),
    (re.compile(rf"^({BAND_NUMBER})\s*(?:years?\s*)?(?:\+|or (?:more|older|over|above)|and "
                rf"(?:over|above|older|more)|und (?:mehr|älter)|oder mehr){BAND_WORDS}$", re.I), 0),
    (re.compile(rf"^(?:over|more than|above|older than|>|über|mehr als)\s*({BAND_NUMBER})"
                rf"{BAND_WORDS}$", re.I), 0),
    (re.compile(rf"^({BAND_NUMBER})\s*(?:-|–|—|_|to|bis unter|bis)\s*{BAND_NUMBER}{BAND_WORDS}$",
                re.I), 0),
]
BAND_RANGE = re.compile(r"\d\s*[kKmM]?\s*[$£€]?\s*(bis unter|-|–|—|_|to|bis)\s*[$£€]?\s*\d", re.I)


def is_opt_out(answer: str) -> bool:
    return bool(OPT_OUT.match(_plain(answer)))


def _plain(answer: str) -> str:
    """Lower case, single spaces; Kobo's XML values ('very_good') read as words."""
    return re.sub(r"[\s_]+", " ", answer.strip().lower()).replace("’", "'")


def ordinal_levels(distinct: Iterable[object]) -> list[str]:
    """The natural order of the answers if they form one ordered family, else []."""
    answers = [a for a in map(str, distinct) if a.strip()]
    core = [a for a in answers if not is_opt_out(a)]
    opt_out = [a for a in answers if is_opt_out(a)]
    if len(core) < 2:
        return []
    lowered = {a: _plain(a) for a in core}
    for scale in SCALES.values():
        if all(v in scale for v in lowered.values()):
            return sorted(core, key=lambda a: scale.index(lowered[a])) + opt_out
    families: list[Callable[[str], float | None]] = [frequency_rate, _education_rank]
    if _one_pair_of_poles(core):
        families.insert(0, _bipolar_rank)
    if any(not a.strip().isdigit() for a in core):
        families.insert(1, _numbered_rank)
    if bands_have_a_range(core):
        families.append(band_lower_bound)
    for rank in families:
        order = _ordered_by(core, rank)
        if order:
            return order + opt_out
    return []


def oriented_to(levels: list[str], question: str) -> list[str]:
    """A scale between two poles runs the way the question asks: 'How difficult...?' from
    easy to hard, 'How easy...?' from hard to easy. Opt-outs stay last."""
    words = set(re.findall(r"[a-zäöü]+", question.lower()))
    negatives = {negative for _, negative in POLES} | {"difficult"}
    if not words & negatives or scale_name(levels) not in ("easy", "bipolar"):
        return levels
    core = [lv for lv in levels if not is_opt_out(lv)]
    return core[::-1] + [lv for lv in levels if is_opt_out(lv)]


def _ordered_by(core: list[str], rank: Callable[[str], float | None]) -> list[str]:
    keys = {a: rank(a) for a in core}
    if any(k is None for k in keys.values()) or len(set(keys.values())) < len(core):
        return []
    return sorted(core, key=lambda a: keys[a])


def scale_name(levels: list[str]) -> str | None:
    """Which scale the levels come from: a named word scale, 'bipolar', or None."""
    lowered = [_plain(lv) for lv in levels if not is_opt_out(lv)]
    for name, scale in SCALES.items():
        if lowered and all(v in scale for v in lowered):
            return name
    if len(lowered) >= 3 and _one_pair_of_poles(lowered):
        return "bipolar"
    return None


def _poles_of(answer: str) -> set[int] | None:
    """Which pairs of poles an answer could belong to (all of them for a neutral answer)."""
    if _bipolar_rank(answer) is None:
        return None
    words = set(re.findall(r"[a-zäöüß]+", answer.lower()))
    pairs = {i for i, pair in enumerate(POLES) if words & set(pair)}
    return pairs or set(range(len(POLES)))


def _one_pair_of_poles(answers: list[str]) -> bool:
    """'Very easy' and 'Quite hard' share easy/hard; 'Satisfied' and 'Very good' share none."""
    common = set(range(len(POLES)))
    for answer in answers:
        poles = _poles_of(answer)
        if poles is None:
            return False
        common &= poles
    return bool(common)


def _bipolar_rank(answer: str) -> float | None:
    """'Extremely satisfied' 6 ... 'Satisfied' 3.5 ... 'Neutral' 0 ... 'Very dissatisfied' -5;
    'Not satisfied' -1.5, 'Not at all satisfied' -4.5."""
    text = _plain(answer)
    if text in NEUTRAL or text.startswith("neither "):
        return 0.0
    strength, negated = 3.5, None
    for prefix, value in (("not at all ", 4.5), ("not ", 1.5)):
        if text.startswith(prefix):
            negated, text = value, text[len(prefix):]
            break
    else:
        for word in sorted(INTENSITY, key=len, reverse=True):
            if text.startswith(word + " "):
                strength, text = 1.0 + INTENSITY[word], text[len(word) + 1:]
                break
    for positive, negative in POLES:
        if text in (positive, negative):
            sign = 1 if text == positive else -1
            return -sign * negated if negated else sign * strength
    return None


def _numbered_rank(answer: str) -> float | None:
    """'1 - Not at all likely' ... '10 = Extremely likely': a labelled point on a 0-10 scale."""
    match = re.match(r"^(\d{1,2})\s*(?:[-–=:.)(]|\s)\s*\S", answer.strip())
    if match and int(match.group(1)) <= 10:
        return float(match.group(1))
    if answer.strip().isdigit() and int(answer) <= 10:
        return float(answer)
    return None


def frequency_rate(answer: str) -> float | None:
    """Times a year an answer like '2-3 times a week' or 'every 8 weeks' means, or None."""
    text = _plain(answer).rstrip(".")
    if text in FIXED_RATES:
        return float(FIXED_RATES[text])
    factor = 1.0
    qualifier = _QUALIFIER.match(text)
    if qualifier:
        word = qualifier.group(0).strip()
        factor = 0.9 if word in ("less than", "fewer than", "under", "up to", "seltener als",
                                 "weniger als") else 1.1 if word in (
            "more than", "at least", "over", "öfter als", "mehr als") else 1.0
        text = text[qualifier.end():]
    suffix = re.search(r"\s+or (more|less)$", text)
    if suffix:
        factor *= 1.1 if suffix.group(1) == "more" else 0.9
        text = text[:suffix.start()]
    if text in FIXED_RATES:
        return FIXED_RATES[text] * factor
    every = _EVERY.match(text)
    if every and every.group(2) in PERIODS:
        n = every.group(1)
        count = float(n) if n.isdigit() else _WORD_NUMBERS.get(n)
        return PERIODS[every.group(2)] / count * factor if count else None
    times = _TIMES.match(text)
    if times and times.group(2) in PERIODS:
        how_many = times.group(1).strip()
        if how_many.endswith(("+", " or more")):
            factor *= 1.1
        numbers = [float(x) for x in re.findall(r"\d+", how_many)]
        if not numbers:
            words = [COUNTS.get(w.strip()) for w in how_many.split(" or ")]
            numbers = [] if None in words else [float(w) for w in words]
        if not numbers:
            return None
        return sum(numbers) / len(numbers) * PERIODS[times.group(2)] * factor
    return None


TIME_UNITS = [(r"\byears?\b|\bjahre?n?\b", 12.0), (r"\bmonths?\b|\bmonate?n?\b", 1.0),
              (r"\bweeks?\b|\bwochen?\b", 12 / 52), (r"\bdays?\b|\btage?n?\b", 12 / 365)]


def band_lower_bound(answer: str) -> float | None:
    """Sort key for a band like '18-24', 'Under $25k', '$150k+', '1.500 bis unter 2.500 €';
    durations in months, so '6-12 months' < '1-2 years'."""
    text = answer.strip()
    unit = next((f for pattern, f in TIME_UNITS if re.search(pattern, text, re.I)), 1.0)
    for pattern, shift in BAND_PATTERNS:
        match = pattern.match(text)
        if match:
            value = _band_number(match.group(1))
            return None if value is None else value * unit + shift * 1e-6
    return None


def bands_have_a_range(levels: list[str]) -> bool:
    return any(BAND_RANGE.search(a) for a in levels)


def _band_number(text: str) -> float | None:
    cleaned = re.sub(r"[$£€\s]", "", text).rstrip(".,")
    cleaned = re.sub(r"[.,](?=\d{3}(?:\D|$))", "", cleaned).replace(",", ".")
    scale = 1.0
    if cleaned[-1:].lower() == "k":
        cleaned, scale = cleaned[:-1], 1e3
    elif cleaned[-1:].lower() == "m":
        cleaned, scale = cleaned[:-1], 1e6
    try:
        return float(cleaned) * scale
    except ValueError:
        return None


def _education_rank(answer: str) -> float | None:
    text = answer.lower()
    for pattern, rank in EDUCATION:
        if re.search(pattern, text):
            return float(rank) + (0.5 if rank == 4 and "college" in text else 0.0)
    return None
