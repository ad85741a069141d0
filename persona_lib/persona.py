"""Persona -> card: everything the card shows, recomputed from the data every time.

That recomputation is what makes a card live: change the segment or load new data and
every pinned trait's evidence follows; a trait the new data lacks is flagged, not dropped.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd
from pydantic import BaseModel

from persona_lib.clusters import SuggestedSegment, segment_traits
from persona_lib.distinctive import top_traits, traits_of
from persona_lib.economics import WorthRow, WorthSettings, worth_table
from persona_lib.models import (
    CHOICE_KINDS, EMPATHY_BOXES, Box, Column, DataRef, Evidence, Kind, Persona, PinnedTrait, Role,
    Segment, SegmentSnapshot, Snapshot, ThemeRule, Topic, Trait,
)
from persona_lib.segments import (
    describe_segment, match_question, missing_questions, segment_in, segment_mask,
)
from persona_lib.stats import (
    DEFAULT_MIN_N, breakdown, median_and_range, trait_evidence, trait_mask, wilson_interval,
)
from persona_lib.survey import Survey
from persona_lib.infer import LABEL_CHARS
from persona_lib.scales import is_opt_out
from persona_lib.text import avatar_svg, item_stem, percent, redact_personal_data, shortened, spoken
from persona_lib.ticks import says_yes_or_no, tick_groups, ticked_answer
from persona_lib.trust import Quote, Strength, pseudonym, row_strength, trait_strength

BOX_TITLES = {
    Box.profile: "Who they are", Box.says: "Says", Box.thinks: "Thinks", Box.does: "Does",
    Box.feels: "Feels", Box.pains: "Pains", Box.gains: "Gains",
}
FEELING_WORDS = re.compile(r"feel|happy|satisf|recommend|enjoy|love|worr|stress|trust|rather not",
                           re.IGNORECASE)
STOPWORDS = set(
    "a an and are as at be but by for from i i'm if in is it its it's me my of on or so that the "
    "their them they this to too was we what when with you your just really very not no more "
    "than have has can do don't".split()
)


class TraitView(BaseModel):
    trait: Trait
    label: str
    box: Box
    evidence: Evidence
    strength: Strength
    origin: str = "by hand"


class SummaryLine(BaseModel):
    """The most common answer(s) to a question in the segment, with its evidence. For a
    checkbox question exported as a column per option, the most ticked option: `answer` names
    the option and `ticked` is the answer its column holds for a tick."""

    question: str
    label: str
    answer: str
    evidence: Evidence
    ticked: str | None = None
    themes: tuple[ThemeRule, ...] | None = None  # `answer` is a theme of free text, by these

    @property
    def trait(self) -> Trait:
        return Trait(question=self.question, answer=self.ticked or self.answer,
                     themes=self.themes)

    @property
    def shown(self) -> str:
        """The answer as the card shows it: a theme of free text says so."""
        return f"{self.answer} (theme)" if self.themes else self.answer


class NumberSummary(BaseModel):
    question: str
    label: str
    n: int
    median: float
    p25: float
    p75: float
    min: float
    max: float


class Card(BaseModel):
    name: str
    avatar_svg: str
    segment_rule: str
    segment_n: int
    total_n: int
    too_few: bool
    missing_questions: list[str]
    quote: str | None
    quote_source: Quote | None = None
    quotes_available: int = 0
    more_quotes: list[str] = []  # the segment's next most typical answers, for empty quadrants
    demographics: list[SummaryLine]
    goals: list[SummaryLine]
    frustrations: list[SummaryLine]
    channels: list[SummaryLine]
    willingness_to_pay: NumberSummary | None
    # asked as choices or price bands ('400 - 600 INR') rather than as a number
    willingness_to_pay_answers: list[SummaryLine] = []
    traits: list[TraitView]
    notes: dict[Box, str]
    worth: WorthRow | None = None

    def box(self, box: Box) -> list[TraitView]:
        return [t for t in self.traits if t.box == box]


def trait_label(survey: Survey | None, trait: Trait) -> str:
    """'Question: answer' by the question's label, or by its wording when the survey it was
    pinned on is not loaded (`survey` None or without the question)."""
    label = survey.column(trait.question).label if survey is not None and survey.has(
        trait.question) else trait.question.rstrip("?: ")
    if trait.is_theme:
        return f"{label}: {trait.answer} (theme)"
    if trait.is_range:
        low = "" if trait.low is None else f"{trait.low:g}"
        high = "" if trait.high is None else f"{trait.high:g}"
        return f"{label}: {low}–{high}"
    return f"{label}: {trait.answer}"


def default_box(column: Column) -> Box:
    """Where a pinned trait lands on the card by default (the user can move it)."""
    if column.role == Role.demographic:
        return Box.profile
    if column.topic == Topic.frustrations:
        return Box.pains
    if column.topic in (Topic.goals, Topic.expectations):
        return Box.gains
    if column.kind == Kind.text:
        return Box.says
    if column.role == Role.attitude:
        return Box.feels if FEELING_WORDS.search(column.name) else Box.thinks
    return Box.does


def data_ref(survey: Survey, questions: list[str] | None = None) -> DataRef:
    """Which data this is; `questions` (those a persona uses) also get their tool codes."""
    codes = {q: survey.column(q).code for q in questions or []
             if survey.has(q) and survey.column(q).code}
    return DataRef(source=survey.source, fingerprint=survey.fingerprint, digest=survey.digest,
                   respondents=survey.n, codes=codes)


def questions_of(persona: Persona) -> list[str]:
    """Every question the persona's segment or pins refer to."""
    asked = [c.question for c in persona.segment.conditions] + [
        p.trait.question for p in persona.pinned]
    return list(dict.fromkeys(asked))


