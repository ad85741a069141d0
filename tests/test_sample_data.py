"""The committed Brewbox sample is reproducible, well-formed and carries its planted types."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

SAMPLE_DIR = Path(__file__).resolve().parents[1] / "sample_data"
SCRIPT = SAMPLE_DIR / "make_sample.py"
SURVEY = SAMPLE_DIR / "brewbox_survey.csv"
PLANTED = SAMPLE_DIR / "brewbox_planted_types.csv"


def _load_generator():
    spec = importlib.util.spec_from_file_location("make_sample", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


gen = _load_generator()


@pytest.fixture(scope="module")
def survey() -> pd.DataFrame:
    return pd.read_csv(SURVEY, dtype=str, keep_default_na=False, encoding="utf-8")


@pytest.fixture(scope="module")
def planted() -> pd.DataFrame:
    return pd.read_csv(PLANTED, dtype=str, keep_default_na=False)


def test_generator_reproduces_committed_files_byte_for_byte(tmp_path):
    subprocess.run([sys.executable, str(SCRIPT), "--out-dir", str(tmp_path)], check=True,
                   capture_output=True)
    for committed in (SURVEY, PLANTED):
        assert (tmp_path / committed.name).read_bytes() == committed.read_bytes(), committed.name


def test_survey_has_google_forms_shape(survey):
    assert len(survey) >= 1500
    assert survey.columns[0] == "Timestamp"
    questions = [c for c in survey.columns if c not in ("Timestamp", "Respondent ID")]
    assert len(questions) >= 18
    assert survey["Respondent ID"].is_unique
    pd.to_datetime(survey["Timestamp"], format="%Y/%m/%d %H:%M:%S")
    assert "planted_type" not in {c.lower().replace(" ", "_") for c in survey.columns}


def test_survey_file_is_small():
    assert SURVEY.stat().st_size < 1_500_000


def test_planted_types_match_respondents(survey, planted):
    assert list(planted.columns) == ["respondent_id", "planted_type"]
    assert planted["respondent_id"].tolist() == survey["Respondent ID"].tolist()
    shares = planted["planted_type"].value_counts(normalize=True)
    assert set(shares.index) == set(gen.TYPES)
    assert (shares >= 0.10).all(), shares


def test_no_answer_option_contains_a_comma():
    single = [opts for opts, _ in (*gen.PROFILE.values(), *gen.LOYALTY.values())]
    multi = [opts for opts, _, _ in gen.MULTI.values()]
    for option in [o for opts in (*single, *multi, gen.LIKERT) for o in opts]:
        assert "," not in option, option


@pytest.mark.parametrize("question", list(gen.MULTI))
def test_multi_select_cells_split_into_known_options(survey, question):
    options = set(gen.MULTI[question][0])
    picked = [p for cell in survey[question] if cell for p in cell.split(", ")]
    assert picked
    assert all("," not in p and p in options for p in picked)
