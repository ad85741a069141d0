"""Exports: each format opens, says what the card says, shows hostile answers as text, and
keeps personal data out unless asked; JSON imports back, and bad JSON is refused whole."""

from __future__ import annotations

import csv
import io
import re
import zipfile

import numpy as np
import pypdfium2 as pdfium
import pytest
from openpyxl import load_workbook
from pptx import Presentation

from persona_lib import load_survey
from persona_lib.export import (
    ExportError, card_markdown, card_pdf, card_png, card_slide, crm_csv, crm_xlsx, key_columns,
    personas_from_json, personas_json, personas_pptx, respondent_personas, safe_cell,
)
from persona_lib.economics import worth_lines, worth_settings
from persona_lib.models import Box, Condition, Persona, Segment, Trait
from persona_lib.persona import build_card, evidence_short, pin
from persona_lib.segments import segment_mask
from persona_lib.text import escape_markdown_file

LIVE = "Where do you live?"
AGE = "How old are you?"
HOSTILE = "=HYPERLINK(\"http://x\",\"<b>click</b>\") [link](http://evil) <script>alert(1)</script>"


@pytest.fixture(scope="module")
def persona(sample) -> Persona:
    made = Persona(name="Busy Beth", segment=Segment(conditions=[
        Condition(question=LIVE, answers=["Big city"])]), narrative="Short on time.")
    made = pin(made, sample, Trait(question=AGE, answer="25-34"))
    return made.model_copy(update={"notes": {Box.pains: "Runs out of coffee"}})


def _pdf_text(pdf: bytes) -> tuple[int, list[str]]:
    """Pages counted and their text, as PDFium renders them."""
    document = pdfium.PdfDocument(pdf)
    try:
        return len(document), [" ".join(document[i].get_textpage().get_text_range().split())
                               for i in range(len(document))]
    finally:
        document.close()


def test_the_pdf_is_one_landscape_page_of_the_right_size_and_says_what_the_slide_says(
        sample, persona):
    card = build_card(sample, persona)
    for page, (width, height) in (("A4", (841.9, 595.3)), ("Letter", (792, 612))):
        pdf = card_pdf(card, persona, page)
        document = pdfium.PdfDocument(pdf)
        assert len(document) == 1
        assert document[0].get_size() == pytest.approx((width, height), abs=0.5)
        document.close()
        text = _pdf_text(pdf)[1][0]
        for expected in ("Busy Beth", "Says", "Thinks", "Does", "Feels", "Pains", "Gains",
                         "How old are you: 25-34", "Runs out of coffee", card.quote.split()[0],
                         evidence_short(card.traits[0].evidence)):
            assert expected in text, expected


def _long_persona(sample) -> Persona:
    """Three answers of every choice question pinned, and long notes: far more than one page
    holds."""
    made = Persona(name="A persona whose name is far longer than any card would ever want it "
                        "to be, to see where it stops", segment=Segment(conditions=[
                            Condition(question=LIVE, answers=["Big city"])]))
    for column in sample.columns:
        if column.kind.value in ("single_choice", "ordinal") and column.levels:
            for level in column.levels[:3]:
                made = pin(made, sample, Trait(question=column.name, answer=level))
    notes = {box: " ".join(["Mornings are a rush and the beans run out on a Monday."] * 12)
             for box in Box if box != Box.profile}
    return made.model_copy(update={"notes": notes})


def test_the_pdf_stays_one_page_however_much_is_pinned_and_provenance_is_asked_for(sample):
    big = _long_persona(sample)
    card = build_card(sample, big)
    assert len(card.traits) > 30
    for page in ("A4", "Letter"):
        pages, texts = _pdf_text(card_pdf(card, big, page))
        assert pages == 1
        assert re.search(r"\+\d+ more", texts[0])  # what did not fit is counted
        pages, texts = _pdf_text(card_pdf(card, big, page, with_provenance=True))
        assert pages == 2 and "How this was made" in texts[1]


