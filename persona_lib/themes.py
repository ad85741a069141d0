"""What they say: themes in the free-text answers, each with its evidence.

A question's themes are found on this machine (no network, no model download): each answer is
split into words, its language told by which language's common words it uses most (English,
German, Spanish, French, Portuguese, Dutch; see stopwords.py), those common words left out,
and the rest (single words and two-word phrases) weighted by TF-IDF and factorised by NMF
(scikit-learn, seeded). Each NMF component becomes a `ThemeRule`: a label (its key phrase) and
its keywords with weights. Those rules, not the factorisation, then say who said what:

    an answer's theme is the one whose keywords, weighted, it uses most; an answer that uses
    none of any theme's keywords has no theme.

The rule needs nothing but the keywords, so the same themes can be applied to another wave of
the survey, a pinned theme is recomputed on reloaded data, and a team's edits (rename, merge,
split) are edits of keywords that anyone can read.
"""

from __future__ import annotations

import math
import re
import weakref
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from pydantic import BaseModel, Field

from persona_lib.models import Kind, ThemeRule, Trait
from persona_lib.stopwords import ALL_STOP_WORDS, STOP_WORDS
from persona_lib.survey import Survey
from persona_lib.text import redact_personal_data

if TYPE_CHECKING:  # imported where used: scipy is slow to import, and the store needs this module
    from scipy import sparse

MAX_THEMES = 8
MIN_ANSWERS = 20  # fewer answers with words in them than this: no themes are found
FIT_ANSWERS = 5_000  # answers the factorisation is fitted on at most (seeded subset)
KEYWORDS_KEPT = 20  # keywords a theme keeps for its rule
KEYWORD_FLOOR = 0.1  # ... each at least this share of the theme's top keyword's weight
LANGUAGES = tuple(STOP_WORDS)

WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")
CLAUSE = re.compile(r"[.!?;:,()\n\r]+|\s-\s")
ELISION = re.compile(r"^(?:l|d|j|qu|n|c|m|s|t)'(?=[^\W\d_]{2})")
# A word shared by k languages' lists says 1/k of a vote for each of them.
_VOTES: dict[str, float] = {}
for _words in STOP_WORDS.values():
    for _w in _words:
        _VOTES[_w] = 0.0
for _w in _VOTES:
    _VOTES[_w] = 1.0 / sum(_w in words for words in STOP_WORDS.values())


def words_of(text: object) -> list[str]:
    """The words of an answer, lower-cased, apostrophes kept ("don't"); digits, emoji and
    punctuation dropped."""
    if not isinstance(text, str):
        return []
    return WORD.findall(text.casefold().replace("’", "'").replace("`", "'"))


def detect_language(text: object) -> str | None:
    """The answer's language among LANGUAGES by its common words: each common word votes for
    the languages whose list has it (split between them); None when it has none."""
    votes: Counter[str] = Counter()
    for word in words_of(text):
        share = _VOTES.get(word)
        if share:
            for lang in LANGUAGES:
                if word in STOP_WORDS[lang]:
                    votes[lang] += share
    if not votes:
        return None
    best = max(votes.values())
    return next(lang for lang in LANGUAGES if votes[lang] == best)


def _fold(word: str) -> str:
    """A light plural fold shared by the six languages: 'beans' -> 'bean' (not 'glass')."""
    if len(word) >= 5 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def terms_of(text: object, language: str | None = None) -> list[str]:
    """What an answer says, as themes read it: its words that are not common words of its
    language (of any of the six when it has none), three letters or more, plurals folded, and
    each pair of such words that stand side by side ("roast date")."""
    if not isinstance(text, str) or not WORD.search(text):
        return []
    return _terms(text, language if language is not None else detect_language(text))


def _terms(text: str, lang: str | None, spellings: dict[str, Counter[str]] | None = None
           ) -> list[str]:
    """`terms_of`; each word kept is counted in `spellings` under its folded form."""
    stop = STOP_WORDS[lang] if lang in STOP_WORDS else ALL_STOP_WORDS
    out: list[str] = []
    pairs: list[str] = []
    for clause in CLAUSE.split(text):  # a phrase never spans a full stop or a comma
        content: list[str | None] = []
        for word in words_of(clause):
            if lang == "fr":
                word = ELISION.sub("", word)
            folded = None if word in stop or len(word) < 3 else _fold(word)
            if spellings is not None and folded is not None:
                spellings.setdefault(folded, Counter())[word] += 1
            content.append(folded)
        out += [w for w in content if w]
        pairs += [f"{a} {b}" for a, b in zip(content, content[1:]) if a and b and a != b]
    return out + pairs


