"""Shared fixtures: the bundled sample survey, loaded once through the public loader.

Saved work (column mappings, personas) goes to a fresh folder for each test session, never to
the developer's own data folder: set here, before any app or server starts.
"""

import os
import tempfile
from pathlib import Path

import pandas as pd
import pytest

from persona_lib import Survey, load_survey

os.environ["PERSONA_DATA_DIR"] = tempfile.mkdtemp(prefix="persona-tests-")

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data" / "brewbox_survey.csv"
PLANTED = ROOT / "sample_data" / "brewbox_planted_types.csv"


@pytest.fixture(scope="session")
def sample() -> Survey:
    return load_survey(SAMPLE)


@pytest.fixture(scope="session")
def planted() -> pd.Series:
    return pd.read_csv(PLANTED)["planted_type"]


@pytest.fixture(scope="session")
def raw() -> pd.DataFrame:
    """The sample as pandas reads it, for expected values that don't come from the library."""
    return pd.read_csv(SAMPLE, dtype=str, keep_default_na=False, na_values=[""])


@pytest.fixture(autouse=True)
def fresh_persona_store(tmp_path, monkeypatch):
    """Every test starts with an empty persona database of its own."""
    import streamlit as st

    monkeypatch.setenv("PERSONA_DB_URL", f"sqlite:///{tmp_path / 'personas.db'}")
    st.cache_resource.clear()