def test_empty_says_and_thinks_show_the_segments_quotes_labelled(sample):
    bare = Persona(name="Nothing pinned", segment=Segment(conditions=[
        Condition(question=LIVE, answers=["Big city"])]))
    card = build_card(sample, bare)
    slide = card_slide(card, bare)
    for box in ("says", "thinks"):
        texts = [t.text for t in slide.panel_texts(box)]
        assert "typical answers" in texts, texts
        assert any(t.startswith("“") for t in texts), texts
    assert card.quote not in card.more_quotes


def test_every_card_export_carries_the_worth_it_figures(sample, persona):
    settings = worth_settings(sample, costs={"Instagram": 25.0})
    card = build_card(sample, persona, worth=settings)
    lines = worth_lines(card.worth)
    assert [line.split(":")[0] for line in lines] == [
        "Yearly value", "Acquisition cost", "At risk of switching", "NPS", "Lifecycle"]
    assert card.worth.size.count == card.segment_n
    assert "## Worth it" in card_markdown(card, persona)
    assert all(escape_markdown_file(line) in card_markdown(card, persona) for line in lines)
    pages, texts = _pdf_text(card_pdf(card, persona, with_provenance=True))
    assert pages == 2 and "Worth it" in texts[1]
    assert all(" ".join(line.split()) in texts[1] for line in lines[:1] + lines[2:4]), texts[1]
    deck = Presentation(io.BytesIO(personas_pptx([(card, persona)])))
    notes = deck.slides[0].notes_slide.notes_text_frame.text
    assert all(line in notes for line in lines)
    assert build_card(sample, persona).worth is None  # no settings: no section


def test_the_png_is_the_card_rendered(sample, persona):
    from PIL import Image

    for page, ratio in (("16:9", 16 / 9), ("A4", 297 / 210)):
        png = card_png(build_card(sample, persona), persona, page)
        image = Image.open(io.BytesIO(png))
        assert image.format == "PNG" and image.size[1] > 1000
        assert image.size[0] / image.size[1] == pytest.approx(ratio, abs=0.01)
        assert len(np.unique(np.asarray(image.convert("L")))) > 50  # not a blank page


def test_markdown_escapes_answers_and_keeps_the_evidence(sample, persona):
    hostile = persona.model_copy(update={"name": HOSTILE})
    card = build_card(sample, hostile)
    text = card_markdown(card, hostile)
    assert "<script>" not in text
    assert not re.search(r"(?<!\\)\]\(http", text)  # no live link
    assert "\\<script\\>" in text
    assert evidence_short(card.traits[0].evidence).replace("[", "\\[").replace("]", "\\]") in text


def test_json_round_trips_with_the_evidence_snapshots(persona):
    back = personas_from_json(personas_json([persona]))
    assert back == [persona]
    assert back[0].pinned[0].snapshot is not None
    assert personas_from_json(persona.model_dump_json()) == [persona]  # one persona alone


@pytest.mark.parametrize(("text", "fragment"), [
    ("{not json", "not a JSON file"),
    ('{"personas": [{"name": 5}]}', "personas.0.name"),
    ('{"format": "other", "personas": []}', "format"),
    ("[" * 100 + "]" * 100, "nested too deeply"),
    ('{"personas": [' + ",".join(['{"id": "x"}'] * 501) + "]}", "personas"),
    (" " * 6_000_000, "at most"),
])
def test_bad_persona_files_get_one_clear_error(text, fragment):
    with pytest.raises(ExportError, match=fragment):
        personas_from_json(text)


def test_the_pptx_has_a_slide_per_persona_with_its_text(sample, persona):
    other = Persona(name="Everyone else")
    deck = Presentation(io.BytesIO(personas_pptx([(build_card(sample, persona), persona),
                                                  (build_card(sample, other), other)])))
    assert len(deck.slides) == 2
    texts = [" ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
             for slide in deck.slides]
    assert "Busy Beth" in texts[0] and "How old are you: 25-34" in texts[0]
    assert "Everyone else" in texts[1]