def belongs_to(persona: Persona, survey: Survey) -> bool:
    """Whether the persona can be edited on this survey: it was built on it (or on another
    wave of it, same questions), or it is not built on anything yet."""
    return persona.data is None or persona.data.fingerprint == survey.fingerprint


def claim(persona: Persona, survey: Survey) -> Persona:
    """The persona tied to the survey it is being built on: a persona belongs to the survey
    of its first segment or pin, so that loading another survey never reinterprets it. The
    tool codes of its questions are kept up to date, to find them again in another export."""
    if persona.data is None:
        if persona.segment.is_everyone and not persona.pinned:
            return persona
        mask = segment_mask(survey, persona.segment)
        return persona.model_copy(update={
            "data": data_ref(survey, questions_of(persona)),
            "segment_snapshot": SegmentSnapshot(n=int(mask.sum()), total=survey.n,
                                                segment=persona.segment.rule_key())})
    if persona.data.fingerprint != survey.fingerprint:
        return persona
    codes = {**persona.data.codes, **data_ref(survey, questions_of(persona)).codes}
    if codes == persona.data.codes:
        return persona
    return persona.model_copy(update={"data": persona.data.model_copy(update={"codes": codes})})


def persona_in(survey: Survey, persona: Persona) -> Persona:
    """The persona with its conditions and pins pointed at the columns of `survey` that ask
    the same questions (by wording or tool code, never by label); what is not found is kept
    as it is and shows as 'not in this data'. A view for checking it against other data:
    never saved."""
    codes = persona.data.codes if persona.data else {}
    pinned = []
    for p in persona.pinned:
        found = match_question(survey, p.trait.question, codes.get(p.trait.question))
        pinned.append(p if found is None else p.model_copy(
            update={"trait": p.trait.model_copy(update={"question": found})}))
    return persona.model_copy(update={"segment": segment_in(survey, persona.segment, codes),
                                      "pinned": pinned})


def snapshot_of(evidence: Evidence, segment_key: str = "") -> Snapshot:
    return Snapshot(status=evidence.status, share=evidence.share_segment,
                    count=evidence.count_segment, n=evidence.n_segment,
                    share_overall=evidence.share_overall, segment=segment_key)


