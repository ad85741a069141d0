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
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Literal
from xml.sax.saxutils import escape as xml_escape

import pandas as pd
from pydantic import BaseModel, Field, ValidationError

from persona_lib import slides
from persona_lib.economics import WorthSettings, worth_lines
from persona_lib.models import EMPATHY_BOXES, Box, Kind, Persona, ThemeRule
from persona_lib.persona import (
    BOX_TITLES, Card, build_card, evidence_short, segment_size_text,
)
from persona_lib.segments import segment_mask
from persona_lib.survey import Survey
from persona_lib.trust import provenance, provenance_lines
from persona_lib.text import AVATAR_COLOURS, escape_markdown_file, initials

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
    section("Goals", [(x.shown, evidence_short(x.evidence)) for x in card.goals])
    section("Frustrations", [(x.shown, evidence_short(x.evidence)) for x in card.frustrations])
    section("Channels", [(x.shown, evidence_short(x.evidence)) for x in card.channels])
    if card.willingness_to_pay:
        w = card.willingness_to_pay
        lines += ["## Willingness to pay", "",
                  m(f"{w.label}: median {w.median:,.0f}; middle half {w.p25:,.0f}–{w.p75:,.0f}; "
                    f"range {w.min:,.0f}–{w.max:,.0f}; n={w.n:,}"), ""]
    if card.willingness_to_pay_answers:
        lines += ["## Willingness to pay", "", m(card.willingness_to_pay_answers[0].label), ""]
        lines += [f"- **{m(x.answer)}**: {m(evidence_short(x.evidence))}"
                  for x in card.willingness_to_pay_answers] + [""]
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


# --- PDF, PNG and PowerPoint: the slide's layout ----------------------------------------------

PNG_PAGES = ("16:9", "A4")


def _page_size(page: str) -> tuple[float, float]:
    """Landscape page in points: the slide's shape on paper."""
    from reportlab.lib.pagesizes import A4, LETTER, landscape

    sizes = {"A4": landscape(A4), "Letter": landscape(LETTER), "16:9": (slides.WIDE, slides.HEIGHT)}
    if page not in sizes:
        raise ValueError(f"page must be one of {PAGE_SIZES + ('16:9',)}")
    return sizes[page]


def card_slide(card: Card, persona: Persona, width: float = slides.WIDE) -> slides.Slide:
    """The persona slide every export draws (see persona_lib.slides)."""
    return slides.persona_slide(card, persona.avatar or initials(card.name), persona.id or "",
                                width=width, footer=slides.READING_GUIDE)


def letters_the_pdf_lacks(card: Card, persona: Persona) -> str:
    """The card's letters the PDF and PNG font cannot draw (Korean, Japanese, Thai...)."""
    return slides.undrawn_letters(card_slide(card, persona))