class Reading:
    """Each answer's language and terms, worked out once: finding a question's themes reads
    every answer several times (to fit, to count, to quote), and at 100,000 answers reading
    them again was most of the time (issue 20)."""

    def __init__(self) -> None:
        self._languages: dict[str, str | None] = {}
        self._terms: dict[str, list[str]] = {}
        self._spellings: dict[str, Counter[str]] = {}

    def language(self, text: object) -> str | None:
        if not isinstance(text, str):
            return None
        if text not in self._languages:
            self._languages[text] = detect_language(text)
        return self._languages[text]

    def terms(self, text: object) -> list[str]:
        if not isinstance(text, str) or not WORD.search(text):
            return []
        if text not in self._terms:
            self._terms[text] = _terms(text, self.language(text), self._spellings)
        return self._terms[text]

    def spelled(self, term: str) -> str:
        """A term as the answers wrote it most ('dependencies', not the folded 'dependencie';
        'bean' where answers say 'bean' more than 'beans')."""
        return " ".join(self._spellings[w].most_common(1)[0][0] if self._spellings.get(w) else w
                        for w in term.split(" "))


class Theme(BaseModel):
    """One theme of a question with its count among everyone who answered it."""

    index: int
    label: str
    keywords: list[str]
    n: int = Field(description="Answers whose theme this is.")
    answered: int = Field(description="Respondents who answered the question.")
    share: float
    ci_low: float
    ci_high: float
    quotes: list[str] = Field(default_factory=list, description="Up to three typical answers, "
                                                                "personal data redacted.")


class QuestionThemes(BaseModel):
    """A question's themes, how they were found, and each respondent's theme."""

    question: str
    rules: list[ThemeRule]
    themes: list[Theme]
    answered: int
    coded: int = Field(description="Answers with a theme.")
    languages: dict[str, int] = Field(default_factory=dict,
                                      description="Answers per language found ('' unknown).")
    method: str = ""
    assignments: list[int | None] = Field(default_factory=list,
                                          description="Each respondent's theme, in data order.")

    def trait(self, index: int) -> Trait:
        return theme_trait(self.question, self.rules, index)


def theme_trait(question: str, rules: Sequence[ThemeRule], index: int) -> Trait:
    """The trait 'said theme `index`': it carries the question's rules, so who said it can
    be worked out again on any data with that question."""
    return Trait(question=question, answer=rules[index].label, themes=tuple(rules))


# --- finding themes -------------------------------------------------------------------------


