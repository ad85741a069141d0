"""Killing the app in the middle of saving never corrupts what is saved: a real process saves
personas and column settings as fast as it can and is killed with SIGKILL at random moments;
after each kill the store opens, passes SQLite's integrity check, and holds every save the
writer had seen committed."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from persona_lib.mapping import SurveyMapping
from persona_lib.store import MappingStore, PersonaStore

ROOT = Path(__file__).resolve().parents[1]
FINGERPRINT = "ab" * 32

WRITER = """
import sys
from pathlib import Path
from persona_lib.mapping import SurveyMapping
from persona_lib.models import Persona
from persona_lib.store import MappingStore, PersonaStore

url, folder = sys.argv[1], Path(sys.argv[2])
store, mappings = PersonaStore(url), MappingStore(folder)
project = store.default_project()
saved = {s.persona.id: s for s in store.personas(project.id)}
persona = next(iter(saved.values())).persona if saved else Persona(name="Kill test")
version = saved[persona.id].version if saved else None
while True:
    step = (version or 0) + 1
    # a big narrative makes each save span many pages, so a kill lands mid-write
    persona = persona.model_copy(update={"narrative": f"v{step} " + "x" * 4_000})
    version = store.save(project.id, persona, version)
    mappings.put(SurveyMapping(fingerprint=sys.argv[3], weight=f"w{step}"))
    print(version, flush=True)
"""


def _kill_after(lines: int, url: str, folder: Path) -> int:
    """Start the writer, kill it once it has reported `lines` commits; the last one it
    reported (every reported save had returned from its commit)."""
    proc = subprocess.Popen([sys.executable, "-c", WRITER, url, str(folder), FINGERPRINT],
                            cwd=ROOT, stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    seen = 0
    try:
        for _ in range(lines):
            line = proc.stdout.readline()
            assert line, f"the writer stopped: exit {proc.poll()}"
            seen = int(line)
        time.sleep(random.random() / 50)  # land anywhere inside the next save
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
    return seen


def test_a_killed_save_never_corrupts_the_store(tmp_path):
    random.seed(9)
    db = tmp_path / "personas.db"
    url = f"sqlite:///{db}"
    for _ in range(12):
        committed = _kill_after(random.randint(1, 40), url, tmp_path)
        with sqlite3.connect(db) as check:
            assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        store = PersonaStore(url)
        [saved] = [p for pr in store.projects() for p in store.personas(pr.id)]
        assert saved.version >= committed  # a save reported done is never lost
        assert saved.persona.narrative.startswith(f"v{saved.version} ")  # row and data agree
        assert {v for v, _, _ in store.history(saved.persona.id)} >= {saved.version}
        mapping = MappingStore(tmp_path).get(FINGERPRINT)
        assert isinstance(mapping, SurveyMapping) and mapping.weight  # old or new, never torn
        store.engine.dispose()
