"""Two browser sessions share one server process (and its caches) but never each other's
upload, segment or unsaved persona."""

from __future__ import annotations

from tests.test_app import metric, small_csv, start, upload


def test_a_second_session_sees_the_sample_not_the_first_sessions_work(sample):
    first = upload(start(), "mine.csv", small_csv())
    mine = first.session_state["personas"][first.session_state["persona_id"]]
    mine.name = "Only in the first session"
    second = start()  # a new session in the same process: the caches are shared
    assert metric(first, "Respondents") == "40"
    assert metric(second, "Respondents") == f"{sample.n:,}"
    assert second.session_state["file_name"] == "brewbox_survey.csv"
    assert "Only in the first session" not in [
        p.name for p in second.session_state["personas"].values()]