def find_rules(texts: Iterable[object], question: str = "", seed: int = 0,
               max_themes: int = MAX_THEMES, reading: Reading | None = None
               ) -> tuple[list[ThemeRule], str]:
    """Theme rules for these answers, and how their number was chosen (see `choose_k`). The
    question's own words are left out: answers echo them ("why do you buy..." "I buy...")."""
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer

    echo = {w for w in terms_of(question) if " " not in w}
    reading = reading or Reading()

    def kept(term: str) -> bool:
        return not echo.intersection(term.split(" "))

    def analyzer(text: str) -> list[str]:
        return [t for t in reading.terms(text) if kept(t)]

    docs = [t for t in texts if isinstance(t, str) and any(map(kept, reading.terms(t)))]
    if len(docs) < MIN_ANSWERS:
        return [], f"fewer than {MIN_ANSWERS} answers with words in them"
    if len(docs) > FIT_ANSWERS:
        picked = np.sort(np.random.default_rng(seed).choice(len(docs), FIT_ANSWERS, False))
        docs = [docs[i] for i in picked]
    vectorizer = TfidfVectorizer(analyzer=analyzer, min_df=max(2, math.ceil(len(docs) / 500)),
                                 max_df=0.5, sublinear_tf=True)
    try:
        x = vectorizer.fit_transform(docs)
    except ValueError:  # no term left
        return [], "no word is used by two answers or more"
    terms = vectorizer.get_feature_names_out()
    top = min(max_themes, x.shape[1] - 1, len(docs) // 10)
    if top < 2:
        return [], "too few different words for two themes"
    binary = (x > 0).astype(float).tocsc()
    fits = {}
    for k in range(2, top + 1):
        nmf = NMF(n_components=k, init="nndsvda", random_state=seed, max_iter=800, tol=1e-4)
        nmf.fit(x)
        fits[k] = _rules_from(nmf.components_, terms, reading.spelled)
    k, why = choose_k({k: _coherence(binary, list(terms), rules) for k, rules in fits.items()})
    return fits[k], why


def _rules_from(components: np.ndarray, terms: np.ndarray,
                spelled: Callable[[str], str] = str) -> list[ThemeRule]:
    rules = []
    for row in components:
        if row.max() <= 0:
            continue
        weights = row / row.max()
        order = [i for i in np.argsort(-weights, kind="stable")[:KEYWORDS_KEPT]
                 if weights[i] >= KEYWORD_FLOOR]
        keywords = tuple(str(terms[i]) for i in order)
        rules.append(ThemeRule(label=key_phrase(keywords, spelled), keywords=keywords,
                               weights=tuple(round(float(weights[i]), 4) for i in order)))
    return rules


def key_phrase(keywords: Sequence[str], spelled: Callable[[str], str] = str) -> str:
    """A theme's label: its heaviest two-word phrase among its first five keywords, else its
    two top keywords, each as the answers spelled it."""
    for word in keywords[:5]:
        if " " in word:
            return spelled(word)
    return ", ".join(map(spelled, keywords[:2])) if keywords else "(no words)"


def _coherence(binary: sparse.csc_matrix, terms: list[str], rules: list[ThemeRule],
               top: int = 8) -> float:
    """Mean UMass coherence of the themes' top keywords: how often a theme's keywords are
    used in the same answers (log of co-occurrence over occurrence, +1 smoothed)."""
    position = {t: i for i, t in enumerate(terms)}
    counts = np.asarray(binary.sum(axis=0)).ravel()
    scores = []
    for rule in rules:
        idx = [position[w] for w in rule.keywords[:top] if w in position]
        pair = []
        for a in range(1, len(idx)):
            for b in range(a):
                both = binary[:, idx[a]].multiply(binary[:, idx[b]]).sum()
                pair.append(math.log((both + 1) / counts[idx[b]]))
        scores.append(float(np.mean(pair)) if pair else 0.0)
    return float(np.mean(scores)) if scores else -math.inf


K_RULE = ("the number of themes (2 to 8) whose top eight keywords are most often used "
          "together in the same answers (highest mean UMass coherence)")


def choose_k(coherence: dict[int, float]) -> tuple[int, str]:
    """The number of themes by K_RULE; ties go to fewer themes."""
    best = max(coherence.values())
    k = min(k for k, c in coherence.items() if c == best)
    return k, f"{k} themes: {K_RULE}; tried {min(coherence)}-{max(coherence)}"


# --- applying theme rules ---------------------------------------------------------------------


def _scores(texts: Sequence[object], rules: Sequence[ThemeRule],
            reading: Reading | None = None) -> np.ndarray:
    """answers x themes: the summed weights of each theme's keywords the answer uses."""
    from scipy import sparse

    reading = reading or Reading()
    vocab: dict[str, int] = {}
    for rule in rules:
        for word in rule.keywords:
            vocab.setdefault(word, len(vocab))
    weights = np.zeros((len(vocab), len(rules)))
    for j, rule in enumerate(rules):
        for word, w in zip(rule.keywords, rule.weights):
            weights[vocab[word], j] = max(weights[vocab[word], j], w)
    rows: list[int] = []
    cols: list[int] = []
    cache: dict[str, list[int]] = {}
    for i, text in enumerate(texts):
        if not isinstance(text, str):
            continue
        if text not in cache:
            cache[text] = sorted({vocab[t] for t in reading.terms(text) if t in vocab})
        rows += [i] * len(cache[text])
        cols += cache[text]
    used = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(texts), len(vocab)))
    return np.asarray(used @ weights).reshape(len(texts), len(rules))


def assign(texts: Sequence[object], rules: Sequence[ThemeRule]) -> list[int | None]:
    """Each answer's theme by the rules (see the module docstring); None: no theme (no answer,
    or none of any theme's keywords). Ties go to the earlier theme."""
    codes = _codes(_scores(list(texts), rules)) if rules else np.full(len(texts), -1)
    return [int(c) if c >= 0 else None for c in codes]


def _codes(scores: np.ndarray) -> np.ndarray:
    if scores.shape[1] == 0:
        return np.full(scores.shape[0], -1)
    best = scores.argmax(axis=1)
    return np.where(scores[np.arange(len(best)), best] > 0, best, -1)


