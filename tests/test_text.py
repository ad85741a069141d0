"""Untrusted answers are shown literally, and personal data typed into free text is hidden."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from persona_lib.text import (
    avatar_svg, escape_markdown, escape_plotly, initials, percent, redact_personal_data,
)


@given(st.text())
def test_escaped_markdown_has_no_active_character(text):
    escaped = escape_markdown(text)
    assert re.sub(r"\\(.)", r"\1", escaped, flags=re.S) == text
    unescaped_specials = re.findall(r"(?<!\\)[`*_\[\]<>#|!$:~]", escaped.replace("\\\\", ""))
    assert unescaped_specials == []


def test_markdown_link_and_html_are_neutralised():
    assert escape_markdown("[x](http://evil) <img src=x>") == r"\[x\]\(http\://evil\) \<img src=x\>"


def test_plotly_labels_escape_html():
    assert escape_plotly("<a href='x'>hi</a> & co") == "&lt;a href='x'&gt;hi&lt;/a&gt; &amp; co"


def test_redaction():
    text = "Mail jo.b@example.com, call +44 20 7946 0958, see https://x.io or 10.0.0.12"
    assert redact_personal_data(text) == "Mail [email], call [phone], see [link] or [ip address]"
    assert redact_personal_data("I pay 25 dollars for 2 bags") == "I pay 25 dollars for 2 bags"


@pytest.mark.parametrize(("said", "shown"), [
    ("Ordered on 2024-05-01, came 2024-05-09 14:30", "Ordered on 2024-05-01, came 2024-05-09 14:30"),
    ("since 01.05.2024", "since 01.05.2024"),
    ("on 12/05/2024 call 06 12 34 56 78", "on 12/05/2024 call [phone]"),
    ("ring (555) 123-4567 please", "ring [phone] please"),
    ("20240501123", "[phone]"),
])
def test_dates_in_what_people_typed_are_no_phone_numbers(said, shown):
    """A quote keeps the dates respondents typed; a phone number beside one is still hidden."""
    assert redact_personal_data(said) == shown


def test_avatar_initials_are_escaped():
    assert initials("busy city professional") == "BC"
    assert initials("") == "?"
    assert ">AL</text>" in avatar_svg("Ann Lee", "id")
    assert "<script" not in avatar_svg("<script>alert(1)</script> x", "id")
    assert avatar_svg("Ann Lee", "a") == avatar_svg("Ann Lee", "a")


def test_wording_takes_out_the_html_tools_leave_in_headers_and_keeps_plain_symbols():
    from persona_lib.text import wording

    assert wording('<span style="display:none">14bis17_1-</span>Mitarbeitende (inkl.&nbsp;'
                   'Leitung)') == "Mitarbeitende (inkl. Leitung)"
    assert wording("What do you use?&nbsp;<b>Select all</b>") == "What do you use? Select all"
    assert wording('Cloud storage (</span>i.e., <span style="color:red">OneDrive</span>)') == \
        "Cloud storage (i.e., OneDrive)"  # styling inside a line leaves no space
    assert wording("First line<br>second line</p><p>third") == "First line second line third"
    assert wording("Price < 10 & more") == "Price < 10 & more"
    assert wording("•\tBu yemeği tavsiye eder miydiniz?") == "Bu yemeği tavsiye eder miydiniz?"
    assert wording("o\tWhich size?") == "Which size?"
    assert wording("-5 or less?") == "-5 or less?"
    assert wording('<span style="display:none">divers_1-Teilnehmende</span>') == \
        "divers_1-Teilnehmende"


def test_a_forms_field_name_is_read_as_words_and_a_sentence_keeps_its_underscores():
    from persona_lib.text import spoken

    assert spoken("If__other__what_is_your_biggest_problem_?") == \
        "If other what is your biggest problem?"
    assert spoken("Do_you_have_any_health_problem") == "Do you have any health problem"
    assert spoken("What is your user_id on the forum?") == "What is your user_id on the forum?"
    assert spoken("Q1_1") == "Q1_1"


@pytest.mark.parametrize(("share", "shown"), [
    (0.0, "0%"), (7 / 1330, "1%"), (6 / 1330, "<1%"), (0.4, "40%"), (0.996, ">99%"), (1.0, "100%"),
])
def test_a_few_people_of_many_are_never_shown_as_none(share, shown):
    assert percent(share) == shown


@pytest.mark.parametrize(("header", "read"), [
    ("**Geschlecht:**", "Geschlecht:"),  # KoboToolbox labels in Markdown (holdout 1)
    ("##### 14-17 Jahre", "14-17 Jahre"),
    ("Rate __this__ now", "Rate this now"),
    ("# of employees", "# of employees"),  # a number sign, not a heading
    ("If__other__what_is_your_biggest_problem_?", "If__other__what_is_your_biggest_problem_?"),
    ("C# or C++?", "C# or C++?"),
    ("2 ** 3", "2 ** 3"),
])
def test_wording_takes_out_a_forms_markdown_and_keeps_symbols(header, read):
    from persona_lib.text import wording

    assert wording(header) == read
