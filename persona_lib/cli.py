"""The command line: a second thin face over the same library functions as the app.

    python -m persona_lib inspect FILE [--sheet NAME] [--mapping FILE.json] [--json]
    python -m persona_lib segments FILE [--k K] [--seed S] [--sheet NAME] [--mapping F] [--json]
    python -m persona_lib themes FILE [--question Q] [--themes SAVED.json] [--seed S] [--sheet NAME]
                                 [--mapping F] [--json]

A file that cannot be read prints one line starting with `error:` to stderr and exits with 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from persona_lib.clusters import find_segments, segment_traits
from persona_lib.errors import SurveyLoadError
from persona_lib.load import load_survey
from persona_lib.mapping import MappingError, SurveyMapping, mapping_from_json
from persona_lib.models import Kind
from persona_lib.survey import Survey
from persona_lib.themes import SavedThemes, question_themes, text_questions
from persona_lib.trust import row_strength


def inspect_report(survey: Survey) -> dict:
    """What `inspect --json` prints: rows, each question's name, label, kind and role, warnings.

    A question the export spread over one column per option is followed by those columns,
    each a yes/no choice marked `part_of` the question, so every column of the file is
    accounted for by its own header."""
    columns = []
    for c in survey.columns:
        columns.append({"name": c.name, "label": c.label, "kind": c.kind.value,
                        "role": c.role.value})
        columns += [{"name": source, "label": source, "kind": Kind.single_choice.value,
                     "role": c.role.value, "part_of": c.name}
                    for source in c.sources if source != c.name and not survey.has(source)]
    return {"rows": survey.n, "columns": columns, "warnings": list(survey.warnings)}


def segments_report(survey: Survey, k: int | None = None, seed: int = 0, traits: int = 5
                    ) -> dict:
    """What `segments --json` prints: whether the answers have groups ("structure": clear,
    weak or none), the method, k (1 when none, unless set), each segment's size and top
    distinctive answers with their strength (tested on respondents the model was not fitted
    on), and each data row's segment in file order (null: between groups)."""
    model, labels = find_segments(survey, k=k, seed=seed)
    ids = [f"S{i + 1}" for i in range(model.k)]
    segments = []
    for i, segment_id in enumerate(ids):
        table = segment_traits(survey, model, i) if model.k > 1 else None
        top = [] if table is None else list(table[
            (table["kind"] == "answer") & (table["strength"] > 0)
            & (table["difference"] > 0)].head(traits).itertuples())
        segments.append({"id": segment_id, "size": int((labels == i).sum()), "traits": [
            {"question": r.question, "answer": r.answer, "share_in": float(r.share_in),
             "share_out": float(r.share_out), "lift": float(r.lift),
             "strength": row_strength(r).value.replace(" to say", "")} for r in top]})
    return {"structure": model.structure, "method": model.method, "k": model.k,
            "verdict": model.verdict, "segments": segments,
            "assignments": [ids[i] if i >= 0 else None for i in labels]}


def themes_report(survey: Survey, questions: list[str] | None = None, seed: int = 0,
                  saved: SavedThemes | None = None) -> dict:
    """What `themes --json` prints: per free-text question its themes (label, keywords, n and
    share of those who answered) and each data row's theme index in file order (null: no
    answer, no theme, or a row the mapping leaves out). `saved` themes are used where they
    exist for a question, as in the app."""
    rows = max(survey.rows_in_file, int(survey.data.index.max()) + 1 if survey.n else 0)
    out = []
    for question in questions or text_questions(survey):
        rules = (saved.questions.get(question) if saved else None) or None
        found = question_themes(survey, question, rules, seed)
        assignments: list[int | None] = [None] * rows
        for row, theme in zip(survey.data.index, found.assignments):
            assignments[int(row)] = theme
        out.append({"question": question, "method": found.method, "answered": found.answered,
                    "themes": [{"label": t.label, "keywords": t.keywords, "n": t.n,
                                "share": t.share, "ci_low": t.ci_low, "ci_high": t.ci_high,
                                "quotes": t.quotes} for t in found.themes],
                    "assignments": assignments})
    return {"questions": out}


def _themes_text(report: dict) -> str:
    lines = []
    for q in report["questions"]:
        none = "" if q["themes"] else "no themes: "
        lines.append(f"{q['question']} ({q['answered']:,} answered; {none}{q['method']})")
        for i, t in enumerate(q["themes"]):
            lines.append(f"  {i}. {t['label']}: {t['n']:,} ({t['share']:.0%}, 95% CI "
                         f"{t['ci_low']:.0%}-{t['ci_high']:.0%}); {', '.join(t['keywords'][:6])}")
    return "\n".join(lines)