def _frame_text_height(frame, width: float) -> float:
    """How tall a text frame's text is, in points, measured here on its own: each paragraph's
    runs wrapped at spaces to the frame's width in the run's font and size (the deck names
    DejaVu Sans; Vera, shipped with ReportLab, has the same metrics), at the paragraph's line
    spacing plus its space before."""
    from PIL import ImageFont

    from persona_lib.slides import font_file

    fonts = {}
    total = 0.0
    for para in frame.paragraphs:
        runs = [r for r in para.runs if r.text]
        if not runs:
            continue
        size = max(r.font.size.pt for r in runs)
        line, lines = 0.0, 1
        for run in runs:
            bold = bool(run.font.bold)
            if bold not in fonts:
                fonts[bold] = ImageFont.truetype(str(font_file(bold)), 200)
            scale = run.font.size.pt / 200
            for i, word in enumerate(run.text.split(" ")):
                piece = (" " if (i or line) else "") + word
                w = fonts[bold].getlength(piece) * scale
                if line and line + w > width + 0.01:
                    lines += 1
                    line = fonts[bold].getlength(word) * scale
                else:
                    line += w
        spacing = para.line_spacing.pt if para.line_spacing is not None else size * 1.2
        total += lines * spacing + (para.space_before.pt if para.space_before else 0)
    return total


@pytest.mark.parametrize("which", ["sample", "long"])
def test_every_powerpoint_text_frame_fits_its_shape(sample, persona, which):
    made = persona if which == "sample" else _long_persona(sample)
    card = build_card(sample, made)
    deck = Presentation(io.BytesIO(personas_pptx([(card, made)])))
    frames = [s for s in deck.slides[0].shapes if s.has_text_frame and s.text_frame.text.strip()]
    assert len(frames) >= 9  # name, quote, who, six quadrants (and the avatar, the footer)
    for shape in frames:
        frame = shape.text_frame
        width = (shape.width - frame.margin_left - frame.margin_right) / 12700
        height = (shape.height - frame.margin_top - frame.margin_bottom) / 12700
        assert _frame_text_height(frame, width) <= height + 0.5, frame.text[:80]
        assert shape.left + shape.width <= deck.slide_width
        assert shape.top + shape.height <= deck.slide_height
    text = " ".join(s.text_frame.text for s in frames)
    says = next(s for s in frames if s.text_frame.text.startswith("Says"))
    assert len(says.text_frame.text.split()) > 3  # the Says box is filled
    if which == "long":
        assert re.search(r"\+\d+ more", text)
    else:
        quote = next(s for s in frames if s.text_frame.text.startswith("“" + card.quote[:20]))
        assert quote.top < says.top  # the quote sits by the name, not under Worth it


def test_crm_table_matches_the_segments(sample, raw, persona):
    table = respondent_personas(sample, [persona, Persona(name="All")])
    assert list(table.columns) == ["respondent_id", "personas", "Busy Beth", "All"]
    assert table["respondent_id"].tolist() == raw["Respondent ID"].tolist()
    assert table["Busy Beth"].tolist() == (raw[LIVE] == "Big city").astype(int).tolist()
    assert (table["All"] == 1).all()
    assert table.loc[0, "personas"] == ("Busy Beth; All" if raw.loc[0, LIVE] == "Big city"
                                        else "All")


def test_crm_exports_neutralise_formulas_and_hold_no_personal_data(sample, raw):
    evil = Persona(name="=cmd|' /C calc'!A0", segment=Segment())
    table = respondent_personas(sample, [evil])
    table.loc[0, "respondent_id"] = "@SUM(1+1)"
    rows = list(csv.reader(io.StringIO(crm_csv(table).decode("utf-8-sig"))))
    assert rows[0][2] == "'=cmd|' /C calc'!A0"
    assert rows[1][0] == "'@SUM(1+1)" and rows[1][1] == "'=cmd|' /C calc'!A0"
    sheet = load_workbook(io.BytesIO(crm_xlsx(table))).active
    assert sheet.cell(1, 3).value == "'=cmd|' /C calc'!A0"
    assert sheet.cell(2, 1).value == "'@SUM(1+1)" and sheet.cell(2, 1).data_type == "s"
    with zipfile.ZipFile(io.BytesIO(crm_xlsx(table))) as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()
    emails = set(raw["Email address"].dropna())
    assert not emails & set(table["respondent_id"])
    assert "Email address" not in key_columns(sample)
    assert "Email address" in key_columns(sample, include_personal_data=True) or \
        not raw["Email address"].notna().all()