_MEMO: dict[int, dict[tuple, np.ndarray]] = {}


def theme_codes(survey: Survey, question: str, rules: Sequence[ThemeRule],
                reading: Reading | None = None) -> np.ndarray:
    """Each respondent's theme (-1: none) by these rules, worked out once per survey, question
    and rules (a survey never changes; the memo goes when the survey does)."""
    key = id(survey.data)
    if key not in _MEMO:
        _MEMO[key] = {}
        weakref.finalize(survey.data, _MEMO.pop, key, None)
    memo = _MEMO[key]
    index = (question, tuple(rules))
    if index not in memo:
        if len(memo) > 64:
            memo.clear()
        memo[index] = _codes(_scores(survey.data[question].tolist(), rules, reading)) if rules \
            else np.full(survey.n, -1)
        memo[index].setflags(write=False)
    return memo[index]


def theme_mask(survey: Survey, trait: Trait) -> pd.Series | None:
    """Who said the pinned theme, by its own rules on this data; None when the question is
    not free text here or the theme is not among its rules."""
    if not survey.has(trait.question) or survey.column(trait.question).kind != Kind.text:
        return None
    rules = list(trait.themes or ())
    labels = [r.label for r in rules]
    if trait.answer not in labels:
        return None
    codes = theme_codes(survey, trait.question, rules)
    return pd.Series(codes == labels.index(trait.answer), index=survey.data.index)


# --- a question's themes with their evidence --------------------------------------------------


def text_questions(survey: Survey) -> list[str]:
    """The free-text questions, in file order."""
    return [c.name for c in survey.select(kinds=(Kind.text,))]


def question_themes(survey: Survey, question: str, rules: Sequence[ThemeRule] | None = None,
                    seed: int = 0) -> QuestionThemes:
    """A question's themes on this data: found here, or the given rules (a team's saved
    themes) applied. Themes are ordered by how many said them (most first)."""
    from persona_lib.stats import wilson_interval

    values = survey.data[question]
    answered_mask = survey.answered(question).to_numpy()
    method = "your team's themes, saved for this survey"
    reading = Reading()
    if rules is None:
        rules, method = found_rules(survey, question, seed, reading)
    rules = list(rules)
    codes = theme_codes(survey, question, rules, reading)
    answered = int(answered_mask.sum())
    languages = Counter(reading.language(t) or "" for t in values[answered_mask].tolist())
    themes = []
    for i, rule in enumerate(rules):
        n = int((codes == i).sum())
        low, high = wilson_interval(n, answered)
        themes.append(Theme(index=i, label=rule.label, keywords=list(rule.keywords[:8]), n=n,
                            answered=answered, share=n / answered if answered else 0.0,
                            ci_low=low, ci_high=high,
                            quotes=theme_quotes(survey, question, rules, i, reading=reading)))
    return QuestionThemes(question=question, rules=rules, themes=themes, answered=answered,
                          coded=int((codes >= 0).sum()), languages=dict(languages),
                          method=method, assignments=[int(c) if c >= 0 else None
                                                      for c in codes])


def found_rules(survey: Survey, question: str, seed: int = 0, reading: Reading | None = None
                ) -> tuple[list[ThemeRule], str]:
    """The themes found in a question's answers, most said first, and how they were found:
    worked out once per survey, as What they say and the card's goals and frustrations both
    need them."""
    def find() -> tuple[list[ThemeRule], str]:
        values = survey.data[question]
        read = reading or Reading()
        found, method = find_rules(values.dropna().tolist(), question, seed, reading=read)
        codes = _codes(_scores(values.tolist(), found, read)) if found else np.full(survey.n, -1)
        counts = np.bincount(codes[codes >= 0], minlength=len(found))
        return [found[i] for i in np.argsort(-counts, kind="stable")], method

    return survey.derived(("found themes", question, seed), find)


