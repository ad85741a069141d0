"""The corpus in tests/fixtures/bad/: each malformed or hostile file gives the message
`expected.json` names, in the library and on the page, and nothing already loaded or saved is
lost. Hostile text shows as text on every page: no Markdown or HTML from an answer is rendered.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from persona_lib import SurveyLoadError, load_survey
from persona_lib.export import ExportError, personas_from_json
from persona_lib.store import PersonaStore
from tests.test_app import PAGES, assert_ran, go, metric, start, unescape, upload

BAD = Path(__file__).resolve().parent / "fixtures" / "bad"
EXPECTED: dict[str, dict] = json.loads((BAD / "expected.json").read_text())
SURVEYS = sorted(n for n in EXPECTED if not n.startswith("persona_"))
PERSONA_FILES = sorted(n for n in EXPECTED if n.startswith("persona_"))

# Markup that Streamlit would render if it reached st.markdown or a widget label unescaped.
RAW_MARKUP = re.compile(r"(?<!\\)(<[a-zA-Z/!]|!\[|\]\()")
# Tags from the hostile answers that must never reach a chart as HTML (Plotly renders some).
RAW_IN_CHARTS = ("<img", "<script", "<iframe", "<u>", "<b>bold", "<para")
MARKDOWN_KEYS = {"body", "label", "help"}


def test_the_corpus_is_what_its_script_makes_and_every_file_says_what_it_must_give():
    spec = importlib.util.spec_from_file_location("make_bad", BAD / "make_bad.py")
    make_bad = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_bad)
    made = make_bad.corpus()
    on_disk = {p.name for p in BAD.iterdir() if p.suffix != ".py" and p.name != "expected.json"}
    assert set(made) == on_disk == set(EXPECTED)
    for name, content in made.items():
        assert (BAD / name).read_bytes() == content, name


@pytest.mark.parametrize("name", SURVEYS)
def test_each_survey_file_loads_or_gives_its_one_clear_error(name):
    expected = EXPECTED[name]
    if "error" in expected:
        with pytest.raises(SurveyLoadError) as caught:
            load_survey(BAD / name)
        assert expected["error"] in str(caught.value)
        assert name in str(caught.value)  # says which file
        return
    survey = load_survey(BAD / name)
    assert survey.n == expected["rows"]
    if "warning" in expected:
        assert any(expected["warning"] in w for w in survey.warnings), survey.warnings
    assert all(len(w) < 600 for w in survey.warnings)  # a huge cell is never echoed whole


@pytest.mark.parametrize("name", PERSONA_FILES)
def test_each_persona_file_imports_or_gives_its_one_clear_error(name):
    expected = EXPECTED[name]
    content = (BAD / name).read_bytes()
    if "import_error" in expected:
        with pytest.raises(ExportError, match=re.escape(expected["import_error"])):
            personas_from_json(content)
    else:
        assert len(personas_from_json(content)) == expected["imports"]


def _error_text(at: AppTest) -> str:
    return "\n".join(unescape(e.value) for e in at.error)


@pytest.mark.parametrize("name", SURVEYS)
def test_each_survey_file_on_the_data_page_gives_its_message_and_keeps_the_work(name, sample):
    expected = EXPECTED[name]
    at = start()
    at.session_state["personas"][at.session_state["persona_id"]].name = "Kept"
    upload(at, name, (BAD / name).read_bytes())
    if "error" in expected:
        assert expected["error"] in _error_text(at)
        assert metric(at, "Respondents") == f"{sample.n:,}"  # the sample stays loaded
    else:
        assert not at.error, _error_text(at)
        assert metric(at, "Respondents") == f"{expected['rows']:,}"
        notes = "\n".join(unescape(w.value) for w in at.warning)
        assert expected.get("warning", "") in notes
    assert at.session_state["personas"][at.session_state["persona_id"]].name == "Kept"


def test_bad_persona_files_are_refused_on_the_page_and_nothing_saved_changes(tmp_path,
                                                                             monkeypatch):
    monkeypatch.setenv("PERSONA_DB_URL", f"sqlite:///{tmp_path / 'personas.db'}")
    at = go(start(), "All personas")
    store = PersonaStore()
    before = [(p.persona.id, p.version) for pr in store.projects()
              for p in store.personas(pr.id)]
    for name in (n for n in PERSONA_FILES if "import_error" in EXPECTED[n]):
        upload_box = next(u for u in at.file_uploader if "JSON" in u.label)
        upload_box.set_value((name, (BAD / name).read_bytes(), "application/json")).run()
        assert_ran(at)
        assert EXPECTED[name]["import_error"] in _error_text(at), name
        assert [(p.persona.id, p.version) for pr in store.projects()
                for p in store.personas(pr.id)] == before


# --- hostile text ----------------------------------------------------------------------------


def _nodes(node) -> Iterator:
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _nodes(child)


def _markdown_fields(value, key: str = "") -> Iterator[str]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _markdown_fields(v, k)
    elif isinstance(value, list) and key == "options":
        yield from (v for v in value if isinstance(v, str))
    elif isinstance(value, str) and key in MARKDOWN_KEYS:
        yield value


def rendered_markup(at: AppTest) -> list[str]:
    """Text that Streamlit renders as Markdown (bodies, labels, help, radio options) holding
    unescaped markup, and charts holding the hostile answers' tags as HTML."""
    found = []
    for node in _nodes(at._tree):
        proto = getattr(node, "proto", None)
        if proto is None or not hasattr(proto, "DESCRIPTOR"):
            continue
        kind = getattr(node, "type", "")
        if kind == "plotly_chart":
            found += [t for t in RAW_IN_CHARTS if t in proto.spec]
            continue
        fields = MessageToDict(proto, preserving_proto_field_name=True)
        if kind not in ("radio", "pills", "segmented_control"):
            fields.pop("options", None)
        found += [text for text in _markdown_fields(fields) if RAW_MARKUP.search(text)]
    return found


