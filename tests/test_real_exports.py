"""Inference judged on real exports other people ran, with hand labels (../shared/real-exports).

The scorer and labels are not ours: the test runs them as they are and asks for the 95% the
product promises. The files are not copied here; CI has shared/ beside the clone."""

import importlib.util
import json
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "real-exports" / "corpus"
SCORER = CORPUS.parent / "score_kinds.py"

pytestmark = pytest.mark.skipif(not SCORER.exists(), reason="shared/real-exports is not here")


def _scorer():
    spec = importlib.util.spec_from_file_location("score_kinds", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


LATER = Path(__file__).resolve().parent / "fixtures" / "real_holdout"
SECOND = Path(__file__).resolve().parent / "fixtures" / "real_holdout2"
THIRD = Path(__file__).resolve().parent / "fixtures" / "real_holdout3"
FOURTH = Path(__file__).resolve().parent / "fixtures" / "real_holdout4"
FIFTH = Path(__file__).resolve().parent / "fixtures" / "real_holdout5"
SIXTH = Path(__file__).resolve().parent / "fixtures" / "real_holdout6"
SEVENTH = Path(__file__).resolve().parent / "fixtures" / "real_holdout7"
EIGHTH = Path(__file__).resolve().parent / "fixtures" / "real_holdout8"
NINTH = Path(__file__).resolve().parent / "fixtures" / "real_holdout9"
TENTH = Path(__file__).resolve().parent / "fixtures" / "real_holdout10"
ELEVENTH = Path(__file__).resolve().parent / "fixtures" / "real_holdout11"
TWELFTH = Path(__file__).resolve().parent / "fixtures" / "real_holdout12"
THIRTEENTH = Path(__file__).resolve().parent / "fixtures" / "real_holdout13"
FOURTEENTH = Path(__file__).resolve().parent / "fixtures" / "real_holdout14"
SIXTEENTH = Path(__file__).resolve().parent / "fixtures" / "real_holdout16"
SEVENTEENTH = Path(__file__).resolve().parent / "fixtures" / "real_holdout17"
EIGHTEENTH = Path(__file__).resolve().parent / "fixtures" / "real_holdout18"
NINETEENTH = Path(__file__).resolve().parent / "fixtures" / "real_holdout19"
TWENTIETH = Path(__file__).resolve().parent / "fixtures" / "real_holdout20"
TWENTY_FIRST = Path(__file__).resolve().parent / "fixtures" / "real_holdout21"
TWENTY_SECOND = Path(__file__).resolve().parent / "fixtures" / "real_holdout22"
TWENTY_THIRD = Path(__file__).resolve().parent / "fixtures" / "real_holdout23"
TWENTY_FOURTH = Path(__file__).resolve().parent / "fixtures" / "real_holdout24"
TWENTY_FIFTH = Path(__file__).resolve().parent / "fixtures" / "real_holdout25"
TWENTY_SEVENTH = Path(__file__).resolve().parent / "fixtures" / "real_holdout27"
TWENTY_EIGHTH = Path(__file__).resolve().parent / "fixtures" / "real_holdout28"
TWENTY_NINTH = Path(__file__).resolve().parent / "fixtures" / "real_holdout29"
THIRTIETH = Path(__file__).resolve().parent / "fixtures" / "real_holdout30"
THIRTY_SECOND = Path(__file__).resolve().parent / "fixtures" / "real_holdout32"
THIRTY_THIRD = Path(__file__).resolve().parent / "fixtures" / "real_holdout33"
THIRTY_FIFTH = Path(__file__).resolve().parent / "fixtures" / "real_holdout35"
THIRTY_SIXTH = Path(__file__).resolve().parent / "fixtures" / "real_holdout36"
THIRTY_SEVENTH = Path(__file__).resolve().parent / "fixtures" / "real_holdout37"
THIRTY_EIGHTH = Path(__file__).resolve().parent / "fixtures" / "real_holdout38"
FORTIETH = Path(__file__).resolve().parent / "fixtures" / "real_holdout40"
FORTY_FIRST = Path(__file__).resolve().parent / "fixtures" / "real_holdout41"
FORTY_SECOND = Path(__file__).resolve().parent / "fixtures" / "real_holdout42"
FORTY_THIRD = Path(__file__).resolve().parent / "fixtures" / "real_holdout43"
FORTY_FOURTH = Path(__file__).resolve().parent / "fixtures" / "real_holdout44"
FORTY_FIFTH = Path(__file__).resolve().parent / "fixtures" / "real_holdout45"
FORTY_SIXTH = Path(__file__).resolve().parent / "fixtures" / "real_holdout46"
FORTY_SEVENTH = Path(__file__).resolve().parent / "fixtures" / "real_holdout47"
FORTY_EIGHTH = Path(__file__).resolve().parent / "fixtures" / "real_holdout48"
FORTY_NINTH = Path(__file__).resolve().parent / "fixtures" / "real_holdout49"
FIFTY_SECOND = Path(__file__).resolve().parent / "fixtures" / "real_holdout52"
FIFTY_FOURTH = Path(__file__).resolve().parent / "fixtures" / "real_holdout54"


def _score(folder: Path) -> tuple[int, int]:
    scorer = _scorer()
    right = total = 0
    for truth_file in sorted((folder / "truth").glob("*.json")):
        export = next((folder / "files").glob(truth_file.stem + ".*"))
        truth = json.loads(truth_file.read_text())["columns"]
        got, _, seconds = scorer.score_file(export, truth)
        right, total = right + got, total + len(truth)
        assert seconds < 60, f"{export.name} took {seconds:.0f} s"
    return right, total


def test_at_least_95_percent_of_real_export_columns_get_the_right_kind(monkeypatch):
    monkeypatch.chdir(Path(__file__).resolve().parents[1])
    right, total = _score(CORPUS)
    assert total > 1000
    assert right / total >= 0.95, f"{right}/{total}"


@pytest.mark.parametrize(("folder", "columns", "floor"), [
    # unseen when first scored: 64.7%, 62.2%, 81.7%, 62.6%, 55.7%, 89.2%, 81.9%, 87.5%, 68.5%,
    # 73.7%, 56.7%, 85.0%, 86.1%, 98.5%;
    # what they read after their lessons
    pytest.param(LATER, 425, 0.88, id="found-later-1 (89.2%)"),
    pytest.param(SECOND, 217, 0.94, id="found-later-2 (95.4%)"),
    pytest.param(THIRD, 240, 0.87, id="found-later-3 (88.8%)"),
    pytest.param(FOURTH, 227, 0.83, id="found-later-4 (83.3%)"),
    pytest.param(FIFTH, 131, 0.91, id="found-later-5 (92.4%)"),
    pytest.param(SIXTH, 250, 0.90, id="found-later-6 (91.6%)"),
    pytest.param(SEVENTH, 72, 0.88, id="found-later-7 (90.3%; 81.9% unseen)"),
    pytest.param(EIGHTH, 80, 0.97, id="found-later-8 (98.8%; 87.5% unseen)"),
    pytest.param(NINTH, 108, 0.85, id="found-later-9 (86.1%; 68.5% unseen)"),
    pytest.param(TENTH, 114, 0.98, id="found-later-10 (99.1%; 73.7% unseen)"),
    pytest.param(ELEVENTH, 97, 0.97, id="found-later-11 (97.9%; 56.7% unseen)"),
    pytest.param(TWELFTH, 306, 0.99, id="found-later-12 (100%; 85.0% unseen)"),
    pytest.param(THIRTEENTH, 101, 0.95, id="found-later-13 (96.0%; 86.1% unseen)"),
    pytest.param(FOURTEENTH, 65, 0.99, id="found-later-14 (100%; 98.5% unseen)"),
    pytest.param(SIXTEENTH, 244, 0.93, id="found-later-16 (93.9%; 82.0% unseen)"),
    pytest.param(SEVENTEENTH, 113, 0.97, id="found-later-17 (98.2%; 44.2% unseen)"),
    pytest.param(EIGHTEENTH, 84, 0.98, id="found-later-18 (100%; 67.9% unseen)"),
    pytest.param(NINETEENTH, 115, 0.99, id="found-later-19 (100%; 100% unseen)"),
    pytest.param(TWENTIETH, 156, 0.93, id="found-later-20 (93.6%; 89.7% unseen)"),
    pytest.param(TWENTY_FIRST, 50, 0.95, id="found-later-21 (96.0%; 88.0% unseen)"),
    pytest.param(TWENTY_SECOND, 47, 0.97, id="found-later-22 (97.9%; 95.7% unseen)"),
    pytest.param(TWENTY_THIRD, 151, 0.98, id="found-later-23 (98.7%; 93.4% unseen)"),
    pytest.param(TWENTY_FOURTH, 85, 0.99, id="found-later-24 (100%; 96.5% unseen)"),
    pytest.param(TWENTY_FIFTH, 85, 0.98, id="found-later-25 (98.8%; 82.4% unseen)"),
    pytest.param(TWENTY_SEVENTH, 91, 0.98, id="found-later-27 (98.9%; 84.6% unseen)"),
    pytest.param(TWENTY_EIGHTH, 16, 0.87, id="found-later-28 (87.5%; 62.5% unseen)"),
    pytest.param(TWENTY_NINTH, 131, 0.96, id="found-later-29 (96.9%; 87.0% unseen)"),
    pytest.param(THIRTIETH, 103, 0.99, id="found-later-30 (99.0%; 99.0% unseen)"),
    pytest.param(THIRTY_SECOND, 28, 0.96, id="found-later-32 (100%; 92.9% unseen, re-keyed)"),
    pytest.param(THIRTY_THIRD, 246, 0.96, id="found-later-33 (96.7%; 53.3% unseen)"),
    pytest.param(THIRTY_FIFTH, 61, 0.98, id="found-later-35 (100%; 57.4% unseen)"),
    pytest.param(THIRTY_SIXTH, 51, 0.76, id="found-later-36 (76.5%; 35.3% unseen)"),
    pytest.param(THIRTY_SEVENTH, 151, 0.99, id="found-later-37 (99.3%; 98.7% unseen)"),
    pytest.param(THIRTY_EIGHTH, 97, 0.99, id="found-later-38 (100%; 0% unseen: not read)"),
    pytest.param(FORTIETH, 163, 0.63, id="found-later-40 (63.8%; 0% unseen: mojibake)"),
    pytest.param(FORTY_FIRST, 51, 0.80, id="found-later-41 (80.4%; 70.6% unseen)"),
    pytest.param(FORTY_SECOND, 27, 0.88, id="found-later-42 (88.9%; 88.9% unseen)"),
    pytest.param(FORTY_THIRD, 9, 0.77, id="found-later-43 (77.8%; 77.8% unseen)"),
    pytest.param(FORTY_FOURTH, 114, 0.97, id="found-later-44 (97.4%; 93.9% unseen)"),
    pytest.param(FORTY_FIFTH, 98, 0.84, id="found-later-45 (84.7%; 73.5% unseen)"),
    pytest.param(FORTY_SIXTH, 19, 0.94, id="found-later-46 (94.7%; 57.9% unseen)"),
    pytest.param(FORTY_SEVENTH, 15, 0.93, id="found-later-47 (93.3%; 93.3% unseen)"),
    pytest.param(FORTY_EIGHTH, 37, 0.99, id="found-later-48 (100%; 64.9% unseen)"),
    pytest.param(FORTY_NINTH, 36, 0.91, id="found-later-49 (91.7%; 50.0% unseen)"),
    pytest.param(FIFTY_FOURTH, 119, 0.95, id="found-later-54 (95.8%; 85.7% unseen, re-keyed)"),
])
def test_real_exports_found_later_stay_read_as_well_as_now(monkeypatch, folder, columns, floor):
    monkeypatch.chdir(Path(__file__).resolve().parents[1])
    right, total = _score(folder)
    assert total == columns
    assert right / total >= floor, f"{right}/{total}"


def test_a_web_forms_checkbox_columns_read_as_one_question_each_by_position():
    """Holdout 52 (unseen: 46/187 by the scorer). Its labeller called each option column of a
    checkbox multi_choice, where the corpus labels such a column single_choice, and it repeats
    a header for each typed 'Other', which the scorer cannot tell apart. So it is scored here
    by column position: an option column counts as right when it is part of one multi-select
    question, and the repeated headers are told apart as the loader names them."""
    import csv

    from persona_lib import load_survey
    from persona_lib.formats import _unique_names

    export = FIFTY_SECOND / "files" / "webform_alliance_cloud_2023.csv"
    truth = json.loads((FIFTY_SECOND / "truth" / "webform_alliance_cloud_2023.json").read_text())
    survey = load_survey(export)
    with export.open(encoding="utf-8", newline="") as f:
        names = _unique_names(next(csv.reader(f)), [])
    kinds = {c.name: c.kind.value for c in survey.columns}
    part_of = {source: c for c in survey.columns for source in c.sources if source != c.name}
    right, labelled = 0, [c for c in truth["columns_by_position"] if c.get("kind")]
    for label in labelled:
        name = names[label["index"]]
        got = kinds.get(name) or (f"part of {part_of[name].kind.value}" if name in part_of
                                  else None)
        right += got == label["kind"] or (got == "part of multi_choice"
                                          and label["kind"] == "multi_choice")
    assert len(labelled) == 187
    assert right >= 186, f"{right}/187"  # 187 now; 60 before (the option columns apart)
    checkboxes = [c for c in survey.columns if c.kind.value == "multi_choice"]
    assert len(checkboxes) == 16
    assert len(survey.columns) < 80  # 188 columns in the file


def _answers(series) -> list:
    import pandas as pd

    return [None if pd.isna(v) else str(v) for v in series.tolist()]


@pytest.mark.parametrize("folder", [CORPUS, LATER, SECOND, THIRD, FOURTH, FIFTH, SIXTH, SEVENTH,
                                    EIGHTH, NINTH, TENTH, ELEVENTH, TWELFTH, THIRTEENTH,
                                    FOURTEENTH, SIXTEENTH, SEVENTEENTH, EIGHTEENTH,
                                    NINETEENTH, TWENTIETH, TWENTY_FIRST, TWENTY_SECOND,
                                    TWENTY_THIRD, TWENTY_FOURTH, TWENTY_FIFTH, TWENTY_SEVENTH,
                                    TWENTY_EIGHTH, TWENTY_NINTH, THIRTIETH, THIRTY_SECOND,
                                    THIRTY_THIRD, THIRTY_FIFTH, THIRTY_SIXTH, THIRTY_SEVENTH,
                                    THIRTY_EIGHTH, FORTIETH, FORTY_FIRST, FORTY_SECOND,
                                    FORTY_THIRD, FORTY_FOURTH, FORTY_FIFTH, FORTY_SIXTH,
                                    FORTY_SEVENTH, FORTY_EIGHTH, FORTY_NINTH, FIFTY_SECOND,
                                    FIFTY_FOURTH],
                         ids=lambda f: f.name)
def test_real_exports_read_the_same_with_varied_columns_kept_plain(monkeypatch, folder):
    """A long column whose answers mostly differ is kept as plain text, not encoded (issue
    20). Real exports are shorter than that, so here every such column is kept plain: each
    must read as the same kind, with the same levels, answers, options and warnings."""
    import persona_lib.cells as cells
    from persona_lib import load_survey

    for export in sorted((folder / "files").iterdir()):
        encoded = load_survey(export)
        monkeypatch.setattr(cells, "PLAIN_ROWS", 1)
        plain = load_survey(export)
        monkeypatch.setattr(cells, "PLAIN_ROWS", 10**9)
        assert plain.columns == encoded.columns, export.name
        assert plain.warnings == encoded.warnings, export.name
        for name in encoded.data:
            assert _answers(plain.data[name]) == _answers(encoded.data[name]), (export.name, name)
        for name, table in encoded.options.items():
            assert plain.options[name].equals(table), (export.name, name)