def theme_quotes(survey: Survey, question: str, rules: Sequence[ThemeRule], index: int,
                 mask: pd.Series | None = None, k: int = 3, max_len: int = 220,
                 reading: Reading | None = None) -> list[str]:
    """Up to k answers of this theme (in the segment `mask`, if given) that use the most of its
    keywords: typical ones first, ties to the earlier respondent, redacted of personal data."""
    codes = theme_codes(survey, question, rules, reading)
    member = codes == index
    if mask is not None:
        member &= np.asarray(mask, dtype=bool)
    rows = np.flatnonzero(member)
    if rows.size == 0:
        return []
    texts = survey.data[question].iloc[rows].astype(str).tolist()
    score = _scores(texts, rules, reading)[:, index]
    fits = np.array([8 <= len(t) <= max_len for t in texts])
    order = np.lexsort((np.arange(len(texts)), -score, ~fits))
    out: list[str] = []
    for i in order:
        text = redact_personal_data(" ".join(texts[i].split()))
        if text not in out:
            out.append(text if len(text) <= max_len else text[: max_len - 1] + "…")
        if len(out) == k:
            break
    return out


# --- the team's words win: rename, merge, split ------------------------------------------------


class SavedThemes(BaseModel):
    """A team's themes for one survey (by its fingerprint), per free-text question: saved
    when they rename, merge or split one, and applied to every later load of the survey and to
    its next wave instead of themes found afresh."""

    schema_version: int = 1
    fingerprint: str = ""
    questions: dict[str, list[ThemeRule]] = Field(default_factory=dict, max_length=500)


class ThemeEditError(ValueError):
    """An edit that cannot be made; the message says why."""


def _unique(label: str, rules: Sequence[ThemeRule], skip: int | None = None) -> str:
    label = " ".join(str(label).split())[:120]
    if not label:
        raise ThemeEditError("A theme needs a name.")
    if any(r.label.casefold() == label.casefold() for i, r in enumerate(rules) if i != skip):
        raise ThemeEditError(f"Another theme is already called '{label}'.")
    return label


def _check(rules: Sequence[ThemeRule], *indices: int) -> None:
    for i in indices:
        if not 0 <= i < len(rules):
            raise ThemeEditError(f"There is no theme {i + 1}.")


def rename_theme(rules: Sequence[ThemeRule], index: int, label: str) -> list[ThemeRule]:
    _check(rules, index)
    out = list(rules)
    out[index] = out[index].model_copy(update={"label": _unique(label, rules, skip=index)})
    return out


def merge_themes(rules: Sequence[ThemeRule], indices: Sequence[int], label: str | None = None
                 ) -> list[ThemeRule]:
    """One theme in place of several: every keyword of each, at its highest weight; it takes
    the place of the first, and its name (or `label`)."""
    picked = sorted(set(indices))
    if len(picked) < 2:
        raise ThemeEditError("Pick two themes or more to merge.")
    _check(rules, *picked)
    weight: dict[str, float] = {}
    for i in picked:
        for word, w in zip(rules[i].keywords, rules[i].weights):
            weight[word] = max(weight.get(word, 0.0), w)
    words = sorted(weight, key=lambda w: -weight[w])[:60]
    rest = [r for i, r in enumerate(rules) if i not in picked[1:]]
    first = rest.index(rules[picked[0]])
    name = _unique(label, [r for i, r in enumerate(rules) if i not in picked]) if label \
        else rules[picked[0]].label
    rest[first] = ThemeRule(label=name, keywords=tuple(words),
                            weights=tuple(weight[w] for w in words))
    return rest


def split_theme(rules: Sequence[ThemeRule], index: int, keywords: Sequence[str],
                label: str | None = None) -> list[ThemeRule]:
    """Two themes from one: `keywords` move to a new theme after it (named `label`, else by
    its key phrase); the rest stay."""
    _check(rules, index)
    rule = rules[index]
    moved = [w for w in rule.keywords if w in set(keywords)]
    kept = [w for w in rule.keywords if w not in set(keywords)]
    if not moved or not kept:
        raise ThemeEditError("Pick some of the theme's keywords to split off, not all of them.")
    weight = dict(zip(rule.keywords, rule.weights))
    top_moved, top_kept = max(weight[w] for w in moved), max(weight[w] for w in kept)
    name = _unique(label or key_phrase(moved), rules)
    new = ThemeRule(label=name, keywords=tuple(moved),
                    weights=tuple(round(weight[w] / top_moved, 4) for w in moved))
    old_label = rule.label
    if old_label == name:
        raise ThemeEditError(f"Another theme is already called '{name}'.")
    old = ThemeRule(label=old_label, keywords=tuple(kept),
                    weights=tuple(round(weight[w] / top_kept, 4) for w in kept))
    out = list(rules)
    out[index:index + 1] = [old, new]
    return out
