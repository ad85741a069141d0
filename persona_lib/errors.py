"""The one error loading raises, shared by every reading step."""


class SurveyLoadError(ValueError):
    """Its message says what is wrong with the file, where, and what to do about it."""
