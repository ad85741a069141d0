"""One persona on one screen: the slide layout that presentation mode, the PDF, the PNG and the
PowerPoint slide all draw.

Why: a card that scrolls loses the room. The layout is worked out here once, in units of a
slide 540 high (1 unit is 1 pt on a 13.33 x 7.5 in PowerPoint slide, and 1.33 px on a
1280x720 screen), and every line is measured in the font the exports embed (DejaVu Sans,
in `persona_lib/fonts`; Bitstream Vera has the same metrics), so whatever is placed is known
to fit. A panel shows its strongest traits and counts the rest ("+4 more"); text is wrapped at
words and, where a line limit applies, shortened at a word with an ellipsis, never cut.
"""

from __future__ import annotations

import html
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from persona_lib.models import EMPATHY_BOXES, Box
from persona_lib.persona import BOX_TITLES, Card, TraitView, evidence_short, segment_size_text
from persona_lib.text import avatar_colour, initials
from persona_lib.trust import Strength

HEIGHT = 540.0
WIDE = 960.0  # 16:9: screens at 1280x720 and 1920x1080, the PowerPoint slide, the PNG
STANDARD = 720.0  # 4:3: a 1024x768 projector
FOOTER = 40.0  # the bottom band: the slideshow's buttons, or the exports' reading guide
MARGIN = 14.0
PAD = 8.0
GAP = 8.0

Style = Literal["name", "heading", "label", "body", "quote", "evidence", "muted", "more"]
# One type scale for the card's slide, presentation mode and every export, in slide units.
# The smallest, 14, is 18.7 px at 1280x720 and larger on the other screens.
SIZES: dict[str, float] = {"name": 30, "heading": 17, "label": 15, "body": 15, "quote": 16,
                           "evidence": 14, "muted": 14, "more": 14}
BOLD = {"name", "heading", "label", "more"}
LEADING = 1.25
MIN_SIZE = min(SIZES.values())
INK, MUTED, RULE, FILL = "#1A1A1A", "#3D3D3D", "#B5B5B5", "#F4F5F7"


FONTS = Path(__file__).parent / "fonts"  # DejaVu Sans (its licence beside it)


def font_file(bold: bool = False) -> Path:
    """The TrueType file every layout is measured with and the PDF embeds: DejaVu Sans, whose
    Latin letters have Bitstream Vera's metrics and which also draws Greek, Cyrillic and
    the accents of Central European and Vietnamese answers (Vera drew boxes for 'ő', 'ř',
    'ạ')."""
    return FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")


@lru_cache(maxsize=1)
def _drawn() -> frozenset[int]:
    from reportlab.pdfbase.ttfonts import TTFontFile

    return frozenset(TTFontFile(str(font_file(False))).charToGlyph)


def undrawn_letters(slide: Slide) -> str:
    """The letters of a slide the exported font has no glyph for (Korean, Japanese, Chinese,
    Thai...), each once, in order: the PDF and PNG show a box for each, so the page says so."""
    text = " ".join([slide.avatar, slide.footer, *(p.title for p in slide.panels),
                     *(t.text for t in slide.texts)])
    drawn = _drawn()
    return "".join(dict.fromkeys(ch for ch in text if not ch.isspace() and ord(ch) not in drawn))


@lru_cache(maxsize=4)
def _font(bold: bool):
    from PIL import ImageFont

    return ImageFont.truetype(str(font_file(bold)), 100)


def text_width(text: str, style: Style) -> float:
    """Width of `text` in slide units when set in `style`."""
    return _font(style in BOLD).getlength(text) * SIZES[style] / 100


def line_height(style: Style) -> float:
    return SIZES[style] * LEADING


def _break_word(word: str, style: Style, width: float) -> list[str]:
    """A single word wider than the line (a long link, say) is the one thing split inside."""
    parts, current = [], ""
    for char in word:
        if current and text_width(current + char, style) > width:
            parts.append(current)
            current = ""
        current += char
    return parts + [current] if current else parts