def _rows_of_answer(at: AppTest, answer: str) -> list[int]:
    table = next(d for d in at.dataframe if "Answer" in d.value.columns)
    return [i for i, a in enumerate(table.value["Answer"]) if answer in str(a)], table


def test_hostile_answers_and_questions_show_as_text_on_every_page(tmp_path, monkeypatch):
    monkeypatch.setenv("PERSONA_DB_URL", f"sqlite:///{tmp_path / 'personas.db'}")
    monkeypatch.setenv("PERSONA_DATA_DIR", str(tmp_path))
    at = upload(start(), "hostile_text.csv", (BAD / "hostile_text.csv").read_bytes())
    for page in PAGES:
        go(at, page)
        assert rendered_markup(at) == [], page

    go(at, "Segments")
    names = [c.name for c in load_survey(BAD / "hostile_text.csv").columns]
    for question in ("Which coffee do you buy?", "Anything else?"):
        box = next(s for s in at.selectbox if s.label == "Add a condition on")
        box.set_value(next(n for n in names if n.startswith(question))).run()
        assert_ran(at)
    coffee = next(m for m in at.multiselect if m.label.startswith("Which coffee"))
    coffee.set_value([o for o in coffee.options if "<script>" in o or "<img" in o]).run()
    assert_ran(at)
    assert rendered_markup(at) == []
    rows, table = _rows_of_answer(at, "<")
    assert rows, "the segment's distinctive answers include the hostile ones"
    at.session_state[table.key] = {"selection": {"rows": rows[:3], "columns": []}}
    at.run()
    next(b for b in at.button if b.key == "pin_selected").click().run()
    assert_ran(at)
    persona = at.session_state["personas"][at.session_state["persona_id"]]
    assert any("<" in p.trait.answer for p in persona.pinned)
    go(at, "Persona")
    assert rendered_markup(at) == []
    assert any("<img" in unescape(m.value) or "<script>" in unescape(m.value)
               for m in at.markdown), "the hostile answers are on the card, as text"

    go(at, "All personas")
    upload_box = next(u for u in at.file_uploader if "JSON" in u.label)
    upload_box.set_value(("persona_hostile.json", (BAD / "persona_hostile.json").read_bytes(),
                          "application/json")).run()
    assert_ran(at)
    assert rendered_markup(at) == []
    hostile = next(p for p in at.session_state["personas"].values() if "Hacker" in p.name)
    at.session_state["persona_id"] = hostile.id
    go(at, "Persona")
    assert rendered_markup(at) == []
    go(at, "All personas")
    assert rendered_markup(at) == []
