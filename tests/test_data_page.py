"""The Data page's column mapping panel through AppTest: corrections change what every page
shows, are saved per survey and applied again to a fresh export of the same survey.

Cell edits are seeded the way Streamlit documents for AppTest (the editor's edit state in
session state, then a run); expected values come from persona_lib or pandas, not the app.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from persona_lib import load_survey
from persona_lib.mapping import Exclusions, SurveyMapping
from persona_lib.store import MappingStore
from tests.test_app import (
    AGE, LOCATION, assert_ran, charted_questions, go, metric, start, unescape, upload,
)

FIXTURES = Path(__file__).parent / "fixtures" / "exports"
QUALTRICS = (FIXTURES / "qualtrics.csv").read_bytes()


def editor(at: AppTest, prefix: str):
    found = [d for d in at.data_editor if d.key and d.key.startswith(prefix)]
    assert len(found) == 1, [d.key for d in at.data_editor]
    return found[0]


def edit(at: AppTest, prefix: str, rows: dict[str, dict[str, object]], by: str) -> AppTest:
    """Edit cells of the editor whose key starts with prefix; rows are found by column `by`."""
    table = editor(at, prefix)
    positions = list(table.value[by])
    at.session_state[table.key] = {
        "edited_rows": {positions.index(name): cells for name, cells in rows.items()},
        "added_rows": [], "deleted_rows": [],
    }
    at.run()
    assert_ran(at)
    return at


def test_renaming_a_column_changes_its_charts_and_is_saved_for_the_survey(sample):
    at = edit(start(), "columns_editor::", {AGE: {"Label": "Age group"}}, by="Column")
    assert at.session_state["mapping"].override(AGE).label == "Age group"
    saved = MappingStore().get(sample.fingerprint)
    assert saved is not None and saved.override(AGE).label == "Age group"
    go(at, "Who they are")
    titles = [json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart")]
    assert "Age group" in titles and "How old are you" not in titles
    MappingStore().delete(sample.fingerprint)


def test_changing_a_role_moves_the_question_to_the_other_page(sample):
    found_us = "How did you first hear about Brewbox?"
    at = edit(start(), "columns_editor::", {found_us: {"Role": "demographic"}}, by="Column")
    go(at, "Who they are")
    assert (found_us,) in charted_questions(at)
    go(at, "What they do")
    assert (found_us,) not in charted_questions(at)
    MappingStore().delete(sample.fingerprint)


def test_a_kind_set_back_to_the_detected_one_leaves_no_override(sample):
    at = edit(start(), "columns_editor::", {LOCATION: {"Kind": "text"}}, by="Column")
    assert at.session_state["mapping"].override(LOCATION).kind.value == "text"
    go(at, "Who they are")
    assert (LOCATION,) not in charted_questions(at)
    go(at, "Data")
    edit(at, "columns_editor::", {LOCATION: {"Kind": "single choice"}}, by="Column")
    assert at.session_state["mapping"].columns == {}
    MappingStore().delete(sample.fingerprint)


def test_merging_answers_updates_counts_everywhere(sample, raw):
    at = start()
    at.selectbox(key=f"answers_question::{sample.fingerprint}").set_value(LOCATION).run()
    edit(at, "answers_editor::", {"Big city": {"Show as": "Town or city"},
                                  "Small town": {"Show as": "Town or city"}},
         by="Answer as exported")
    survey_now = at.session_state["mapping"]
    assert survey_now.override(LOCATION).merge == {"Big city": "Town or city",
                                                   "Small town": "Town or city"}
    answers = editor(at, "answers_editor::").value
    expected = int(raw[LOCATION].isin(["Big city", "Small town"]).sum())
    merged = load_survey(Path("sample_data/brewbox_survey.csv"), mapping=survey_now)
    assert int((merged.data[LOCATION] == "Town or city").sum()) == expected
    assert set(answers["Show as"]) == {"Town or city", "Suburb", "Rural area"}
    MappingStore().delete(sample.fingerprint)


def test_excluding_previews_and_incomplete_responses_of_a_qualtrics_export():
    at = upload(start(), "qualtrics.csv", QUALTRICS)
    assert metric(at, "Respondents") == "36"
    checkbox = next(c for c in at.checkbox if c.key.startswith("exclude_tests::"))
    assert "(3 in this file)" in checkbox.label
    checkbox.check().run()
    assert_ran(at)
    next(c for c in at.checkbox if c.key.startswith("exclude_incomplete::")).check().run()
    assert_ran(at)
    assert metric(at, "Respondents") == "29"
    assert metric(at, "Respondents left out") == "7"
    assert metric(at, "Respondents in segment") == "29"
    rules = at.session_state["mapping"].exclude
    assert (rules.tests, rules.incomplete) == (True, True)
    MappingStore().delete(rules and at.session_state["mapping"].fingerprint)


def test_settings_are_applied_again_to_a_fresh_export_of_the_same_survey():
    fingerprint = load_survey(QUALTRICS, "q.csv").fingerprint
    MappingStore().put(SurveyMapping(fingerprint=fingerprint, exclude=Exclusions(tests=True)))
    at = upload(start(), "qualtrics-wave-2.csv", QUALTRICS)
    assert metric(at, "Respondents") == "33"
    assert any("column settings you saved" in t.value for t in at.toast)
    MappingStore().delete(fingerprint)


def test_settings_download_and_upload_and_a_bad_settings_file(sample):
    at = edit(start(), "columns_editor::", {AGE: {"Label": "Age group"}}, by="Column")
    download = next(b for b in at.get("download_button") if "settings" in b.proto.label)
    assert download.proto.label == "Download settings (JSON)"
    MappingStore().delete(sample.fingerprint)
    other = SurveyMapping(fingerprint=sample.fingerprint).with_override(LOCATION, label="Where")
    at.file_uploader(key="mapping_upload").set_value(
        ("cols.json", other.to_json().encode(), "application/json")).run()
    assert_ran(at)
    assert at.session_state["mapping"] == other
    at.file_uploader(key="mapping_upload").set_value(
        ("bad.json", b'{"columns": 3}', "application/json")).run()
    assert_ran(at)
    assert any("bad.json" in unescape(e.value) and "kept" in e.value for e in at.error)
    assert at.session_state["mapping"] == other
    MappingStore().delete(sample.fingerprint)


def test_a_workbook_with_two_sheets_can_switch_sheet():
    content = (FIXTURES / "workbook_two_sheets.xlsx").read_bytes()
    at = upload(start(), "book.xlsx", content)
    sheet = next(s for s in at.selectbox if s.label == "Sheet")
    assert sheet.value == "Responses"
    assert metric(at, "Respondents") == "25"
    other = next(name for name in sheet.options if name != "Responses")
    sheet.set_value(other).run()
    assert_ran(at)
    assert metric(at, "Respondents") != "25"
    assert not at.error
    assert pd.notna(at.session_state["file_sheet"])


def test_a_ragged_file_loads_and_the_page_names_the_bad_lines():
    content = b"Age,Plan\n" + b"".join(b"25-34,Gold\n" for _ in range(10)) + b"18-24,Gold,extra\n"
    at = upload(start(), "ragged.csv", content)
    assert metric(at, "Respondents") == "10"
    notes = [unescape(w.value) for w in at.warning]
    assert any("Line 12 of ragged.csv has more fields than the header" in n for n in notes), notes
    assert not at.error


def test_an_xlsx_bomb_is_refused_and_the_sample_stays(tmp_path, monkeypatch):
    import zipfile

    from persona_lib import load as load_module

    monkeypatch.setattr(load_module, "MAX_XLSX_EXPANDED_BYTES", 10 * 2**20)
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * 20_000_000)
    at = upload(start(), "bomb.xlsx", path.read_bytes())
    errors = [unescape(e.value) for e in at.error]
    assert len(errors) == 1
    assert "would expand to 19 MB" in errors[0] and "more than the 10 MB" in errors[0]
    assert "Still using **brewbox_survey.csv**" in errors[0]
    assert metric(at, "Respondents") == "1,800"


def test_a_column_kept_as_plain_text_is_counted_and_corrected_like_any_other(monkeypatch, raw):
    """A long column whose answers mostly differ is kept as plain text (issue 20); here every
    such column of the sample is. Set to single choice, its answers are listed with how many
    gave each, as pandas counts them in the file."""
    import persona_lib.cells as cells
    from persona_lib.load import load_table

    monkeypatch.setattr(cells, "PLAIN_ROWS", 1)
    question = "Why do you buy the coffee you buy?"
    content = Path("sample_data/brewbox_survey.csv").read_bytes() + b"\n"  # not the sample's cache
    assert load_table(content, "again.csv").cells[question].plain
    at = upload(start(), "again.csv", content)
    edit(at, "columns_editor::", {question: {"Kind": "single choice"}}, by="Column")
    mapping = at.session_state["mapping"]
    assert mapping.override(question).kind.value == "single_choice"
    at.selectbox(key=f"answers_question::{mapping.fingerprint}").set_value(question).run()
    assert_ran(at)
    shown = editor(at, "answers_editor::").value
    counted = raw[question].str.strip().value_counts()
    assert dict(zip(shown["Answer as exported"], shown["In the file"])) == counted.to_dict()
    MappingStore().delete(mapping.fingerprint)


def test_an_email_typed_into_a_choice_is_not_shown_on_the_data_page_nor_merged_away():
    """OWASP's form (holdout 18): an address in an 'Other' answer is hidden in the answers
    table too, and leaving it as shown adds no merge to the saved settings."""
    rows = [f"2017-0{1 + i % 9}-01 10:00:00,{['Yes', 'No'][i % 2]}" for i in range(40)]
    rows.append("2017-05-01 10:00:00,I wish it wasn't anonymous jo.doe@example.com")
    content = "\n".join(["Timestamp,Do you feel this survey was valuable?"] + rows).encode()
    at = upload(start(), "owasp.csv", content)
    mapping = at.session_state["mapping"]
    question = "Do you feel this survey was valuable?"
    at.selectbox(key=f"answers_question::{mapping.fingerprint}").set_value(question).run()
    assert_ran(at)
    shown = editor(at, "answers_editor::").value
    assert "I wish it wasn't anonymous [email]" in set(shown["Answer as exported"])
    assert not shown.astype(str).apply(lambda c: c.str.contains("jo.doe")).any().any()
    edit(at, "answers_editor::", {"Yes": {"Show as": "Valuable"}}, by="Answer as exported")
    assert at.session_state["mapping"].override(question).merge == {"Yes": "Valuable"}
    MappingStore().delete(mapping.fingerprint)


def test_opening_a_file_with_answers_off_a_scale_saves_no_settings():
    """OWASP's form (holdout 18): its first scale has typed answers left off it. Showing the
    Data page saved a new order for them, so the next load said 'Applied the column settings
    you saved' though the user had changed nothing."""
    path = Path(__file__).parent / "fixtures" / "real_holdout18" / "files" / \
        "gforms_owasp_top10_2017.csv"
    fingerprint = load_survey(path).fingerprint
    MappingStore().delete(fingerprint)
    at = upload(start(), "owasp.csv", path.read_bytes())
    assert at.session_state["mapping"] == SurveyMapping(fingerprint=fingerprint)
    assert MappingStore().get(fingerprint) is None