def _fonts() -> tuple[str, str]:
    """DejaVu Sans, the font the slide layout is measured in."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", str(slides.font_file(False))))
        pdfmetrics.registerFont(TTFont("DejaVuBd", str(slides.font_file(True))))
    return "DejaVu", "DejaVuBd"


def _draw_slide(canvas, slide: slides.Slide, page_h: float, scale: float) -> None:
    """The slide on a ReportLab canvas, 1 slide unit = `scale` points, top-left origin."""
    from reportlab.lib import colors

    regular, bold = _fonts()

    def y_of(top: float) -> float:
        return page_h - top * scale

    for panel in slide.panels:
        if panel.framed:
            canvas.setStrokeColor(colors.HexColor(slides.RULE))
            canvas.setFillColor(colors.HexColor(slides.FILL))
            canvas.roundRect(panel.x * scale, y_of(panel.y + panel.h), panel.w * scale,
                             panel.h * scale, 4 * scale, stroke=1, fill=1)
    x, y, d = slide.avatar_box
    canvas.setFillColor(colors.HexColor(slide.avatar_colour))
    canvas.circle((x + d / 2) * scale, y_of(y + d / 2), d / 2 * scale, stroke=0, fill=1)
    canvas.setFillColor(colors.white)
    canvas.setFont(bold, d * 0.36 * scale)
    canvas.drawCentredString((x + d / 2) * scale, y_of(y + d / 2 + d * 0.13), slide.avatar)
    for t in slide.texts:
        size = slides.SIZES[t.style]
        canvas.setFillColor(colors.HexColor(slides.MUTED if t.style == "muted" else slides.INK))
        canvas.setFont(bold if t.style in slides.BOLD else regular, size * scale)
        canvas.drawString(t.x * scale, y_of(t.y + size * 0.97), t.text)  # baseline in the line box
    if slide.footer:
        size = slides.SIZES["muted"]
        canvas.setFillColor(colors.HexColor(slides.MUTED))
        canvas.setFont(regular, size * scale)
        line = slides.shorten(slide.footer, "muted", slide.width - 2 * slides.MARGIN)
        canvas.drawString(slides.MARGIN * scale,
                          y_of(slide.height - slides.FOOTER / 2 + size * 0.35), line)


def card_pdf(card: Card, persona: Persona, page: str = "A4", with_provenance: bool = False
             ) -> bytes:
    """The persona slide on exactly one landscape page (A4, Letter, or 16:9 for the PNG); its
    worth-it figures and 'How this was made' on a second page only when asked for."""
    from reportlab.pdfgen.canvas import Canvas

    page_w, page_h = _page_size(page)
    scale = page_h / slides.HEIGHT
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(page_w, page_h))
    canvas.setTitle(card.name)
    canvas.setAuthor("Survey to persona")
    _draw_slide(canvas, card_slide(card, persona, page_w / scale), page_h, scale)
    canvas.showPage()
    if with_provenance:
        regular, bold = _fonts()
        width = page_w / scale - 2 * slides.MARGIN
        top = slides.MARGIN
        canvas.setFont(bold, slides.SIZES["heading"] * scale)
        canvas.drawString(slides.MARGIN * scale, page_h - (top + 16) * scale,
                          f"How this was made: {slides.shorten(card.name, 'heading', width - 180)}")
        top += slides.line_height("heading") + 6
        texts = ([*(f"Worth it: {line}" for line in worth_lines(card.worth))]
                 if card.worth is not None else []) + _provenance(card, persona)[1:]
        lines = [line for text in texts for line in slides.wrap(text, "evidence", width)]
        room = int((slides.HEIGHT - top - slides.MARGIN) // slides.line_height("evidence"))
        if len(lines) > room:
            lines = lines[:room - 1] + [f"+{len(lines) - room + 1} more lines: see the JSON export"]
        canvas.setFont(regular, slides.SIZES["evidence"] * scale)
        for line in lines:
            canvas.drawString(slides.MARGIN * scale, page_h - (top + 13.6) * scale, line)
            top += slides.line_height("evidence")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def card_png(card: Card, persona: Persona, page: str = "16:9", scale: float = 2.0) -> bytes:
    """The slide as a PNG, 16:9 or A4 (the PDF rendered by PDFium), so both look the same."""
    import pypdfium2 as pdfium

    if page not in PNG_PAGES:
        raise ValueError(f"page must be one of {PNG_PAGES}")
    document = pdfium.PdfDocument(card_pdf(card, persona, page))
    try:
        image = document[0].render(scale=scale).to_pil()
    finally:
        document.close()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


PPTX_FONT = "DejaVu Sans"  # the font the layout is measured in


def personas_pptx(cards: list[tuple[Card, Persona]]) -> bytes:
    """One 16:9 slide per persona, the slide's layout: one text box per panel, each line of
    it measured to fit (1 slide unit = 1 pt); PowerPoint is also told to shrink text that
    still overflows (a viewer without DejaVu Sans substitutes a font)."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.enum.text import MSO_AUTO_SIZE
    from pptx.util import Emu, Pt

    deck = Presentation()
    deck.slide_width, deck.slide_height = Emu(12_192_000), Emu(6_858_000)
    blank = deck.slide_layouts[6]

    def rgb(colour: str) -> RGBColor:
        return RGBColor.from_string(colour.lstrip("#"))

    for card, persona in cards:
        slide = card_slide(card, persona)
        page = deck.slides.add_slide(blank)
        for panel in slide.panels:
            if panel.framed:
                frame = page.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, Pt(panel.x),
                                              Pt(panel.y), Pt(panel.w), Pt(panel.h))
                frame.adjustments[0] = 0.03
                frame.fill.solid()
                frame.fill.fore_color.rgb = rgb(slides.FILL)
                frame.line.color.rgb = rgb(slides.RULE)
                frame.line.width = Pt(0.75)
        x, y, d = slide.avatar_box
        avatar = page.shapes.add_shape(MSO_SHAPE.OVAL, Pt(x), Pt(y), Pt(d), Pt(d))
        avatar.fill.solid()
        avatar.fill.fore_color.rgb = rgb(slide.avatar_colour)
        avatar.line.fill.background()
        _pptx_lines(avatar.text_frame, [(slide.avatar, "name")], rgb, white=True)
        for panel in slide.panels:
            texts = slide.panel_texts(panel.key)
            if not texts:
                continue
            left = min(t.x for t in texts)
            top = texts[0].y
            width = panel.x + panel.w - left - (slides.PAD if panel.framed else 0)
            height = (panel.y + panel.h - slides.PAD if panel.framed
                      else texts[-1].y + slides.line_height(texts[-1].style)) - top
            box = page.shapes.add_textbox(Pt(left), Pt(top), Pt(width), Pt(height))
            frame = box.text_frame
            lines, previous = [], top
            for t in texts:  # space above each line: the gap the layout left
                if lines and abs(t.y - lines[-1][3]) < 5:  # beside the last one, same line
                    lines[-1][0].append((t.text, t.style))
                    continue
                lines.append(([(t.text, t.style)], t.style, t.y - previous, t.y))
                previous = t.y + slides.line_height(t.style)
            _pptx_lines(frame, lines, rgb)
            frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
        footer = page.shapes.add_textbox(Pt(slides.MARGIN), Pt(slide.height - slides.FOOTER + 8),
                                         Pt(slide.width - 2 * slides.MARGIN),
                                         Pt(slides.FOOTER - 8))
        _pptx_lines(footer.text_frame, [(slides.shorten(
            slide.footer, "muted", slide.width - 2 * slides.MARGIN), "muted")], rgb)
        notes = [f"Segment: {card.segment_rule}. {segment_size_text(card)}."]
        if card.worth is not None:
            notes += ["Worth it:", *worth_lines(card.worth)]
        page.notes_slide.notes_text_frame.text = "\n".join(notes)  # the presenter's notes
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def _pptx_lines(frame, lines: list, rgb, white: bool = False) -> None:
    """Each placed line as a paragraph of its own (its runs: text in a style), exact line
    spacing, no inner margins: the text box holds exactly what the layout measured."""
    from pptx.util import Pt

    frame.word_wrap = True
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    for i, line in enumerate(lines):
        runs, style = line[0], line[1]
        runs = [(runs, style)] if isinstance(runs, str) else runs
        gap = line[2] if len(line) > 2 else 0.0
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        grow = 0.36 * 76 / 30 if white else 1  # the avatar's letters
        para.line_spacing = Pt(slides.SIZES[style] * grow * slides.LEADING)
        para.space_before = Pt(max(gap, 0))
        for j, (text, run_style) in enumerate(runs):
            run = para.add_run()
            run.text = ("  " if j else "") + text  # plain text: nothing is interpreted
            run.font.size = Pt(slides.SIZES[run_style] * grow)
            run.font.name = PPTX_FONT
            run.font.bold = run_style in slides.BOLD
            run.font.color.rgb = rgb("#FFFFFF" if white else
                                     slides.MUTED if run_style == "muted" else slides.INK)
    if white:
        from pptx.enum.text import MSO_ANCHOR, PP_ALIGN

        frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        frame.paragraphs[0].alignment = PP_ALIGN.CENTER


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


def cards_for(survey: Survey, personas: list[Persona], worth: WorthSettings | None = None,
              themes: Mapping[str, Sequence[ThemeRule]] | None = None
              ) -> list[tuple[Card, Persona]]:
    return [(build_card(survey, p, worth=worth, themes=themes), p) for p in personas]


__all__ = ["AVATAR_COLOURS", "ExportError", "PersonaBundle", "card_markdown", "card_pdf",
           "card_png", "card_slide", "cards_for", "crm_csv", "crm_xlsx", "key_columns", "personas_from_json",
           "personas_json", "personas_pptx", "respondent_personas", "safe_cell"]