def pin(persona: Persona, survey: Survey, trait: Trait, min_n: int = DEFAULT_MIN_N,
        origin: str = "by hand", box: Box | None = None) -> Persona:
    """The persona with this trait pinned, its evidence now kept as a snapshot (unchanged if
    already pinned). The first pin also records which data the persona is built on. `origin`
    says whether a person pinned it or the app suggested it (a drafted persona); `box` where
    it shows (default: by its question, see `default_box`)."""
    if persona.has_trait(trait) or not survey.has(trait.question):
        return persona
    mask = segment_mask(survey, persona.segment)
    pinned = PinnedTrait(trait=trait, box=box or default_box(survey.column(trait.question)),
                         snapshot=snapshot_of(trait_evidence(survey, trait, mask, min_n),
                                              persona.segment.rule_key()),
                         origin=origin)
    return claim(persona.model_copy(update={"pinned": [*persona.pinned, pinned]}), survey)


def with_current_evidence(persona: Persona, survey: Survey, min_n: int = DEFAULT_MIN_N
                          ) -> Persona:
    """The persona with every snapshot retaken on this data: 'accept the new evidence'."""
    mask = segment_mask(survey, persona.segment)
    key = persona.segment.rule_key()
    pinned = [p.model_copy(update={"snapshot": snapshot_of(
        trait_evidence(survey, p.trait, mask, min_n), key)}) for p in persona.pinned]
    return persona.model_copy(update={
        "pinned": pinned, "data": data_ref(survey, questions_of(persona)),
        "segment_snapshot": SegmentSnapshot(n=int(mask.sum()), total=survey.n, segment=key)})


WORDLESS = {"yes", "no", "true", "false", "other", "none", "n/a", "not sure", "don't know"}


def working_name(traits: list[Trait], most: int = 3) -> str:
    """A name to start from for a drafted persona, made of its most distinctive answers in
    order ("Big-city 25-34, Instagram"): a team remembers "Big-city 25-34" where "Suggested
    segment 1" says nothing. Ranges, yes/no answers and answers of more than three words are
    left out; the user renames it anyway."""
    words: list[str] = []
    for trait in traits:
        answer = (trait.answer or "").strip()
        if (trait.is_range or not answer or len(answer) > 24 or len(answer.split()) > 3
                or " - " in answer or answer.casefold() in WORDLESS or answer in words):
            continue
        words.append(answer)
        if len(words) == most:
            break
    if not words:
        return "Drafted persona"
    first = "-".join(words[0].split()) if len(words[0].split()) == 2 else words[0]
    first = first[0].upper() + first[1:]
    return " ".join([first, *words[1:2]]) + "".join(f", {w}" for w in words[2:])


def unpin(persona: Persona, trait: Trait) -> Persona:
    return persona.model_copy(update={"pinned": [p for p in persona.pinned if p.trait != trait]})


def move(persona: Persona, trait: Trait, box: Box) -> Persona:
    pinned = [p.model_copy(update={"box": box}) if p.trait == trait else p for p in persona.pinned]
    return persona.model_copy(update={"pinned": pinned})


