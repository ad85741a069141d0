"""The persona store on a real SQLite file and on a real PostgreSQL server the suite starts:
saves are versioned, nothing is overwritten silently, changes can be undone, imports are all or
nothing, and everything is still there after a restart."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator

import pytest

from persona_lib.models import Persona, Trait
from persona_lib.store import HISTORY_KEPT, PersonaStore, VersionConflict
from tests.postgres import running_postgres


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    server = running_postgres()
    try:
        url = next(server)
    except RuntimeError as exc:
        pytest.skip(f"PostgreSQL could not be started: {exc}")
    yield url
    next(server, None)


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'personas.db'}"
    base = request.getfixturevalue("postgres_url")
    from sqlalchemy import create_engine, text

    name = f"t{os.urandom(6).hex()}"
    with create_engine(base, isolation_level="AUTOCOMMIT").connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    return base.rsplit("/", 1)[0] + f"/{name}"


def test_saves_are_versioned_and_survive_a_restart(url):
    store = PersonaStore(url)
    project = store.default_project()
    a, b = Persona(name="Busy Beth"), Persona(name="Budget Bob")
    assert store.save(project.id, a, None) == 1
    assert store.save(project.id, b, None) == 1
    assert store.save(project.id, a.model_copy(update={"name": "Busy Beth 2"}), 1) == 2
    store.engine.dispose()
    again = PersonaStore(url)
    assert [p.id for p in again.projects()] == [project.id]
    saved = {s.persona.id: s for s in again.personas(project.id)}
    assert (saved[a.id].persona.name, saved[a.id].version) == ("Busy Beth 2", 2)
    assert saved[b.id].persona == b


def test_a_stale_save_is_refused_and_says_what_is_saved(url):
    store = PersonaStore(url)
    project = store.default_project()
    persona = Persona(name="Shared")
    store.save(project.id, persona, None)
    store.save(project.id, persona.model_copy(update={"name": "Tab A"}), 1)
    with pytest.raises(VersionConflict) as conflict:
        store.save(project.id, persona.model_copy(update={"name": "Tab B"}), 1)
    assert (conflict.value.current.persona.name, conflict.value.current.version) == ("Tab A", 2)
    with pytest.raises(VersionConflict):
        store.save(project.id, persona, None)  # a "new" persona whose id is taken
    assert store.get(persona.id).persona.name == "Tab A"


def test_undo_goes_back_one_change_at_a_time_and_brings_back_a_deleted_persona(url):
    store = PersonaStore(url)
    project = store.default_project()
    persona = Persona(name="v1")
    store.save(project.id, persona, None)
    store.save(project.id, persona.model_copy(update={"name": "v2"}), 1)
    store.save(project.id, persona.model_copy(update={"name": "v3"}), 2)
    assert store.undo(persona.id).persona.name == "v2"
    assert store.undo(persona.id).persona.name == "v1"
    assert store.undo(persona.id) is None
    current = store.get(persona.id).version
    store.delete(persona.id, current)
    assert store.personas(project.id) == []
    restored = store.undo(persona.id)
    assert not restored.deleted and restored.persona.name == "v1"
    assert [s.persona.id for s in store.personas(project.id)] == [persona.id]


def test_history_keeps_the_last_changes(url):
    store = PersonaStore(url)
    project = store.default_project()
    persona = Persona(name="0")
    version = store.save(project.id, persona, None)
    for i in range(HISTORY_KEPT + 5):
        version = store.save(project.id, persona.model_copy(update={"name": str(i)}), version)
    assert len(store.history(persona.id)) == HISTORY_KEPT


def test_an_import_is_all_or_nothing(url, monkeypatch):
    store = PersonaStore(url)
    project = store.default_project()
    kept = Persona(name="Already here")
    store.save(project.id, kept, None)
    incoming = [Persona(name="One"), Persona(name="Two"), kept.model_copy(update={"name": "X"})]
    original = store._save
    calls = []

    def failing(*args, **kwargs):
        calls.append(args)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return original(*args, **kwargs)

    monkeypatch.setattr(store, "_save", failing)
    with pytest.raises(RuntimeError):
        store.add_all(project.id, incoming)
    monkeypatch.setattr(store, "_save", original)
    assert [s.persona.name for s in store.personas(project.id)] == ["Already here"]
    added = store.add_all(project.id, incoming)
    assert [p.name for p in added] == ["One", "Two", "X"]
    assert added[2].id != kept.id  # a clashing id gets a new one: nothing is overwritten
    assert store.get(kept.id).persona.name == "Already here"


def test_projects_keep_their_personas_apart(url):
    store = PersonaStore(url)
    first, second = store.default_project(), store.create_project("Workshop B")
    store.save(first.id, Persona(name="A"), None)
    store.save(second.id, Persona(name="B"), None)
    assert [s.persona.name for s in store.personas(second.id)] == ["B"]


def test_a_version_one_persona_still_loads():
    old = ('{"schema_version": 1, "id": "abc123", "name": "Old", "segment": {"name": "Everyone",'
           ' "conditions": [], "combine": "all"}, "pinned": [{"trait": {"question": "Q",'
           ' "answer": "A"}, "box": "does", "pinned_at": "2026-01-01T00:00:00Z"}], "notes": {}}')
    persona = Persona.model_validate_json(old)
    assert persona.schema_version == 2 and persona.pinned[0].snapshot is None
    assert persona.pinned[0].trait == Trait(question="Q", answer="A")


def test_the_sqlite_file_is_readable_by_its_owner_only(tmp_path, monkeypatch):
    monkeypatch.setenv("PERSONA_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("PERSONA_DB_URL", raising=False)
    before = os.umask(0o022)  # the usual default, which leaves new files readable by all
    try:
        store = PersonaStore()
        store.save(store.default_project().id, Persona(), None)
    finally:
        os.umask(before)
    files = [p for p in (tmp_path / "data").iterdir() if p.name.startswith("personas.db")]
    assert {p.name for p in files} >= {"personas.db", "personas.db-wal"}  # WAL: open writer
    assert {p.name: stat.S_IMODE(p.stat().st_mode) for p in files} == {
        p.name: 0o600 for p in files}
    assert stat.S_IMODE((tmp_path / "data").stat().st_mode) == 0o700
