"""The app's first page does not wait for libraries only other pages need (issue 20).

The first run of app.py (the Data page on the sample) happens in a fresh Python process, as
on a cold `streamlit run`, and that process's `sys.modules` is checked afterwards. A
top-level import of any of these anywhere on the first page's path (ui/, persona_lib/, the
page) brings it back and fails here. PIL and plotly are not checked: Streamlit itself
imports them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

HEAVY = ["sklearn", "scipy", "statsmodels", "reportlab", "pptx", "openpyxl", "matplotlib"]

FIRST_RUN = """
import json, sys
from streamlit.testing.v1 import AppTest
at = AppTest.from_file(sys.argv[1], default_timeout=120)
at.run()
print(json.dumps({
    "exceptions": [e.value for e in at.exception],
    "titles": [t.value for t in at.title],
    "metrics": [m.label for m in at.metric],
    "modules": sorted({name.split(".")[0] for name in sys.modules}),
}))
"""


def first_run(tmp_path: Path) -> dict:
    env = {"PERSONA_DATA_DIR": str(tmp_path), "PERSONA_DB_URL": f"sqlite:///{tmp_path}/p.db",
           "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", FIRST_RUN, str(ROOT / "app.py")], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=300, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_first_page_imports_no_heavy_library(tmp_path: Path) -> None:
    run = first_run(tmp_path)
    assert run["exceptions"] == []
    assert run["titles"] == ["Data"]  # the page really ran, on the sample
    assert "Respondents" in run["metrics"]
    assert "pandas" in run["modules"] and "streamlit" in run["modules"]  # the check sees imports
    assert [name for name in HEAVY if name in run["modules"]] == []


def test_the_sample_is_read_once_and_kept_for_the_next_start(tmp_path: Path, monkeypatch) -> None:
    """A fresh server's first page reads the bundled sample's survey back from disk instead
    of inferring it again; a change to the library's code, or any other file, builds anew."""
    from persona_lib.infer import build_survey
    from persona_lib.load import load_table
    from persona_lib.mapping import SurveyMapping
    from ui import state

    monkeypatch.setattr(state, "SAMPLE_KEPT", tmp_path / "kept")
    content = state.SAMPLE_PATH.read_bytes()
    digest = state._sample_digest()
    built: list[str] = []

    def survey():
        built.append("survey")
        table = load_table(content, state.SAMPLE_PATH.name, None, digest=digest)
        return build_survey(table, source=state.SAMPLE_PATH.name,
                            mapping=SurveyMapping(fingerprint=table.fingerprint))

    first = state._sample_kept(digest, ("survey",), survey)
    again = state._sample_kept(digest, ("survey",), survey)
    assert built == ["survey"]
    assert again is not first and again.data.equals(first.data)
    assert [c.model_dump() for c in again.columns] == [c.model_dump() for c in first.columns]
    assert again.fingerprint == first.fingerprint and again.warnings == first.warnings

    assert state._sample_kept("another file", ("survey",), lambda: "built") == "built"
    assert len(list((tmp_path / "kept").glob("*.pickle"))) == 1  # uploads never written

    monkeypatch.setattr(state, "_code_version", lambda: "f" * 64)  # the library changed
    state._sample_kept(digest, ("survey",), survey)
    assert built == ["survey", "survey"]
    assert [p.name[:16] for p in (tmp_path / "kept").glob("*.pickle")] == ["f" * 16]
