"""What the app keeps between sessions, in a per-user data folder on this machine.

`PERSONA_DATA_DIR` points it elsewhere (tests, a shared drive). Files are written whole to a
temporary name and renamed, so a crash never leaves half a file, and are readable by their
owner only.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from platformdirs import user_data_dir
from pydantic import BaseModel, Field, ValidationError

from persona_lib.mapping import MappingError, SurveyMapping, mapping_from_json
from persona_lib.models import Segment

APP_NAME = "survey-to-persona"


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


class MappingStore:
    """Column mappings, one JSON file per survey fingerprint."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = (root or data_dir()) / "mappings"

    def _path(self, fingerprint: str) -> Path:
        if not re.fullmatch(r"[0-9a-f]{1,64}", fingerprint):
            raise ValueError(f"not a survey fingerprint: {fingerprint!r}")
        return self.root / f"{fingerprint}.json"

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


class SegmentStore:
    """Segments the user named and saved, one JSON file of them per survey fingerprint."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = (root or data_dir()) / "segments"

    def _path(self, fingerprint: str) -> Path:
        if not re.fullmatch(r"[0-9a-f]{1,64}", fingerprint):
            raise ValueError(f"not a survey fingerprint: {fingerprint!r}")
        return self.root / f"{fingerprint}.json"

    def all(self, fingerprint: str) -> list[Segment]:
        try:
            return SavedSegments.model_validate_json(
                self._path(fingerprint).read_text(encoding="utf-8")).segments
        except (OSError, ValidationError):
            return []

    def save(self, fingerprint: str, segment: Segment) -> None:
        """Add this segment, or replace the saved one with the same name."""
        kept = [s for s in self.all(fingerprint) if s.name != segment.name]
        self._write(fingerprint, [*kept, segment])

    def delete(self, fingerprint: str, segment_id: str) -> None:
        self._write(fingerprint, [s for s in self.all(fingerprint) if s.id != segment_id])

    def _write(self, fingerprint: str, segments: list[Segment]) -> None:
        write_private(self._path(fingerprint), SavedSegments(segments=segments).model_dump_json())


class SavedSegments(BaseModel):
    schema_version: int = 1
    segments: list[Segment] = Field(default_factory=list)