def _inspect_text(survey: Survey) -> str:
    where = f" ({survey.tool} export)" if survey.tool else ""
    lines = [f"{survey.source}{where}: {survey.n:,} respondents, {len(survey.columns)} columns"]
    width = max((len(c.label) for c in survey.columns), default=0)
    for c in survey.columns:
        lines.append(f"  {c.label:<{width}}  {c.kind.value:<13}  {c.role.value}")
    lines += [f"warning: {w}" for w in survey.warnings]
    return "\n".join(lines)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m persona_lib",
                                     description="Survey exports in, evidence-backed personas out.")
    commands = parser.add_subparsers(dest="command", required=True)
    inspect = commands.add_parser("inspect", help="what each column of a survey export is")
    inspect.add_argument("file", type=Path)
    inspect.add_argument("--sheet", help="XLSX sheet to read (default: the one with most answers)")
    inspect.add_argument("--mapping", type=Path, help="a column mapping exported from the app")
    inspect.add_argument("--json", action="store_true", help="print JSON")
    segments = commands.add_parser("segments", help="suggested segments and what sets them apart")
    segments.add_argument("file", type=Path)
    segments.add_argument("--k", type=int, choices=range(2, 9), metavar="K",
                          help="number of segments, 2-8 (default: chosen by BIC, 1 when the "
                               "answers show no groups); never changes the verdict")
    segments.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    segments.add_argument("--sheet")
    segments.add_argument("--mapping", type=Path)
    segments.add_argument("--json", action="store_true", help="print JSON")
    themes = commands.add_parser("themes", help="themes in the free-text answers")
    themes.add_argument("file", type=Path)
    themes.add_argument("--question", action="append",
                        help="a free-text question (its header); repeat for several "
                             "(default: every free-text question)")
    themes.add_argument("--themes", type=Path, dest="saved",
                        help="a team's saved themes (the app's themes JSON for this survey)")
    themes.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    themes.add_argument("--sheet")
    themes.add_argument("--mapping", type=Path)
    themes.add_argument("--json", action="store_true", help="print JSON")
    return parser


def _read_mapping(path: Path | None) -> SurveyMapping | None:
    if path is None:
        return None
    try:
        return mapping_from_json(path.read_bytes())
    except OSError as exc:
        raise MappingError(f"cannot read {path}: {exc.strerror or exc}") from exc


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        mapping = _read_mapping(args.mapping)
        survey = load_survey(args.file, sheet=args.sheet, mapping=mapping)
    except (SurveyLoadError, MappingError) as exc:
        print(f"error: {' '.join(str(exc).split())}", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - never a traceback for a bad file
        print(f"error: {args.file} could not be read ({type(exc).__name__}: {exc})",
              file=sys.stderr)
        return 2
    if args.command == "themes":
        try:
            saved = SavedThemes.model_validate_json(args.saved.read_bytes()) if args.saved \
                else None
        except (OSError, ValueError) as exc:
            print(f"error: {args.saved} is not a saved themes file ({type(exc).__name__})",
                  file=sys.stderr)
            return 2
        known = text_questions(survey)
        unknown = [q for q in args.question or [] if q not in known]
        if unknown:
            print(f"error: not a free-text question of this file: {unknown[0]!r} (free-text "
                  f"questions: {', '.join(map(repr, known)) or 'none'})", file=sys.stderr)
            return 2
        report = themes_report(survey, args.question, args.seed, saved)
        print(json.dumps(report, ensure_ascii=False) if args.json else _themes_text(report))
        return 0
    if args.command == "segments":
        try:
            report = segments_report(survey, args.k, args.seed)
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        print(json.dumps(report, ensure_ascii=False) if args.json else _segments_text(report))
        return 0
    if args.json:
        print(json.dumps(inspect_report(survey), ensure_ascii=False))
    else:
        print(_inspect_text(survey))
    return 0


def _segments_text(report: dict) -> str:
    lines = [report["verdict"], f"{report['k']} segment{'s' * (report['k'] > 1)} "
                                 f"({report['method']})"]
    total = len(report["assignments"])
    for segment in report["segments"]:
        lines.append(f"{segment['id']}: {segment['size']:,} respondents "
                     f"({segment['size'] / total:.0%})")
        for trait in segment["traits"]:
            lines.append(f"    {trait['answer']} ({trait['question']}): "
                         f"{trait['share_in']:.0%} vs {trait['share_out']:.0%}, "
                         f"x{trait['lift']:.1f}, {trait['strength']}")
    return "\n".join(lines)