@pytest.mark.parametrize("value", ["=1+1", "+1", "-2", "@x", "\tx", "\rx"])
def test_safe_cell_prefixes_every_formula_start(value):
    assert safe_cell(value) == "'" + value
    assert safe_cell("plain") == "plain" and safe_cell(5) == 5


def test_a_personal_data_key_is_used_only_when_asked():
    rows = "\n".join(f"p{i}@mail.com,{'A' if i % 2 else 'B'}" for i in range(12))
    survey = load_survey(f"Email,Plan\n{rows}".encode(), "s.csv")
    assert key_columns(survey) == []
    assert key_columns(survey, include_personal_data=True) == ["Email"]
    table = respondent_personas(survey, [Persona(name="All")], key="Email")
    assert table["respondent_id"].tolist()[0] == "p0@mail.com"
    default = respondent_personas(survey, [Persona(name="All")])
    assert default["respondent_id"].tolist()[0] == "row 1"
    assert segment_mask(survey, Segment()).all()


ACCOUNT = "acct-zq7x"  # what this computer's account would be called


def _export_texts(card, persona) -> dict[str, str]:
    pdf = " ".join(_pdf_text(card_pdf(card, persona, with_provenance=True))[1])
    deck = Presentation(io.BytesIO(personas_pptx([(card, persona)])))
    pptx = "\n".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes
                     if shape.has_text_frame)
    return {"markdown": card_markdown(card, persona), "pdf": pdf, "pptx": pptx,
            "json": personas_json([persona])}


def test_the_computer_account_name_appears_in_no_export(sample, persona, monkeypatch):
    """Edited as the app does (`editor_name()` for every save), with a change log saved by an
    older version that wrote the account name: no export names the account; a name the user
    chose (PERSONA_EDITOR) does appear, so the check can see names at all."""
    import getpass

    from persona_lib.store import editor_name
    from persona_lib.trust import with_change

    monkeypatch.setattr(getpass, "getuser", lambda: ACCOUNT)
    for variable in ("USER", "LOGNAME", "USERNAME"):
        monkeypatch.setenv(variable, ACCOUNT)
    monkeypatch.delenv("PERSONA_EDITOR", raising=False)
    legacy = Persona.model_validate_json(persona.model_copy(update={"changes": []})
                                         .model_dump_json().replace(
        '"changes":[]', f'"changes":[{{"by":"{ACCOUNT}","what":["created"]}}]'))
    edited = with_change(legacy, legacy.model_copy(update={"name": "Busy Bea"}), editor_name())
    card = build_card(sample, edited)
    texts = _export_texts(card, edited)
    assert "renamed to 'Busy Bea'" in texts["markdown"]  # the log is exported
    assert {fmt for fmt, text in texts.items() if ACCOUNT in text} == set()
    monkeypatch.setenv("PERSONA_EDITOR", "Ana Workshop")
    signed = with_change(edited, edited.model_copy(update={"name": "Busy Bo"}), editor_name())
    texts = _export_texts(build_card(sample, signed), signed)
    assert "Ana Workshop" in texts["markdown"] and "Ana Workshop" in texts["pdf"]
    assert {fmt for fmt, text in texts.items() if ACCOUNT in text} == set()


def test_the_exported_font_draws_accents_and_names_the_letters_it_cannot(sample):
    """Bitstream Vera drew boxes for 'ễ' and 'ř'; DejaVu Sans (same Latin metrics) draws
    them. Korean it cannot: those letters are named, so the page can say so."""
    from persona_lib.export import letters_the_pdf_lacks

    accents = Persona(name="Zoë Nguyễn Dvořák Ωmega Жанна")
    assert letters_the_pdf_lacks(build_card(sample, accents), accents) == ""
    korean = Persona(name="김민지 Kiosk")
    assert letters_the_pdf_lacks(build_card(sample, korean), korean) == "김민지"
    assert "Zoë Nguyễn" in " ".join(_pdf_text(card_pdf(build_card(sample, accents),
                                                            accents))[1])