def build_card(survey: Survey, persona: Persona, min_n: int = DEFAULT_MIN_N,
               worth: WorthSettings | None = None,
               themes: Mapping[str, Sequence[ThemeRule]] | None = None) -> Card:
    """Everything the card shows for this persona on this data; its worth-it figures (value,
    acquisition cost, risk, lifecycle) when `worth` names any question for them. `themes`: the
    team's saved themes per free-text question (persona_lib.themes.SavedThemes.questions)."""
    mask = segment_mask(survey, persona.segment)
    segment_n = int(mask.sum())
    summary = _segment_summary(survey, persona.segment, mask, min_n, worth, themes or {})
    badges = _held_out_badges(survey, persona, min_n)
    traits = []
    for p in persona.pinned:
        evidence = trait_evidence(survey, p.trait, mask, min_n)
        strength = badges[p.trait] if p.trait in badges else trait_strength(evidence)
        traits.append(TraitView(trait=p.trait, label=trait_label(survey, p.trait), box=p.box,
                                evidence=evidence, strength=strength, origin=p.origin))
    says = [p.trait for p in persona.pinned if p.trait.is_theme and p.box == Box.says]
    quotes = (quote_candidates(survey, mask, themes=says) if says else []) or summary.quotes
    chosen = quotes[persona.quote_pick % len(quotes)] if quotes else None
    return Card(
        name=persona.name,
        avatar_svg=avatar_svg(persona.name, persona.id, persona.avatar or None),
        segment_rule=describe_segment(survey, persona.segment),
        segment_n=segment_n,
        total_n=survey.n,
        too_few=segment_n < min_n,
        missing_questions=missing_questions(survey, persona.segment),
        quote=chosen.text if chosen else None,
        quote_source=chosen,
        quotes_available=len(quotes),
        more_quotes=_other_quotes(quotes, chosen),
        demographics=[line for line in summary.demographics if not persona.has_trait(line.trait)],
        goals=summary.goals,
        frustrations=summary.frustrations,
        channels=summary.channels,
        willingness_to_pay=summary.willingness_to_pay,
        willingness_to_pay_answers=summary.willingness_to_pay_answers,
        traits=traits,
        notes={box: persona.notes.get(box, "") for box in EMPATHY_BOXES},
        worth=summary.worth.model_copy(update={"name": persona.name}) if summary.worth else None,
    )


class _SegmentSummary(NamedTuple):
    quotes: list[Quote]
    demographics: list[SummaryLine]
    goals: list[SummaryLine]
    frustrations: list[SummaryLine]
    channels: list[SummaryLine]
    willingness_to_pay: NumberSummary | None
    willingness_to_pay_answers: list[SummaryLine]
    worth: WorthRow | None


def _segment_summary(survey: Survey, segment: Segment, mask: pd.Series, min_n: int,
                     worth: WorthSettings | None, themes: Mapping[str, Sequence[ThemeRule]]
                     ) -> _SegmentSummary:
    """What the card says about the segment whatever is pinned, worked out once per segment
    rule (worth settings and saved themes) on this survey: a pin then costs only its own
    evidence."""
    asks = worth is not None and worth.asks_anything()
    key = ("segment summary", segment.rule_key(), min_n, worth.model_dump_json() if asks else "",
           tuple((q, tuple(rules)) for q, rules in sorted(themes.items())))

    def make() -> _SegmentSummary:
        wtp = _number_summary(survey, Topic.willingness_to_pay, mask)
        return _SegmentSummary(
            quotes=quote_candidates(survey, mask),
            demographics=_demographic_lines(survey, mask, min_n),
            goals=_topic_lines(survey, Topic.goals, mask, min_n, themes=themes),
            frustrations=_topic_lines(survey, Topic.frustrations, mask, min_n, themes=themes),
            channels=_topic_lines(survey, Topic.channels, mask, min_n),
            willingness_to_pay=wtp,
            willingness_to_pay_answers=[] if wtp else _topic_lines(
                survey, Topic.willingness_to_pay, mask, min_n, kinds=CHOICE_KINDS),
            worth=worth_table(survey, {"": mask}, worth, min_n)[0] if asks else None)

    return survey.derived(key, make)


def _other_quotes(quotes: list[Quote], chosen: Quote | None, k: int = 4) -> list[str]:
    """The segment's next most typical answers after the card's quote, each said once."""
    def key(text: str) -> str:  # "a price below the supermarket!" says the same as without "!"
        return " ".join(re.findall(r"\w+", text.casefold()))

    seen = {key(chosen.text)} if chosen else set()
    out = []
    for quote in quotes:
        if key(quote.text) not in seen:
            seen.add(key(quote.text))
            out.append(quote.text)
    return out[:k]


