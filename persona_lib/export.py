"""Personas out of the app: a printable card (PDF, A4 or Letter, and PNG), Markdown, JSON that
imports again, a PowerPoint slide per persona, and respondent-to-persona tables for a CRM.

Every export is built from the card the app shows (`persona.build_card`), so the numbers are the
same. Survey answers are untrusted: they are escaped for Markdown and for ReportLab's markup,
set as plain text in PowerPoint, and spreadsheet cells that a spreadsheet would run as a
formula (starting with =, +, -, @, tab or carriage return) get a leading apostrophe. Exports
carry no personal data: quotes are redacted, and the CRM table is keyed by the respondent id
unless the user explicitly picks a personal-data column as the key.
"""

from __future__ import annotations

import io
import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Literal
from xml.sax.saxutils import escape as xml_escape

import pandas as pd
from pydantic import BaseModel, Field, ValidationError

from persona_lib.economics import WorthSettings, worth_lines
from persona_lib.models import EMPATHY_BOXES, Box, Kind, Persona
from persona_lib.persona import (
    BOX_TITLES, Card, build_card, evidence_short, segment_size_text,
)
from persona_lib.segments import segment_mask
from persona_lib.survey import Survey
from persona_lib.trust import provenance, provenance_lines
from persona_lib.text import AVATAR_COLOURS, avatar_colour, escape_markdown_file, initials

MAX_IMPORT_BYTES = 5_000_000
MAX_IMPORT_DEPTH = 40
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PAGE_SIZES = ("A4", "Letter")


class ExportError(ValueError):
    """An import file that cannot be used; the message says why."""


class PersonaBundle(BaseModel):
    """The JSON export: personas exactly as the app keeps them, with their evidence snapshots."""

    format: Literal["survey-to-persona/personas"] = "survey-to-persona/personas"
    version: Literal[1] = 1
    exported_at: datetime = Field(default_factory=lambda: datetime.now(timezone.utc))
    personas: list[Persona] = Field(max_length=500)


# --- JSON -----------------------------------------------------------------------------------


def personas_json(personas: list[Persona]) -> str:
    return PersonaBundle(personas=personas).model_dump_json(indent=2)


def personas_from_json(text: str | bytes) -> list[Persona]:
    """Personas from an exported JSON file: all valid, or one clear error and none."""
    if len(text) > MAX_IMPORT_BYTES:
        raise ExportError(f"This file is {len(text):,} bytes; a persona file is at most "
                          f"{MAX_IMPORT_BYTES:,}.")
    try:
        raw = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ExportError(f"This is not a JSON file ({exc}).") from exc
    except RecursionError as exc:
        raise ExportError("This JSON is nested too deeply to be a persona file.") from exc
    if _depth(raw) > MAX_IMPORT_DEPTH:
        raise ExportError("This JSON is nested too deeply to be a persona file.")
    if isinstance(raw, dict) and "personas" not in raw and "segment" in raw:
        raw = {"personas": [raw]}  # a single persona is accepted too
    try:
        return PersonaBundle.model_validate(raw).personas
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "the file"
        raise ExportError(f"This is not a persona file from this app ({where}: "
                          f"{first['msg']}).") from exc


def _depth(value: object, level: int = 0) -> int:
    if level > MAX_IMPORT_DEPTH:
        return level
    if isinstance(value, dict):
        return max((_depth(v, level + 1) for v in value.values()), default=level + 1)
    if isinstance(value, list):
        return max((_depth(v, level + 1) for v in value), default=level + 1)
    return level


# --- Markdown -------------------------------------------------------------------------------


