"""Survey responses in, evidence-backed personas out: the pure library behind the app."""

from persona_lib.load import SurveyLoadError, load_survey
from persona_lib.models import Column, Kind, Persona, Role, Segment, Trait
from persona_lib.survey import Survey

__all__ = ["Column", "Kind", "Persona", "Role", "Segment", "Survey", "SurveyLoadError", "Trait",
           "load_survey"]
