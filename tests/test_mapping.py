"""The user's corrections: kind, role, label, level order, merged answers, excluded rows, JSON."""

import json

import pytest

from persona_lib import Kind, Role, load_survey
from persona_lib.mapping import (
    ColumnOverride, Exclusions, MappingError, SurveyMapping, mapping_from_json,
)
from persona_lib.models import Condition

COUNTRY = "Where are you based?"
APPS = "Which apps do you use?"
CONTENT = ("Response ID,Date submitted,Last page,Start language," + f"{COUNTRY},{APPS},Plan,Comment\n" + "".join(
    f"{i},{'' if i % 7 == 0 else '2024-03-05 10:00:00'},3,en,"
    f"{['USA', 'United States', 'us', 'Canada', 'Mexico'][i % 5]},"
    f"\"{['Instagram;TikTok', 'Insta', 'TikTok', 'Facebook;Insta'][i % 4]}\","
    f"{['Gold', 'Bronze', 'Silver'][i % 3]},comment number {i} is here\n"
    for i in range(1, 31))).encode()


def survey(mapping: SurveyMapping | None = None):
    return load_survey(CONTENT, "lime.csv", mapping=mapping)


def test_detected_columns_before_any_mapping():
    s = survey()
    assert s.tool == "LimeSurvey"
    assert s.column(COUNTRY).kind == Kind.single_choice
    assert s.column(APPS).kind == Kind.multi_choice
    assert s.column("Plan").kind == Kind.single_choice
    assert s.detected == s.columns


def test_merging_answers_that_mean_the_same():
    mapping = SurveyMapping().with_override(
        COUNTRY, merge={"USA": "United States", "us": "United States"})
    s = survey(mapping)
    assert s.column(COUNTRY).levels[0] == "United States"
    assert s.data[COUNTRY].value_counts()["United States"] == 18
    assert set(s.column(COUNTRY).levels) == {"United States", "Canada", "Mexico"}
    assert s.detected[4].levels != s.column(COUNTRY).levels  # detected keeps the export's view


def test_merging_multi_select_options_counts_a_respondent_once():
    s = survey(SurveyMapping().with_override(APPS, merge={"Insta": "Instagram"}))
    assert s.column(APPS).levels.count("Instagram") == 1
    assert "Insta" not in s.options[APPS].columns
    assert s.options[APPS]["Instagram"].sum() == 8 + 7 + 7  # rows 1, 2 and 4 of every 4


def test_changing_kind_role_label_and_level_order():
    mapping = (SurveyMapping()
               .with_override("Plan", kind=Kind.ordinal, levels=["Bronze", "Silver", "Gold"],
                              role=Role.demographic, label="Plan tier")
               .with_override("Comment", kind=Kind.single_choice))
    s = survey(mapping)
    plan = s.column("Plan")
    assert (plan.kind, plan.levels, plan.role, plan.label) == (
        Kind.ordinal, ["Bronze", "Silver", "Gold"], Role.demographic, "Plan tier")
    assert s.data["Plan"].cat.ordered
    assert s.column("Comment").kind == Kind.single_choice
    assert len(s.column("Comment").levels) == 30


def test_a_text_column_can_be_made_a_multi_select():
    content = b"Tools\n" + b"".join(f"Hammer / Saw / Drill {i % 3}\n".encode() for i in range(12))
    mapping = SurveyMapping().with_override("Tools", kind=Kind.multi_choice)
    s = load_survey(content, "t.csv", mapping=mapping)
    assert s.column("Tools").kind == Kind.multi_choice
    assert s.options["Tools"].shape == (12, len(s.column("Tools").levels))


def test_excluding_incomplete_responses_and_by_answer():
    rules = Exclusions(incomplete=True,
                       answers=[Condition(question="Plan", answers=["Gold"])])
    s = survey(SurveyMapping(exclude=rules))
    assert s.excluded == {"incomplete": 4, "answer": 10}
    assert s.rows_in_file == 30
    kept = [i - 1 for i in range(1, 31) if i % 7 and i % 3]  # rows keep their place in the file
    assert list(s.data.index) == kept
    assert all(list(table.index) == kept for table in s.options.values())


def test_excluding_everyone_is_ignored_with_a_warning():
    rules = Exclusions(answers=[Condition(question="Plan", answers=["Gold", "Silver", "Bronze"])])
    s = survey(SurveyMapping(exclude=rules))
    assert s.n == 30
    assert any("leave out every respondent" in w for w in s.warnings)


def test_emptied_override_is_dropped():
    mapping = SurveyMapping().with_override("Plan", label="Tier").with_override("Plan", label=None)
    assert mapping.columns == {}


def test_mapping_round_trips_through_json():
    mapping = SurveyMapping(fingerprint="abc").with_override(
        COUNTRY, merge={"us": "United States"}, role=Role.demographic)
    assert mapping_from_json(mapping.to_json(), "abc") == mapping


@pytest.mark.parametrize(("text", "fragment"), [
    ("not json", "not a JSON file"),
    ('{"columns": {"Plan": {"kind": "banana"}}}', "columns.Plan.kind"),
    ('{"schema_version": 9}', "schema_version"),
    ("[" * 5000 + "]" * 5000, "not a column mapping"),
    (json.dumps({"fingerprint": "other"}), "different survey"),
    (" " * 3_000_000, "at most"),
])
def test_bad_mapping_files_get_one_clear_error(text, fragment):
    with pytest.raises(MappingError, match=fragment):
        mapping_from_json(text, "abc")


def test_override_defaults_are_empty():
    assert ColumnOverride().is_empty


def test_leaving_an_answer_shown_with_its_email_hidden_is_no_merge():
    from persona_lib.mapping import SurveyMapping, apply_answer_edits
    from persona_lib.models import Column, Kind

    typed = "I wish it wasn't anonymous jo@example.com"
    col = Column(name="q", label="q", kind=Kind.single_choice,
                 levels=["Yes", "No", "I wish it wasn't anonymous [email]"])
    rows = [("Yes", "Yes", 1), ("No", "No", 2), (typed, "I wish it wasn't anonymous [email]", 3)]
    assert apply_answer_edits(SurveyMapping(), col, rows).override("q").merge == {}


def test_an_answer_off_the_scale_left_alone_changes_nothing():
    """The Data page's answers table lists every answer as exported, including ones typed
    beside a scale and left off it: showing the table must not save a new order."""
    from persona_lib.mapping import SurveyMapping, apply_answer_edits
    from persona_lib.models import Column, Kind

    col = Column(name="q", label="q", kind=Kind.ordinal, levels=["0-3 years", "4-7 years"])
    rows = [("0-3 years", "0-3 years", 1), ("4-7 years", "4-7 years", 2),
            ("Software Developer", "Software Developer", None)]
    assert apply_answer_edits(SurveyMapping(), col, rows).override("q").is_empty
    rows[2] = ("Software Developer", "4-7 years", None)  # merged into a level: kept
    assert apply_answer_edits(SurveyMapping(), col, rows).override("q").merge == {
        "Software Developer": "4-7 years"}