def card_markdown(card: Card, persona: Persona) -> str:
    """The card as Markdown: every answer escaped, every number with its evidence."""
    m = escape_markdown_file
    lines = [f"# {m(card.name)}", "", f"**Segment:** {m(card.segment_rule)}  ",
             m(segment_size_text(card)), ""]
    if persona.narrative.strip():
        lines += [m(persona.narrative.strip()), ""]
    if card.quote:
        lines += [f"> “{m(card.quote)}”", ""]

    def section(title: str, entries: list[tuple[str, str]]) -> None:
        if entries:
            lines.extend([f"## {title}", ""] + [f"- **{m(a)}**: {m(b)}" for a, b in entries]
                         + [""])

    section("Who they are", [(f"{x.label}: {x.answer}", evidence_short(x.evidence))
                             for x in card.demographics]
            + [(t.label, evidence_short(t.evidence)) for t in card.box(Box.profile)])
    section("Goals", [(x.answer, evidence_short(x.evidence)) for x in card.goals])
    section("Frustrations", [(x.answer, evidence_short(x.evidence)) for x in card.frustrations])
    section("Channels", [(x.answer, evidence_short(x.evidence)) for x in card.channels])
    if card.willingness_to_pay:
        w = card.willingness_to_pay
        lines += ["## Willingness to pay", "",
                  m(f"{w.label}: median {w.median:,.0f}; middle half {w.p25:,.0f}–{w.p75:,.0f}; "
                    f"range {w.min:,.0f}–{w.max:,.0f}; n={w.n:,}"), ""]
    if card.worth is not None:
        lines += ["## Worth it", ""] + [f"- {m(line)}" for line in worth_lines(card.worth)] + [""]
    lines += ["## Empathy map", ""]
    for box in EMPATHY_BOXES:
        lines.append(f"### {BOX_TITLES[box]}")
        entries = [f"- **{m(t.label)}**: {m(evidence_short(t.evidence))}" for t in card.box(box)]
        if box == Box.says and card.quote:
            entries.insert(0, f"- “{m(card.quote)}”")
        note = card.notes.get(box, "").strip()
        lines += (entries or ["- (nothing yet)"]) + ([f"- *Note:* {m(note)}"] if note else [])
        lines.append("")
    lines += ["---", ""] + [f"- {m(line)}" if i else m(line)
                            for i, line in enumerate(_provenance(card, persona))] + [""]
    return "\n".join(lines)


def _provenance(card: Card, persona: Persona) -> list[str]:
    """'How this was made', as the card's switch shows it."""
    labels = {v.trait.question: v.label.split(":")[0] for v in card.traits}
    return ["How this was made (Survey to persona):",
            *provenance_lines(provenance(persona, card.segment_rule, labels), last_changes=5)]


# --- PDF and PNG ------------------------------------------------------------------------------


def _fonts() -> tuple[str, str]:
    """Bitstream Vera (shipped with ReportLab): Latin text beyond the 14 standard PDF fonts."""
    from reportlab import rl_config
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "Vera" not in pdfmetrics.getRegisteredFontNames():
        folder = Path(rl_config.__file__).parent / "fonts"
        pdfmetrics.registerFont(TTFont("Vera", str(folder / "Vera.ttf")))
        pdfmetrics.registerFont(TTFont("VeraBd", str(folder / "VeraBd.ttf")))
    return "Vera", "VeraBd"