def shorten(text: str, style: Style, width: float) -> str:
    """`text` on one line of `width`, shortened at a word with an ellipsis if it is longer."""
    text = " ".join(text.split())
    if text_width(text, style) <= width:
        return text
    words = text.split(" ")
    while len(words) > 1 and text_width(" ".join(words) + "…", style) > width:
        words.pop()
    kept = " ".join(words).rstrip(",;:.·–-") + "…"
    if text_width(kept, style) <= width:
        return kept
    return _break_word(words[0], style, width - text_width("…", style))[0] + "…"


def wrap(text: str, style: Style, width: float, max_lines: int | None = None) -> list[str]:
    """`text` broken into lines no wider than `width`, at spaces; past `max_lines` the last
    line is shortened at a word with an ellipsis."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, style) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        pieces = _break_word(word, style, width) if text_width(word, style) > width else [word]
        lines += pieces[:-1]
        current = pieces[-1]
    if current:
        lines.append(current)
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines - 1] + [shorten(" ".join(lines[max_lines - 1:]), style, width)]
    return lines


class Text(BaseModel):
    """One line, placed: its top-left corner in slide units."""

    panel: str
    x: float
    y: float
    text: str
    style: Style


class Panel(BaseModel):
    """A framed region of the slide, and how many of its items were left for '+N more'."""

    key: str
    title: str
    x: float
    y: float
    w: float
    h: float
    framed: bool = True
    shown: int = 0
    more: int = 0


class Slide(BaseModel):
    width: float
    height: float = HEIGHT
    avatar: str
    avatar_colour: str
    avatar_box: tuple[float, float, float]  # x, y, diameter
    panels: list[Panel]
    texts: list[Text]
    footer: str

    def panel_texts(self, key: str) -> list[Text]:
        return [t for t in self.texts if t.panel == key]


class Item(BaseModel):
    """Something a panel may show: a bold label, its evidence, or a quote or note."""

    label: str = ""
    detail: str = ""
    quote: str = ""
    muted: str = ""


STRENGTH_ORDER = {Strength.strong: 0, Strength.moderate: 1, Strength.weak: 2,
                  Strength.too_few: 3}


def strongest_first(views: list[TraitView]) -> list[TraitView]:
    """Pinned traits by how sure and how distinctive: strength badge, then lift, then share;
    a trait missing from the data goes last."""
    def key(view: TraitView) -> tuple:
        e = view.evidence
        return (e.status == "missing", STRENGTH_ORDER.get(view.strength, 4),
                -(e.lift or 0.0), -(e.share_segment or 0.0))
    return sorted(views, key=key)


def _item_lines(item: Item, width: float, tight: bool = False) -> list[tuple[str, Style, float]]:
    """An item as (text, style, space above) lines; `tight` allows fewer lines (shortened at a
    word), for a panel that would otherwise show none of its items."""
    out: list[tuple[str, Style, float]] = []
    if item.muted:
        out += [(line, "muted", 0.0) for line in wrap(item.muted, "muted", width, 2)]
    if item.quote:
        out += [(line, "quote", 0.0) for line in wrap(item.quote, "quote", width, 2 if tight else 3)]
    if item.label:
        out += [(line, "label", 0.0) for line in wrap(item.label, "label", width, 1 if tight else 2)]
    if item.detail:
        out += [(line, "evidence", 0.0) for line in wrap(item.detail, "evidence", width)]
    if out:
        first = out[0]
        out[0] = (first[0], first[1], 5.0)
    return out


def _height(lines: list[tuple[str, Style, float]]) -> float:
    return sum(line_height(style) + gap for _, style, gap in lines)


def fill(panel: Panel, items: list[Item], texts: list[Text], empty: str = "",
         subtitle: str = "") -> None:
    """Place the panel's title (and a subtitle saying where its content comes from), then as
    many of `items` (best first) as fit, then '+N more' for the rest: an item is shown whole
    or not at all."""
    width = panel.w - 2 * PAD
    y = panel.y + PAD
    bottom = panel.y + panel.h - PAD + 0.01
    if not items:
        items, subtitle = [], empty or subtitle
    if panel.title:
        title = shorten(panel.title, "heading", width)
        texts.append(Text(panel=panel.key, x=panel.x + PAD, y=y, text=title, style="heading"))
        beside = text_width(title + "  ", "heading")
        if subtitle and beside + text_width(subtitle, "muted") <= width:  # on the title's line
            texts.append(Text(panel=panel.key, x=panel.x + PAD + beside, y=y + 2.5,
                              text=subtitle, style="muted"))
            subtitle = ""
        y += line_height("heading")
    for line in wrap(subtitle, "muted", width, 2) if subtitle else []:
        texts.append(Text(panel=panel.key, x=panel.x + PAD, y=y, text=line, style="muted"))
        y += line_height("muted")
    more_h = line_height("more") + 4
    shown = 0
    for i, item in enumerate(items):
        left = len(items) - i - 1
        block = _item_lines(item, width)
        if shown == 0 and y + _height(block) + (more_h if left else 0) > bottom:
            block = _item_lines(item, width, tight=True)
        if y + _height(block) + (more_h if left else 0) > bottom:
            break
        for text, style, gap in block:
            y += gap
            texts.append(Text(panel=panel.key, x=panel.x + PAD, y=y, text=text, style=style))
            y += line_height(style)
        shown += 1
    panel.shown, panel.more = shown, len(items) - shown
    if panel.more:
        texts.append(Text(panel=panel.key, x=panel.x + PAD, y=y + 4, text=f"+{panel.more} more",
                          style="more"))


def fit_label(question: str, answer: str, width: float, lines: int = 2) -> str:
    """'Question: answer' in `lines` lines: the answer is what matters, so the question is
    shortened at a word (with an ellipsis) before the answer ever is."""
    label = f"{question}: {answer}"
    if len(wrap(label, "label", width)) <= lines:
        return label
    words = question.split()
    while len(words) > 1:
        words.pop()
        short = " ".join(words).rstrip(",;:.") + "…: " + answer
        if len(wrap(short, "label", width)) <= lines:
            return short
    return label  # the answer alone is too long: wrap() shortens it at a word


def _trait_item(view: TraitView, width: float = 0) -> Item:
    answer = view.trait.answer
    if width and answer and not view.trait.is_range and view.label.endswith(f": {answer}"):
        return Item(label=fit_label(view.label[:-len(answer) - 2], answer, width),
                    detail=evidence_short(view.evidence))
    return Item(label=view.label, detail=evidence_short(view.evidence))


def quadrant_items(card: Card, box: Box, quotes: list[str], width: float = 0
                   ) -> tuple[list[Item], str]:
    """What a quadrant shows, and a subtitle saying where it comes from: its pinned traits
    (strongest first) and the team's note. An empty Says or Thinks shows typical answers of
    the segment, said to be such; an empty Pains, Gains or Does the segment's most common
    frustrations, goals or channels."""
    items = [_trait_item(v, width) for v in strongest_first(card.box(box))]
    note = card.notes.get(box, "").strip()
    if note:
        items.insert(0, Item(quote=f"Note: {note}"))
    if items:
        return items, ""
    if box in (Box.says, Box.thinks) and quotes:
        picked = quotes[:2] if box == Box.says else quotes[2:4]
        if picked:
            return [Item(quote=f"“{q}”") for q in picked], "typical answers"
    common = {Box.pains: card.frustrations, Box.gains: card.goals, Box.does: card.channels}
    lines = common.get(box, [])
    if lines:
        return ([Item(label=line.shown, detail=evidence_short(line.evidence))
                 for line in lines], "most common answers")
    return [], "Nothing pinned here."


def who_items(card: Card, width: float = 0) -> list[Item]:
    """The key traits: pinned 'who they are' traits, strongest first, then the segment's most
    common answer to each demographic question."""
    return ([_trait_item(v, width) for v in strongest_first(card.box(Box.profile))]
            + [Item(label=fit_label(line.label, line.answer, width) if width
                    else f"{line.label}: {line.answer}", detail=evidence_short(line.evidence))
               for line in card.demographics if not _defines_segment(line.evidence)])


def _defines_segment(evidence) -> bool:
    """Everyone in the segment gave this answer and not everyone did: the segment's own rule
    (Big city, of a Big-city segment), which says nothing new."""
    return (evidence.share_segment or 0) >= 0.999 and (evidence.share_overall or 1) < 0.999


def persona_slide(card: Card, avatar_letters: str = "", colour_key: str = "",
                  width: float = WIDE, footer: str = "") -> Slide:
    """The persona on one slide `width` wide and HEIGHT high: avatar, name, segment and its
    size with the interval, the quote, the key traits with their evidence, and the six
    quadrants of the empathy map, each showing what fits."""
    texts: list[Text] = []
    diameter = 76.0
    name_x = MARGIN + diameter + 14
    split = width * (0.52 if width >= 900 else 0.5)
    head_w = split - name_x
    y = MARGIN
    header = Panel(key="header", title="", x=name_x, y=MARGIN, w=head_w, h=0, framed=False)
    for text, style, limit in ((card.name, "name", 1), (card.segment_rule, "body", 2),
                               (segment_size_text(card), "evidence", 2)):
        for line in wrap(text, style, head_w, limit):
            texts.append(Text(panel="header", x=name_x, y=y, text=line, style=style))
            y += line_height(style)
    header.h = y - MARGIN
    quote_x = split + 12
    quote_w = width - MARGIN - quote_x
    quote = Panel(key="quote", title="", x=quote_x, y=MARGIN, w=quote_w, h=0, framed=False)
    qy = MARGIN
    if card.quote:
        for line in wrap(f"“{card.quote}”", "quote", quote_w, 4):
            texts.append(Text(panel="quote", x=quote_x, y=qy, text=line, style="quote"))
            qy += line_height("quote")
        for line in wrap("A typical answer in this segment, personal data redacted", "muted",
                         quote_w, 2):
            texts.append(Text(panel="quote", x=quote_x, y=qy, text=line, style="muted"))
            qy += line_height("muted")
    quote.h = qy - MARGIN
    top = max(MARGIN + diameter, y, qy) + 10
    bottom = HEIGHT - FOOTER
    body_h = bottom - top
    wide = width >= 900
    who_w = width * (0.27 if wide else 0.3)
    who = Panel(key="who", title=BOX_TITLES[Box.profile], x=MARGIN, y=top, w=who_w, h=body_h)
    fill(who, who_items(card, who_w - 2 * PAD), texts, "No demographic question was recognised.")
    grid_x = MARGIN + who_w + GAP
    grid_w = width - MARGIN - grid_x
    cols = 3 if wide else 2
    rows = 6 // cols
    cell_w = (grid_w - GAP * (cols - 1)) / cols
    cell_h = (body_h - GAP * (rows - 1)) / rows
    panels = [header, quote, who]
    quotes = card.more_quotes
    for i, box in enumerate(EMPATHY_BOXES):
        panel = Panel(key=box.value, title=BOX_TITLES[box], x=grid_x + (i % cols) * (cell_w + GAP),
                      y=top + (i // cols) * (cell_h + GAP), w=cell_w, h=cell_h)
        items, subtitle = quadrant_items(card, box, quotes, cell_w - 2 * PAD)
        fill(panel, items, texts, subtitle=subtitle)
        panels.append(panel)
    return Slide(width=width, avatar=avatar_letters or initials(card.name),
                 avatar_colour=avatar_colour(card.name, colour_key),
                 avatar_box=(MARGIN, MARGIN, diameter), panels=panels, texts=texts,
                 footer=footer)


READING_GUIDE = ("Shares: in the segment [95% interval] of n who answered · everyone's "
                 "share · ×lift")


# --- HTML (presentation mode) -----------------------------------------------------------------

FONT_STACK = "'DejaVu Sans', 'Bitstream Vera Sans', Verdana, sans-serif"


def _slide_div(slide: Slide, cls: str) -> str:
    """One slide as absolutely placed, escaped lines; sizes in var(--u), one slide unit."""
    def u(value: float) -> str:
        return f"calc({value:.2f} * var(--u))"

    parts = [f'<div class="persona-slide {cls}" style="width:{u(slide.width)};'
             f'height:{u(slide.height)};">']
    for panel in slide.panels:
        if panel.framed:
            parts.append(f'<div class="ps-panel" data-panel="{html.escape(panel.key)}" '
                         f'style="left:{u(panel.x)};top:{u(panel.y)};width:{u(panel.w)};'
                         f'height:{u(panel.h)};"></div>')
    x, y, d = slide.avatar_box
    parts.append(f'<div class="ps-avatar" style="left:{u(x)};top:{u(y)};width:{u(d)};'
                 f'height:{u(d)};background:{slide.avatar_colour};font-size:{u(d * 0.36)};'
                 f'line-height:{u(d)};">{html.escape(slide.avatar)}</div>')
    for t in slide.texts:
        weight = "700" if t.style in BOLD else "400"
        colour = MUTED if t.style == "muted" else INK
        size = SIZES[t.style]
        parts.append(f'<div class="ps-line ps-{t.style}" style="left:{u(t.x)};top:{u(t.y)};'
                     f'font-size:{u(size)};line-height:{u(size * LEADING)};font-weight:{weight};'
                     f'color:{colour};">{html.escape(t.text)}</div>')
    parts.append("</div>")
    return "".join(parts)


def slide_html(wide: Slide, standard: Slide) -> str:
    """Both layouts of the persona slide; the screen's shape picks one (a 4:3 projector gets
    the narrower one). The slide fills the screen whatever its size: one unit is the smaller
    of 1/540 of its height and 1/width of its width."""
    return (
        "<style>"
        ".persona-slides{position:fixed;inset:0;z-index:5;background:#FFFFFF;}"
        f".persona-slide{{position:absolute;left:50%;top:0;transform:translateX(-50%);"
        f"font-family:{FONT_STACK};}}"
        f".ps-wide{{--u:min(calc(100vh / {HEIGHT:g}), calc(100vw / {wide.width:g}));}}"
        f".ps-standard{{--u:min(calc(100vh / {HEIGHT:g}), calc(100vw / {standard.width:g}));"
        "display:none;}"
        "@media (max-aspect-ratio: 3/2){.ps-wide{display:none;}.ps-standard{display:block;}}"
        f".ps-panel{{position:absolute;box-sizing:border-box;border:1px solid {RULE};"
        f"border-radius:6px;background:{FILL};}}"
        ".ps-line{position:absolute;white-space:nowrap;margin:0;padding:0;}"
        ".ps-avatar{position:absolute;border-radius:50%;color:#FFFFFF;text-align:center;"
        "font-weight:700;}"
        "</style>"
        f'<div class="persona-slides">{_slide_div(wide, "ps-wide")}'
        f'{_slide_div(standard, "ps-standard")}</div>'
    )


__all__ = ["FOOTER", "HEIGHT", "Item", "MIN_SIZE", "Panel", "READING_GUIDE", "SIZES", "STANDARD",
           "Slide", "Text", "WIDE", "fill", "font_file", "line_height", "persona_slide", "slide_charts",
           "quadrant_items", "shorten", "slide_html", "strongest_first", "text_width", "who_items",
           "wrap"]


def slide_charts(survey, persona) -> list[tuple[str, list]]:
    """The chart slides after the persona slide: one per chart the facilitator picked, that is
    each chart they pinned a trait from, in the order of the first pin from it."""
    from persona_lib.charts import chart_groups
    from persona_lib.models import Role

    groups = chart_groups(survey, tuple(Role))
    order: list[int] = []
    for pinned in persona.pinned:
        for i, (_, columns) in enumerate(groups):
            if i not in order and any(c.name == pinned.trait.question for c in columns):
                order.append(i)
    return [groups[i] for i in order]