def _held_out_badges(survey: Survey, persona: Persona, min_n: int) -> dict[Trait, Strength]:
    """For a suggested segment, each trait's strength from the respondents its model was not
    fitted on, with membership computed without that trait's question, and its q-value over
    every answer tested (clusters.segment_traits): the segment is not allowed to vouch for the
    answers it was made from, nor a trait for being the best of many."""
    cluster = persona.segment.cluster
    if cluster is None or not persona.pinned:
        return {}
    rule = segment_mask(survey, persona.segment.model_copy(update={"cluster": None})).to_numpy()
    table = segment_traits(survey, cluster.model, cluster.index, min_n, rule=rule)
    table = table[table["kind"] == "answer"]
    rows = dict(zip(traits_of(table), table.itertuples()))
    return {p.trait: row_strength(rows[p.trait]) for p in persona.pinned if p.trait in rows}


def draft_persona(survey: Survey, suggested: SuggestedSegment, traits: int = 5,
                  name: str | None = None) -> Persona:
    """A persona for a suggested segment, its top distinctive answers already pinned: those
    beyond noise among the respondents the segment's model was not fitted on. None are
    drafted when the answers show no distinct groups."""
    cluster = suggested.segment.cluster
    if cluster.model.structure == "none":
        raise ValueError("The answers show no distinct groups: build a segment by hand.")
    top = top_traits(segment_traits(survey, cluster.model, cluster.index, min_n=10), traits)
    named = name or working_name(top)
    persona = Persona(name=named, segment=suggested.segment.model_copy(update={"name": named}))
    for trait in top:
        persona = pin(persona, survey, trait, origin="suggested")
    return persona


def _demographic_lines(survey: Survey, mask: pd.Series, min_n: int) -> list[SummaryLine]:
    """A line per question about who they are; a checkbox question exported as a column per
    option is one question, and its line is the option most of the segment ticked."""
    lines = []
    for group in tick_groups(survey.select(roles=(Role.demographic,))):
        ticked = _most_ticked(survey, group, mask, 1, min_n)
        lines += ticked if ticked is not None else [
            line for col in group for line in top_answers(survey, col, mask, 1, min_n)]
    return lines


def _most_ticked(survey: Survey, group: list[Column], mask: pd.Series, k: int, min_n: int
                 ) -> list[SummaryLine] | None:
    """The k options of a checkbox question (a column per option) the segment ticked most;
    None when `group` is not such a question."""
    yes = ticked_answer(group) if len(group) > 1 else None
    if yes is None:
        return None
    ticks = [(col, trait_evidence(survey, Trait(question=col.name, answer=yes), mask, min_n))
             for col in group]
    ticks.sort(key=lambda pair: -pair[1].count_segment)
    stem = spoken(item_stem(group[0].name) or group[0].name).rstrip("?: ")
    return [SummaryLine(question=col.name, label=shortened(stem, LABEL_CHARS), answer=col.label,
                        evidence=evidence, ticked=yes)
            for col, evidence in ticks[:k] if evidence.count_segment]


def top_answers(survey: Survey, column: Column, mask: pd.Series, k: int,
                min_n: int = DEFAULT_MIN_N) -> list[SummaryLine]:
    """The k most common answers in the segment, each with its evidence. 'N/A', 'Don't know'
    or 'Prefer not to say' say nothing about them: they are passed over, and a question most
    of the segment answered so (one it was not asked) has no line."""
    if column.kind not in CHOICE_KINDS:
        return []
    table = breakdown(survey, column.name, mask, min_n)
    said = ~table["answer"].map(lambda a: is_opt_out(str(a)))
    if 2 * table.loc[said, "count_segment"].sum() < table["count_segment"].sum():
        return []
    table = table[said]
    top = table[table["count_segment"] > 0].sort_values(
        "count_segment", ascending=False, kind="stable").head(k)
    return [SummaryLine(question=column.name, label=column.label, answer=str(answer),
                        evidence=evidence)
            for answer, evidence in zip(top["answer"].tolist(), top["evidence"].tolist())]