def card_pdf(card: Card, persona: Persona, page: str = "A4") -> bytes:
    """A one-page printable card: header, profile, motives, money, the empathy map."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, LETTER
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        Flowable, KeepInFrame, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle,
    )

    if page not in PAGE_SIZES:
        raise ValueError(f"page must be one of {PAGE_SIZES}")
    regular, bold = _fonts()
    size = A4 if page == "A4" else LETTER
    width = size[0] - 24 * mm
    ink = colors.HexColor("#1A1A1A")
    style = ParagraphStyle("body", fontName=regular, fontSize=8.5, leading=11, textColor=ink)
    small = ParagraphStyle("small", parent=style, fontSize=7.5, leading=9.5,
                           textColor=colors.HexColor("#444444"))
    heading = ParagraphStyle("heading", parent=style, fontName=bold, fontSize=11, leading=14,
                             spaceAfter=3)
    title = ParagraphStyle("title", parent=style, fontName=bold, fontSize=22, leading=26)
    quote = ParagraphStyle("quote", parent=style, fontSize=10, leading=13,
                           textColor=colors.HexColor("#333333"))

    def p(text: str, st: ParagraphStyle = style) -> Paragraph:
        return Paragraph(xml_escape(text), st)

    def entry(label: str, evidence: str) -> list[Paragraph]:
        return [Paragraph(f"<font name='{bold}'>{xml_escape(label)}</font>", style),
                p(evidence, small), Spacer(1, 3)]

    class Avatar(Flowable):
        def __init__(self, letters: str, colour: str) -> None:
            super().__init__()
            self.letters, self.colour, self.width, self.height = letters, colour, 22 * mm, 22 * mm

        def draw(self) -> None:
            c = self.canv
            c.setFillColor(colors.HexColor(self.colour))
            c.circle(11 * mm, 11 * mm, 11 * mm, stroke=0, fill=1)
            c.setFillColor(colors.white)
            c.setFont(bold, 22)
            c.drawCentredString(11 * mm, 8.2 * mm, self.letters)

    letters = persona.avatar or initials(card.name)
    header = Table([[Avatar(letters, avatar_colour(persona.name, persona.id)),
                     [p(card.name, title), p(f"Segment: {card.segment_rule}", style),
                      p(segment_size_text(card), small)]]],
                   colWidths=[26 * mm, width - 26 * mm])
    header.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    story: list = [header, Spacer(1, 4)]
    if persona.narrative.strip():
        story += [p(persona.narrative.strip()), Spacer(1, 3)]
    if card.quote:
        story += [p(f"“{card.quote}”", quote), Spacer(1, 4)]

    who = [p("Who they are", heading)]
    for line in card.demographics:
        who += entry(f"{line.label}: {line.answer}", evidence_short(line.evidence))
    for view in card.box(Box.profile):
        who += entry(view.label, evidence_short(view.evidence))
    motives: list = []
    for name, lines in (("Goals", card.goals), ("Frustrations", card.frustrations),
                        ("Channels", card.channels)):
        motives.append(p(name, heading))
        motives += [x for line in lines for x in entry(line.answer, evidence_short(line.evidence))]
        if not lines:
            motives.append(p("No question about this was recognised.", small))
    money = [p("Willingness to pay", heading)]
    if card.willingness_to_pay:
        w = card.willingness_to_pay
        big = ParagraphStyle("big", parent=style, fontName=bold, fontSize=20, leading=24)
        money += [p(f"{w.label}", small), p(f"{w.median:,.0f}", big),
                  p(f"median; middle half {w.p25:,.0f}–{w.p75:,.0f}, range "
                                  f"{w.min:,.0f}–{w.max:,.0f}, n={w.n:,}", small)]
    else:
        money.append(p("No willingness-to-pay question was recognised.", small))
    if card.worth is not None:
        money += [Spacer(1, 4), p("Worth it", heading)]
        money += [x for line in worth_lines(card.worth) for x in (p(line, small), Spacer(1, 2))]
    column = (width - 8 * mm) / 3
    frame = 84 * mm
    top = Table([[KeepInFrame(column, frame, who, mode="shrink"),
                  KeepInFrame(column, frame, motives, mode="shrink"),
                  KeepInFrame(column, frame, money, mode="shrink")]],
                colWidths=[column + 8 * mm / 3] * 3)
    top.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                             ("BOX", (0, 0), (-1, -1), 0.5, colors.HexColor("#BBBBBB")),
                             ("INNERGRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#BBBBBB"))]))
    story += [top, Spacer(1, 6), p("Empathy map", heading)]
    cells = []
    for box in EMPATHY_BOXES:
        content = [p(BOX_TITLES[box], heading)]
        if box == Box.says and card.quote:
            content.append(p(f"“{card.quote}”", small))
        for view in card.box(box):
            content += entry(view.label, evidence_short(view.evidence))
        note = card.notes.get(box, "").strip()
        if note:
            content.append(p(f"Note: {note}", small))
        cells.append(KeepInFrame(column, 44 * mm, content, mode="shrink"))
    grid = Table([cells[:3], cells[3:]], colWidths=[column + 8 * mm / 3] * 3,
                 rowHeights=[47 * mm, 47 * mm])
    grid.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                              ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#BBBBBB"))]))
    story += [grid, Spacer(1, 4), *[p(line, small) for line in _provenance(card, persona)]]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=size, leftMargin=12 * mm, rightMargin=12 * mm,
                      topMargin=12 * mm, bottomMargin=10 * mm, title=card.name,
                      author="Survey to persona").build(story)
    return buffer.getvalue()


def card_png(card: Card, persona: Persona, page: str = "A4", scale: float = 2.0) -> bytes:
    """The printable card as a PNG (the PDF rendered by PDFium), so both look the same."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(card_pdf(card, persona, page))
    try:
        image = document[0].render(scale=scale).to_pil()
    finally:
        document.close()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


# --- PowerPoint -----------------------------------------------------------------------------


