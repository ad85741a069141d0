"""Showing untrusted survey text safely: Markdown and HTML escaping, PII redaction, avatars."""

from __future__ import annotations

import hashlib
import html
import textwrap
import re

MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<$:])")
MARKDOWN_FILE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
EMAIL_IN_TEXT = re.compile(r"[\w.+'-]+@[\w-]+(\.[\w-]+)+")
# A date (and time) is what respondents most often type that reads like a phone number: it is
# tried first at each place, and kept.
PHONE_IN_TEXT = re.compile(r"(\d{4}-\d{1,2}-\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?(?!\d)|"
                           r"\d{1,2}([./-])\d{1,2}\2\d{4}(?!\d))|\+?\(?\d[\d\s().-]{6,}\d")
IP_IN_TEXT = re.compile(r"\b(\d{1,3}\.){3}\d{1,3}\b")
URL_IN_TEXT = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)

# Colour-blind-safe (Okabe-Ito) backgrounds with white text at >= 4.5:1 contrast.
AVATAR_COLOURS = ("#0063A6", "#A13D00", "#006E4F", "#8A3B72", "#5A5A00", "#3B4CC0")


def escape_markdown(text: str) -> str:
    """Text that Streamlit's Markdown shows literally: no links, images, HTML or emphasis."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


def escape_markdown_file(text: str) -> str:
    """Text a Markdown file shows literally: markup and HTML characters escaped, and list or
    heading markers at a line start, but plain punctuation left readable."""
    text = MARKDOWN_FILE_SPECIAL.sub(r"\\\1", text)
    return re.sub(r"(?m)^(\s*)([#>+\-]|\d+\.)", r"\1\\\2", text)


def escape_plotly(text: str) -> str:
    """Plotly renders a subset of HTML (<a>, <b>, <br>) in labels; show answers literally."""
    return html.escape(str(text), quote=False)


HIDDEN_ELEMENT = re.compile(r"<(\w+)\b[^>]*display\s*:\s*none[^>]*>.*?</\1>", re.I | re.S)
TAG = re.compile(r"</?[A-Za-z][^<>]*>")
# Tags that style letters inside a line: taken out without a space, since the words run on
# through them ('Cloud storage (</span>i.e.' reads 'Cloud storage (i.e.').
INLINE_TAG = re.compile(r"</?(?:span|strong|b|i|em|u|font|a|small|sup|sub|mark)\b[^<>]*>", re.I)


# A list marker: '•' and the 'o', '-' or '▪' a word processor's bullet leaves before a tab,
# pasted into options and questions as typed ('o\tKesinlikle ederim'; a Jotform checkbox
# joins picks as '•\tSoups\n•\tDesserts').
LIST_MARKER = r"(?:•[ \t]*|[o*\-–▪◦●○■□·]\t[ \t]*)"


# Markdown that KoboToolbox and ODK forms allow in a label: '**Geschlecht:**', '##### Divers'
MARKDOWN_STRONG = re.compile(r"(\*\*|(?<!\w)__)(?=\S)(.+?)(?<=\S)(?:\*\*|__(?!\w))")
MARKDOWN_HEADING = re.compile(r"^\s*#{2,6}\s+")  # not "# of employees"


def wording(header: str) -> str:
    """A question as a person reads it: the HTML some tools leave in headers ('&nbsp;',
    '<span style="display:none">code</span>', '<b>') and the Markdown of a form's label
    ('**Alter:**', '##### Divers') taken out, spaces made single. A header that is all hidden
    keeps its hidden text: it is all there is."""
    if "<" in header or "&" in header:
        shown = TAG.sub(" ", INLINE_TAG.sub("", HIDDEN_ELEMENT.sub(" ", header)))
        header = html.unescape(shown if shown.strip() else TAG.sub(" ", header))
    header = re.sub(r"^\s*" + LIST_MARKER, "", header)
    if "*" in header or "#" in header or "__" in header:
        header = MARKDOWN_HEADING.sub("", MARKDOWN_STRONG.sub(r"\2", header))
    return re.sub(r"\s+", " ", header).strip()


def spoken(header: str) -> str:
    """`wording`, with a form's field name read as words: 'If__other__what_is_your_caste_'
    -> 'If other what is your caste' (ODK, Kobo and Ona export these instead of labels)."""
    text = wording(header)
    if text.count("_") >= 2 and text.count("_") > text.count(" "):
        text = re.sub(r"\s+([?:!.,])", r"\1", " ".join(re.sub(r"_+", " ", text).split()))
    return text


# LimeSurvey's 'question code and text' headers: 'G1Q00007[SQ001]. What kind of tasks...'
SUBQUESTION_CODE = re.compile(r"^[A-Za-z][\w-]*\[([\w#-]+)\]\.\s+(?=\S)")


def item_stem(name: str) -> str | None:
    """The shared question of a grid item or of one option's column: 'Q [item]' or
    'Q - item' -> 'Q' (a subquestion's code before it, 'G1Q1[SQ001]. ', left out); None when
    the header names no item."""
    name = SUBQUESTION_CODE.sub("", name, count=1)
    match = re.match(r"^(.*\S)\s*\[.+\]\s*$", name) or re.match(r"^(.*\S) - .+$", name)
    return match.group(1) if match else None


def shortened(text: str, limit: int) -> str:
    """`text` cut at the last word boundary that fits `limit` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–(/") + "…"


def wrapped_plotly(text: object, width: int) -> str:
    """Text for a Plotly label, escaped and broken at words onto lines of about `width`
    characters (a word longer than that stays whole): titles and answers wrap, never clip."""
    lines = textwrap.wrap(str(text), width=width, break_long_words=False,
                          break_on_hyphens=False) or [""]
    return "<br>".join(escape_plotly(line) for line in lines)


def percent(share: float) -> str:
    """A share as a whole percentage; a few people of many are '<1%', never '0%', and all but
    a few never '100%'."""
    if 0 < share < 0.005:
        return "<1%"
    if 0.995 <= share < 1:
        return ">99%"
    return f"{share:.0%}"


def clipped(text: object, limit: int = 60) -> str:
    """An answer quoted in a message: long ones cut, so one odd cell cannot flood the page."""
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def redact_personal_data(text: str) -> str:
    """Hide emails, phone numbers, IP addresses and links that respondents typed into free text."""
    text = EMAIL_IN_TEXT.sub("[email]", text)
    text = URL_IN_TEXT.sub("[link]", text)
    text = IP_IN_TEXT.sub("[ip address]", text)
    return PHONE_IN_TEXT.sub(lambda m: m.group(1) or "[phone]", text)


def shown_answer(answer: str) -> str:
    """A choice as the app shows it: an e-mail address typed into it ('Other: I wish it
    wasn't anonymous jo@example.com') is hidden, in charts, cards and exports alike. (Only
    e-mails: a phone-like '100 000 - 199 999' is a band.)"""
    return EMAIL_IN_TEXT.sub("[email]", answer)


def initials(name: str) -> str:
    words = [w for w in re.split(r"\s+", name.strip()) if w[:1].isalnum()]
    letters = "".join(w[0] for w in words[:2]).upper()
    return letters or "?"


def avatar_colour(name: str, key: str = "") -> str:
    """The persona's colour, stable for its id."""
    return AVATAR_COLOURS[int(hashlib.sha256((key or name).encode()).hexdigest(), 16)
                          % len(AVATAR_COLOURS)]


def avatar_svg(name: str, key: str = "", letters: str | None = None) -> str:
    """A round avatar drawn locally (no network): the chosen letters or emoji, else the
    name's initials, coloured stably by persona id."""
    colour = avatar_colour(name, key)
    letters = html.escape(letters or initials(name))
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="160" height="160" viewBox="0 0 160 160" '
        'role="img"><title>Avatar</title>'
        f'<circle cx="80" cy="80" r="80" fill="{colour}"/>'
        '<text x="80" y="80" dy=".35em" text-anchor="middle" fill="#FFFFFF" '
        'font-family="Source Sans Pro, Helvetica, Arial, sans-serif" font-size="64" '
        f'font-weight="700">{letters}</text></svg>'
    )