def _topic_lines(survey: Survey, topic: Topic, mask: pd.Series, min_n: int,
                 kinds: Iterable[Kind] | None = None,
                 themes: Mapping[str, Sequence[ThemeRule]] | None = None) -> list[SummaryLine]:
    """The three commonest answers to the first question on `topic` whose answers name
    something (of `kinds`, when given, scales too; its three most ticked options, when it is a
    checkbox exported as a column per option; the three themes most said, when the only such
    question is free text)."""
    groups = {c.name: g for g in tick_groups(survey.columns) for c in g}
    cols = [c for c in survey.columns if c.topic == topic and (
        c.kind in kinds if kinds is not None else _names_something(c, groups[c.name]))]
    cols.sort(key=lambda c: c.kind == Kind.text)  # answers to choose from say it more plainly
    if not cols:
        return []
    if cols[0].kind == Kind.text:
        return _theme_lines(survey, cols[0], mask, min_n, (themes or {}).get(cols[0].name))
    group = groups[cols[0].name]
    ticked = _most_ticked(survey, group, mask, 3, min_n)
    return ticked if ticked is not None else top_answers(survey, cols[0], mask, 3, min_n)


def _names_something(column: Column, group: list[Column]) -> bool:
    """Whether a question's answers can name a goal, a frustration or a channel: options, a
    checkbox's option columns or free text; not a point of a scale ('4', 'Strongly agree')
    nor a bare yes or no ('Have you been frustrated by bugs?' answered 'No' is no frustration)."""
    if column.kind not in (Kind.single_choice, Kind.multi_choice, Kind.text):
        return False
    return len(group) > 1 or column.kind != Kind.single_choice \
        or not says_yes_or_no(column.levels)


def _theme_lines(survey: Survey, column: Column, mask: pd.Series, min_n: int,
                 rules: Sequence[ThemeRule] | None = None, k: int = 3) -> list[SummaryLine]:
    """The k themes of a free-text question the segment said most, each with its evidence:
    the team's saved themes of it (`rules`), or those What they say finds."""
    from persona_lib.themes import found_rules, theme_trait

    rules = tuple(rules if rules is not None else found_rules(survey, column.name)[0])
    lines = []
    for i, rule in enumerate(rules):
        evidence = trait_evidence(survey, theme_trait(column.name, rules, i), mask, min_n)
        if evidence.count_segment:
            lines.append(SummaryLine(question=column.name, label=column.label, answer=rule.label,
                                     evidence=evidence, themes=rules))
    lines.sort(key=lambda line: -line.evidence.count_segment)
    return lines[:k]


def _number_summary(survey: Survey, topic: Topic, mask: pd.Series) -> NumberSummary | None:
    cols = [c for c in survey.columns if c.topic == topic and c.kind == Kind.numeric]
    if not cols:
        return None
    summary = median_and_range(survey.data.loc[mask, cols[0].name])
    if summary is None:
        return None
    return NumberSummary(question=cols[0].name, label=cols[0].label, **summary)


QUOTE_POOL = 3_000


def representative_quote(survey: Survey, mask: pd.Series, max_len: int = 220) -> str | None:
    """The free-text answer in the segment that shares the most words with its peers."""
    quotes = quote_candidates(survey, mask, 1, max_len)
    return quotes[0].text if quotes else None