def personas_pptx(cards: list[tuple[Card, Persona]]) -> bytes:
    """One 16:9 slide per persona: who they are, motives, and the empathy map."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.util import Emu, Pt

    deck = Presentation()
    deck.slide_width, deck.slide_height = Emu(12_192_000), Emu(6_858_000)
    blank = deck.slide_layouts[6]
    inch = 914_400

    def box(slide, left: float, top: float, w: float, h: float, lines: list[tuple[str, int, bool]]):
        frame = slide.shapes.add_textbox(Emu(int(left * inch)), Emu(int(top * inch)),
                                         Emu(int(w * inch)), Emu(int(h * inch))).text_frame
        frame.word_wrap = True
        for i, (text, size, bold) in enumerate(lines):
            para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            run = para.add_run()
            run.text = text  # plain text: nothing in an answer is interpreted
            run.font.size, run.font.bold = Pt(size), bold
            run.font.color.rgb = RGBColor(0x1A, 0x1A, 0x1A)
        return frame

    for card, persona in cards:
        slide = deck.slides.add_slide(blank)
        box(slide, 0.5, 0.3, 12.3, 1.2, [(card.name, 32, True),
                                         (f"{card.segment_rule} · {segment_size_text(card)}",
                                          14, False)])
        profile = [("Who they are", 16, True)] + [
            (f"{t.label} ({evidence_short(t.evidence)})", 11, True)
            for t in card.box(Box.profile)] + [
            (f"{x.label}: {x.answer} ({evidence_short(x.evidence)})", 11, False)
            for x in card.demographics][:8]
        box(slide, 0.5, 1.6, 4.0, 2.6, profile)
        motives = []
        for title, lines in (("Goals", card.goals), ("Frustrations", card.frustrations),
                             ("Channels", card.channels)):
            motives += [(title, 14, True)] + [(f"{x.answer} ({evidence_short(x.evidence)})", 11,
                                               False) for x in lines[:3]]
        box(slide, 4.7, 1.6, 4.2, 2.6, motives)
        money = [("Willingness to pay", 14, True)]
        if card.willingness_to_pay:
            w = card.willingness_to_pay
            money += [(f"{w.median:,.0f}", 28, True),
                      (f"median; middle half {w.p25:,.0f}–{w.p75:,.0f}; n={w.n:,}", 11, False)]
        if card.worth is not None:
            money += [("Worth it", 14, True)] + [(line, 9, False)
                                                 for line in worth_lines(card.worth)]
        if card.quote:
            money += [("", 8, False), (f"“{card.quote}”", 12, False)]
        box(slide, 9.1, 1.6, 3.8, 2.6, money)
        for i, b in enumerate(EMPATHY_BOXES):
            lines = [(BOX_TITLES[b], 13, True)] + [(t.label, 10, False) for t in card.box(b)[:4]]
            note = card.notes.get(b, "").strip()
            if note:
                lines.append((f"Note: {note}", 10, False))
            box(slide, 0.5 + (i % 3) * 4.2, 4.3 + (i // 3) * 1.5, 4.0, 1.4, lines)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


# --- CRM ------------------------------------------------------------------------------------


def safe_cell(value: object) -> object:
    """A cell a spreadsheet shows as text, never runs: formula-looking text gets an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def respondent_personas(survey: Survey, personas: list[Persona], key: str | None = None
                        ) -> pd.DataFrame:
    """One row per respondent: their id, the personas whose segment they are in, and a 0/1
    column per persona. `key` picks the id column (default: the respondent id, or the row)."""
    ids = survey.respondent_ids() if key is None else survey.data[key].astype("str")
    table = pd.DataFrame({"respondent_id": ids.to_numpy()})
    names = _unique_names([p.name for p in personas])
    member = {name: segment_mask(survey, p.segment).to_numpy()
              for name, p in zip(names, personas)}
    table["personas"] = ["; ".join(n for n in names if member[n][i]) for i in range(survey.n)]
    for name in names:
        table[name] = member[name].astype(int)
    return table


def _unique_names(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


def key_columns(survey: Survey, include_personal_data: bool = False) -> list[str]:
    """Columns that can key the CRM table: ids always, personal data only when asked for."""
    kinds = (Kind.id, Kind.metadata) + ((Kind.pii,) if include_personal_data else ())
    return [c.name for c in survey.columns if c.kind in kinds and
            survey.data[c.name].notna().all() and survey.data[c.name].is_unique]


def crm_csv(table: pd.DataFrame) -> bytes:
    safe = table.rename(columns=safe_cell).map(safe_cell)
    return safe.to_csv(index=False).encode("utf-8-sig")  # BOM: Excel reads UTF-8 correctly


def crm_xlsx(table: pd.DataFrame) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Personas"
    sheet.append([safe_cell(c) for c in table.columns])
    for row in table.itertuples(index=False):
        sheet.append([safe_cell(v) for v in row])
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def cards_for(survey: Survey, personas: list[Persona], worth: WorthSettings | None = None
              ) -> list[tuple[Card, Persona]]:
    return [(build_card(survey, p, worth=worth), p) for p in personas]


__all__ = ["AVATAR_COLOURS", "ExportError", "PersonaBundle", "card_markdown", "card_pdf",
           "card_png", "cards_for", "crm_csv", "crm_xlsx", "key_columns", "personas_from_json",
           "personas_json", "personas_pptx", "respondent_personas", "safe_cell"]
