"""`python -m persona_lib inspect`: the exact JSON shape, and one error line for a bad file."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
KINDS = {"single_choice", "multi_choice", "ordinal", "numeric", "text", "id", "timestamp", "pii",
         "metadata"}


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "persona_lib", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_inspect_json_has_exactly_the_documented_shape():
    result = run("inspect", str(FIXTURES / "exports" / "qualtrics.csv"), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert set(report) == {"rows", "columns", "warnings"}
    assert report["rows"] == 36
    assert all(set(c) - {"part_of"} == {"name", "label", "kind", "role"}
               for c in report["columns"])
    assert {c["kind"] for c in report["columns"]} <= KINDS
    names = [c["name"] for c in report["columns"]]
    assert "How often do you visit Chapter & Verse?" in names  # question text, not the code
    assert not any(n.startswith(("Q1", "QID")) for n in names)


def test_inspect_lists_each_option_column_of_a_multi_select_as_a_part_of_it(tmp_path):
    path = tmp_path / "limesurvey.csv"
    path.write_text("id,q1[SQ001],q1[SQ002],q1[SQ003],q2\n" + "".join(
        f"{i},{'Y' if i % 2 else ''},{'Y' if i % 3 else ''},{'' if i % 4 else 'Y'},ok\n"
        for i in range(1, 40)))
    columns = json.loads(run("inspect", str(path), "--json").stdout)["columns"]
    merged = next(c for c in columns if c["name"] == "q1")
    parts = [c for c in columns if c.get("part_of") == "q1"]
    assert merged["kind"] == "multi_choice"
    assert [p["name"] for p in parts] == ["q1[SQ001]", "q1[SQ002]", "q1[SQ003]"]
    assert {p["kind"] for p in parts} == {"single_choice"}


def test_inspect_reads_xlsx_and_picks_a_sheet():
    result = run("inspect", str(FIXTURES / "exports" / "workbook_two_sheets.xlsx"), "--json",
                 "--sheet", "Responses")
    assert json.loads(result.stdout)["rows"] == 25


@pytest.mark.parametrize(("content", "name"), [
    (b"", "empty.csv"), (b"\x00\x01\x02\x03" * 100, "binary.csv"), (b"PK\x03\x04junk", "bad.xlsx"),
])
def test_unreadable_files_exit_2_with_one_error_line(tmp_path, content, name):
    path = tmp_path / name
    path.write_bytes(content)
    result = run("inspect", str(path), "--json")
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in result.stderr


def test_missing_file_exits_2():
    result = run("inspect", "no/such/file.csv")
    assert result.returncode == 2
    assert result.stderr.startswith("error: Cannot read")


def test_segments_json_has_exactly_the_documented_shape(planted):
    from sklearn.metrics import adjusted_rand_score

    result = run("segments", "sample_data/brewbox_survey.csv", "--seed", "0", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert set(report) == {"structure", "method", "k", "verdict", "segments", "assignments"}
    assert (report["structure"], report["method"]) == ("clear", "latent class analysis")
    assert report["k"] == len(report["segments"]) == 4
    ids = [s["id"] for s in report["segments"]]
    assert len(report["assignments"]) == 1800 and set(report["assignments"]) <= {*ids, None}
    assigned = [a if a is not None else "between" for a in report["assignments"]]
    assert adjusted_rand_score(planted, assigned) >= 0.9
    for segment in report["segments"]:
        assert set(segment) == {"id", "size", "traits"}
        assert segment["size"] == report["assignments"].count(segment["id"])
        assert segment["traits"]
        for trait in segment["traits"]:
            assert set(trait) == {"question", "answer", "share_in", "share_out", "lift",
                                  "strength"}
            assert trait["strength"] in {"strong", "moderate", "weak", "too few"}
            assert 0 <= trait["share_out"] < trait["share_in"] <= 1
            assert trait["lift"] == pytest.approx(trait["share_in"] / trait["share_out"])


def test_segments_on_random_answers_says_none_with_one_segment(tmp_path):
    import numpy as np

    rng = np.random.default_rng(3)
    rows = ["Colour,Size,Speed,Taste"] + [",".join(rng.choice(["a", "b", "c", "d"], 4))
                                          for _ in range(600)]
    path = tmp_path / "noise.csv"
    path.write_text("\n".join(rows) + "\n")
    report = json.loads(run("segments", str(path), "--json").stdout)
    assert (report["structure"], report["k"]) == ("none", 1)
    assert report["assignments"] == ["S1"] * 600
    forced = json.loads(run("segments", str(path), "--json", "--k", "3").stdout)
    assert (forced["structure"], forced["k"]) == ("none", 3)
    assert not any(t["strength"] == "strong" for s in forced["segments"] for t in s["traits"])


def test_segments_reads_other_formats_and_takes_k():
    result = run("segments", str(FIXTURES / "exports" / "microsoft_forms.xlsx"), "--k", "3",
                 "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["k"] == 3 and len(report["assignments"]) == 30


def test_segments_on_a_bad_file_exits_2(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(b"")
    result = run("segments", str(path), "--json")
    assert result.returncode == 2 and result.stderr.startswith("error: ")


def test_themes_json_shape_and_one_assignment_per_data_row():
    from persona_lib.load import load_survey
    from persona_lib.themes import question_themes

    sample = ROOT / "sample_data" / "brewbox_survey.csv"
    question = "Why do you buy the coffee you buy?"
    result = run("themes", str(sample), "--question", question, "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert set(report) == {"questions"}
    [found] = report["questions"]
    assert found["question"] == question
    assert {"question", "themes", "assignments"} <= set(found)
    rows = sum(1 for _ in open(sample, encoding="utf-8")) - 1
    assert len(found["assignments"]) == rows
    for i, theme in enumerate(found["themes"]):
        assert {"label", "keywords", "n", "share"} <= set(theme)
        assert theme["n"] == found["assignments"].count(i)
    expected = question_themes(load_survey(sample), question)
    assert found["assignments"] == expected.assignments
    assert [t["label"] for t in found["themes"]] == [t.label for t in expected.themes]


def test_themes_of_an_unknown_question_is_one_error_line():
    result = run("themes", str(ROOT / "sample_data" / "brewbox_survey.csv"), "--question",
                 "Nope?", "--json")
    assert result.returncode == 2
    assert result.stderr.startswith("error: not a free-text question") and not result.stdout
