"""What the app keeps between sessions, in a per-user data folder on this machine.

Personas live in a database (SQLite in the data folder; `PERSONA_DB_URL` points the same code
at PostgreSQL). Column mappings and saved segments are small JSON files per survey.
`PERSONA_DATA_DIR` points the folder elsewhere (tests, a shared drive). Files are written whole
to a temporary name and renamed, so a crash never leaves half a file, and are readable by their
owner only.
"""

from __future__ import annotations

import os
import re
import tempfile
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import TypeVar

from platformdirs import user_data_dir
from pydantic import BaseModel, Field, ValidationError
from sqlalchemy import (
    Boolean, DateTime, ForeignKey, Integer, String, Text, create_engine, delete, event, select,
    make_url, update,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from persona_lib.economics import WorthSettings, cost_per_customer, worth_settings
from persona_lib.mapping import MappingError, SurveyMapping, mapping_from_json
from persona_lib.models import Persona, Segment
from persona_lib.survey import Survey
from persona_lib.themes import SavedThemes

APP_NAME = "survey-to-persona"
M = TypeVar("M", bound=BaseModel)


def data_dir() -> Path:
    """The folder this user's saved work lives in (created on first use)."""
    root = Path(os.environ.get("PERSONA_DATA_DIR") or user_data_dir(APP_NAME, appauthor=False))
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    return root


def write_private(path: Path, text: str) -> None:
    """Replace `path` with `text` atomically, readable by its owner only."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class _PerSurvey:
    """One JSON file per survey fingerprint, in a subfolder of the data folder."""

    folder = ""

    def __init__(self, root: Path | None = None) -> None:
        self.root = (root or data_dir()) / self.folder

    def _path(self, fingerprint: str) -> Path:
        if not re.fullmatch(r"[0-9a-f]{1,64}", fingerprint):
            raise ValueError(f"not a survey fingerprint: {fingerprint!r}")
        return self.root / f"{fingerprint}.json"

    def _read(self, fingerprint: str, model: type[M]) -> M | None:
        """The survey's saved file as `model`; None when there is none or it is unreadable."""
        try:
            return model.model_validate_json(self._path(fingerprint).read_text(encoding="utf-8"))
        except (OSError, ValidationError):
            return None


class MappingStore(_PerSurvey):
    """Column mappings, one JSON file per survey fingerprint."""

    folder = "mappings"

    def get(self, fingerprint: str) -> SurveyMapping | None:
        """The saved mapping for this survey; None if there is none or it is unreadable."""
        path = self._path(fingerprint)
        try:
            return mapping_from_json(path.read_text(encoding="utf-8"), fingerprint)
        except (OSError, MappingError):
            return None

    def put(self, mapping: SurveyMapping) -> None:
        write_private(self._path(mapping.fingerprint), mapping.to_json())

    def delete(self, fingerprint: str) -> None:
        self._path(fingerprint).unlink(missing_ok=True)


class SegmentStore(_PerSurvey):
    """Segments the user named and saved, one JSON file of them per survey fingerprint."""

    folder = "segments"

    def all(self, fingerprint: str) -> list[Segment]:
        saved = self._read(fingerprint, SavedSegments)
        return saved.segments if saved else []

    def save(self, fingerprint: str, segment: Segment) -> None:
        """Add this segment, or replace the saved one with the same name."""
        kept = [s for s in self.all(fingerprint) if s.name != segment.name]
        self._write(fingerprint, [*kept, segment])

    def delete(self, fingerprint: str, segment_id: str) -> None:
        self._write(fingerprint, [s for s in self.all(fingerprint) if s.id != segment_id])

    def _write(self, fingerprint: str, segments: list[Segment]) -> None:
        write_private(self._path(fingerprint), SavedSegments(segments=segments).model_dump_json())


class ChannelCosts(BaseModel):
    """What the user entered per acquisition channel: a cost per customer, or spend and
    customers won."""

    schema_version: int = 1
    cost: dict[str, float] = Field(default_factory=dict)
    spend: dict[str, float] = Field(default_factory=dict)
    won: dict[str, float] = Field(default_factory=dict)
    questions: dict[str, str | None] = Field(
        default_factory=dict, description="The worth-it question the user chose for each role "
        "(None: the survey has none); roles not here are found by their wording.")

    def per_customer(self) -> dict[str, float]:
        """Each channel's cost per acquired customer: as entered, else spend / customers won."""
        out = {c: v for c, v in self.cost.items() if v is not None and v == v}
        for channel, spend in self.spend.items():
            cost = cost_per_customer(spend, self.won.get(channel) or 0)
            if channel not in out and cost is not None and cost == cost:
                out[channel] = cost
        return out

    def settings(self, survey: Survey) -> WorthSettings:
        """What the cards of this survey use for their worth-it figures."""
        return worth_settings(survey, self.questions, self.per_customer())


class CostStore(_PerSurvey):
    """Acquisition costs per channel, one JSON file per survey fingerprint."""

    folder = "costs"

    def get(self, fingerprint: str) -> ChannelCosts:
        return self._read(fingerprint, ChannelCosts) or ChannelCosts()

    def put(self, fingerprint: str, costs: ChannelCosts) -> None:
        write_private(self._path(fingerprint), costs.model_dump_json())


class ThemeStore(_PerSurvey):
    """A team's edited themes of the free-text questions, one JSON file per survey
    fingerprint (persona_lib.themes.SavedThemes), like the column mapping."""

    folder = "themes"

    def get(self, fingerprint: str) -> SavedThemes:
        return self._read(fingerprint, SavedThemes) or SavedThemes(fingerprint=fingerprint)

    def put(self, saved: SavedThemes) -> None:
        write_private(self._path(saved.fingerprint), saved.model_dump_json())


class SavedSegments(BaseModel):
    schema_version: int = 1
    segments: list[Segment] = Field(default_factory=list)


# --- personas ---------------------------------------------------------------------------------

DB_URL_SETTING = "PERSONA_DB_URL"
HISTORY_KEPT = 50


class VersionConflict(Exception):
    """Someone else saved this persona since it was read; `current` is what is saved now."""

    def __init__(self, current: StoredPersona | None) -> None:
        super().__init__("This persona was changed elsewhere since it was opened.")
        self.current = current


class StoredPersona(BaseModel):
    persona: Persona
    version: int
    project_id: str
    updated_at: datetime
    deleted: bool = False


class Project(BaseModel):
    id: str
    name: str


class _Base(DeclarativeBase):
    pass


class _Project(_Base):
    __tablename__ = "projects"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class _Persona(_Base):
    __tablename__ = "personas"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    data: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class _Version(_Base):
    __tablename__ = "persona_versions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    persona_id: Mapped[str] = mapped_column(String(40), index=True)
    version: Mapped[int] = mapped_column(Integer)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    data: Mapped[str] = mapped_column(Text)
    saved_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    restored_from: Mapped[int | None] = mapped_column(Integer, nullable=True)


EDITOR_SETTING = "PERSONA_EDITOR"


def editor_name(chosen: str = "") -> str:
    """Who is editing, for a persona's change log: the name typed in the app, else
    `PERSONA_EDITOR`, else nobody. Never this computer's account name: a card, its exports and
    its provenance name a person only if they chose to be named."""
    return (chosen.strip() or os.environ.get(EDITOR_SETTING, "").strip())[:100]


class Preferences(BaseModel):
    """This user's own settings, kept on this computer."""

    schema_version: int = 1
    editor: str = Field(default="", max_length=100)


class PreferenceStore:
    """One small JSON file in the data folder."""

    def __init__(self, root: Path | None = None) -> None:
        self.path = (root or data_dir()) / "preferences.json"

    def get(self) -> Preferences:
        try:
            return Preferences.model_validate_json(self.path.read_text(encoding="utf-8"))
        except (OSError, ValidationError):
            return Preferences()

    def put(self, preferences: Preferences) -> None:
        write_private(self.path, preferences.model_dump_json())


def database_url() -> str:
    """`PERSONA_DB_URL` (e.g. postgresql+psycopg://user@host/db for a team server), else a
    SQLite file in this user's data folder."""
    return os.environ.get(DB_URL_SETTING) or f"sqlite:///{data_dir() / 'personas.db'}"


class PersonaStore:
    """Projects of personas in SQLite or PostgreSQL, every save versioned.

    A save names the version it was based on; if the stored one has moved on (another tab,
    another person), `VersionConflict` says so instead of overwriting. Every version is kept
    (the last HISTORY_KEPT per persona) so changes can be undone.
    """

    def __init__(self, url: str | None = None) -> None:
        self.url = url or database_url()
        sqlite = self.url.startswith("sqlite")
        file = make_url(self.url).database if sqlite else None
        if file and file != ":memory:":  # created private, not made private after the fact
            os.close(os.open(file, os.O_CREAT | os.O_WRONLY, 0o600))
        self.engine = create_engine(self.url, connect_args={"check_same_thread": False,
                                                            "timeout": 30} if sqlite else {})
        if sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas)
        _Base.metadata.create_all(self.engine)
        if file and file != ":memory:":
            os.chmod(file, 0o600)

    # projects
    def projects(self) -> list[Project]:
        with Session(self.engine) as session:
            rows = session.scalars(select(_Project).order_by(_Project.created_at)).all()
            return [Project(id=r.id, name=r.name) for r in rows]

    def create_project(self, name: str) -> Project:
        project = Project(id=uuid.uuid4().hex[:12], name=name.strip()[:200] or "Personas")
        with Session(self.engine) as session, session.begin():
            session.add(_Project(id=project.id, name=project.name, created_at=_utcnow()))
        return project

    def default_project(self) -> Project:
        return next(iter(self.projects()), None) or self.create_project("My personas")

    # personas
    def personas(self, project_id: str) -> list[StoredPersona]:
        """The project's personas, most recently changed first."""
        with Session(self.engine) as session:
            rows = session.scalars(select(_Persona).where(
                _Persona.project_id == project_id, _Persona.deleted.is_(False)).order_by(
                _Persona.updated_at.desc())).all()
            return [_stored(r) for r in rows]

    def get(self, persona_id: str) -> StoredPersona | None:
        with Session(self.engine) as session:
            row = session.get(_Persona, persona_id)
            return None if row is None else _stored(row)

    def save(self, project_id: str, persona: Persona, expected_version: int | None) -> int:
        """Save and return the new version. `expected_version` None means a new persona."""
        with Session(self.engine) as session, session.begin():
            return self._save(session, project_id, persona, expected_version)

    def _save(self, session: Session, project_id: str, persona: Persona,
              expected_version: int | None, deleted: bool = False,
              restored_from: int | None = None) -> int:
        now, data = _utcnow(), persona.model_dump_json()
        if expected_version is None:
            if session.get(_Persona, persona.id) is not None:
                raise VersionConflict(self.get(persona.id))
            session.add(_Persona(id=persona.id, project_id=project_id, version=1,
                                 deleted=deleted, data=data, updated_at=now))
            version = 1
        else:
            version = expected_version + 1
            result = session.execute(
                update(_Persona).where(_Persona.id == persona.id,
                                       _Persona.version == expected_version)
                .values(version=version, data=data, deleted=deleted, updated_at=now))
            if result.rowcount != 1:
                raise VersionConflict(self.get(persona.id))
        session.add(_Version(persona_id=persona.id, version=version, deleted=deleted, data=data,
                             saved_at=now, restored_from=restored_from))
        session.execute(delete(_Version).where(
            _Version.persona_id == persona.id, _Version.version <= version - HISTORY_KEPT))
        return version

    def delete(self, persona_id: str, expected_version: int) -> int:
        """Mark it deleted (undo brings it back)."""
        stored = self.get(persona_id)
        if stored is None:
            raise KeyError(persona_id)
        with Session(self.engine) as session, session.begin():
            return self._save(session, stored.project_id, stored.persona, expected_version,
                              deleted=True)

    def undo(self, persona_id: str) -> StoredPersona | None:
        """Go back one change: the version before the one now shown becomes current again.
        Repeated undos keep going back. None when there is nothing earlier."""
        with Session(self.engine) as session, session.begin():
            row = session.get(_Persona, persona_id)
            if row is None:
                return None
            latest = session.scalars(select(_Version).where(
                _Version.persona_id == persona_id).order_by(_Version.version.desc())).first()
            shown = latest.restored_from if latest and latest.restored_from else row.version
            target = session.scalars(select(_Version).where(
                _Version.persona_id == persona_id, _Version.version < shown).order_by(
                _Version.version.desc())).first()
            if target is None:
                return None
            persona = Persona.model_validate_json(target.data)
            self._save(session, row.project_id, persona, row.version, deleted=target.deleted,
                       restored_from=target.version)
        return self.get(persona_id)

    def history(self, persona_id: str) -> list[tuple[int, datetime, bool]]:
        with Session(self.engine) as session:
            rows = session.scalars(select(_Version).where(
                _Version.persona_id == persona_id).order_by(_Version.version.desc())).all()
            return [(r.version, r.saved_at, r.deleted) for r in rows]

    def add_all(self, project_id: str, personas: list[Persona]) -> list[Persona]:
        """Save several new personas in one transaction: all or none. Ids already used get
        new ones, so an import never overwrites anything saved."""
        added = []
        with Session(self.engine) as session, session.begin():
            for persona in personas:
                if session.get(_Persona, persona.id) is not None or persona.id in {
                        p.id for p in added}:
                    persona = persona.model_copy(update={"id": uuid.uuid4().hex[:12]})
                self._save(session, project_id, persona, None)
                added.append(persona)
        return added


def _stored(row: _Persona) -> StoredPersona:
    return StoredPersona(persona=Persona.model_validate_json(row.data), version=row.version,
                         project_id=row.project_id, updated_at=row.updated_at,
                         deleted=row.deleted)


def _utcnow() -> datetime:
    return datetime.now(timezone.utc)


def _sqlite_pragmas(connection, _record) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
