"""Shared fixtures: the bundled sample survey, loaded once through the public loader."""

from pathlib import Path

import pandas as pd
import pytest

from persona_lib import Survey, load_survey

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data" / "brewbox_survey.csv"
PLANTED = ROOT / "sample_data" / "brewbox_planted_types.csv"


@pytest.fixture(scope="session")
def sample() -> Survey:
    return load_survey(SAMPLE)


@pytest.fixture(scope="session")
def planted() -> pd.Series:
    return pd.read_csv(PLANTED)["planted_type"]