def quote_candidates(survey: Survey, mask: pd.Series, k: int = 20, max_len: int = 220,
                     themes: list[Trait] | tuple[Trait, ...] = ()) -> list[Quote]:
    """The segment's k most typical free-text answers, most typical first: those that share
    the most words with their peers, each with its (pseudonymous) respondent.

    Deterministic (ties go to the earlier respondent) and redacted of personal data. A big
    segment is read through at most QUOTE_POOL of its answers, spread evenly over it: a quote
    is an example rather than a statistic, and reading every answer of a 100,000-strong
    segment would keep the card waiting for seconds. With `themes` (pinned themes of free-text
    questions), only the answers that said one of them: the card's Says quotes its themes.
    """
    columns = [col.name for col in survey.select(kinds=(Kind.text,))
               if col.topic in (Topic.why_buy, Topic.expectations) or col.topic is None]
    said = [(t.question, trait_mask(survey, t)) for t in themes]
    if themes:
        columns = [question for question, has in said if has is not None]
    texts = [survey.data.loc[mask & has.fillna(False).astype(bool), question].dropna().astype(str)
             for question, has in said if has is not None] if themes else \
        [survey.data.loc[mask, name].dropna().astype(str) for name in columns]
    answers = pd.concat(texts, keys=columns, names=["question", "row"]) if texts \
        else pd.Series(dtype=str)
    answers = answers[(answers.str.len() >= 20) & (answers.str.len() <= max_len)]
    if answers.empty:
        return []
    if len(answers) > QUOTE_POOL:
        answers = answers.iloc[np.linspace(0, len(answers) - 1, QUOTE_POOL).astype(int)]
    words = [_content_words(text) for text in answers.tolist()]
    freq = Counter(w for ws in words for w in ws)
    scores = [sum(map(freq.__getitem__, ws)) / (len(ws) + 3) if ws else 0.0 for ws in words]
    order = np.argsort(-np.asarray(scores), kind="stable")[:k]
    return [Quote(text=redact_personal_data(answers.iloc[i]),
                  respondent=pseudonym(survey, answers.index[i][1]),
                  row=int(survey.data.index.get_loc(answers.index[i][1])),
                  question=answers.index[i][0]) for i in order]


@functools.lru_cache(maxsize=2**16)
def _content_words(text: str) -> frozenset[str]:
    """Kept per answer: a pin rebuilds the card on the same segment, so the same answers."""
    return frozenset(w for w in re.findall(r"[a-z']+", text.lower())
                     if w not in STOPWORDS and len(w) > 2)


def evidence_text(evidence: Evidence) -> str:
    """One honest line: share with its interval and n, beside everyone, or why there is none."""
    if evidence.status == "missing":
        return "not in this data: the question or answer is missing from the loaded survey"
    overall = (f"{percent(evidence.share_overall)} of everyone (n={evidence.n_overall:,})"
               if evidence.share_overall is not None else "no answers overall")
    if evidence.status == "too_few":
        return f"too few to say (n={evidence.n_segment} in segment); {overall}"
    lift = f", {evidence.lift:.1f}× as common" if evidence.lift is not None else ""
    if evidence.lift is not None and evidence.lift < 1:
        lift += " (less common than among everyone)"
    weighted = (f"; weighted, effective n={evidence.n_effective:,.0f}"
                if evidence.n_effective is not None else "")
    return (f"{percent(evidence.share_segment)} of segment (95% CI {evidence.ci_low:.0%}–"
            f"{evidence.ci_high:.0%}; {evidence.count_segment:,} of {evidence.n_segment:,}"
            f"{weighted}) vs {overall}{lift}")


def evidence_short(evidence: Evidence) -> str:
    """The card's compact form: share, interval and n, then everyone's share and the lift."""
    if evidence.status == "missing":
        return "not in this data"
    if evidence.status == "too_few":
        return f"too few to say (n={evidence.n_segment})"
    text = (f"{percent(evidence.share_segment)} [{evidence.ci_low:.0%}–{evidence.ci_high:.0%}] "
            f"of n={evidence.n_segment:,}")
    if evidence.n_segment != evidence.n_overall and evidence.share_overall is not None:
        text += f" · everyone {percent(evidence.share_overall)}"
        if evidence.lift is not None:
            text += f" · ×{evidence.lift:.1f}"
            if evidence.lift < 1:
                text += ", less common than among everyone"
    return text


def segment_size_text(card: Card) -> str:
    share = card.segment_n / card.total_n if card.total_n else 0
    if card.segment_n == card.total_n:
        return f"All {card.total_n:,} respondents"
    if card.too_few:
        return f"n = {card.segment_n} of {card.total_n:,} respondents: too few to say"
    low, high = wilson_interval(card.segment_n, card.total_n)
    return (f"n = {card.segment_n:,} of {card.total_n:,} respondents "
            f"({share:.0%}, 95% CI {low:.0%}–{high:.0%}, {(high - low) * 100:.1f} points wide)")
