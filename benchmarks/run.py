"""Speed and memory on big surveys, all measured in one run on the same files (issue 20).

    make bench                                   # 10k, 100k, 240k and 1M respondents x 40 questions
    .venv/bin/python -m benchmarks.run --sizes 10000 100000 --json out.json

Each size runs in fresh processes so memory peaks and caches do not leak between sizes:
one that only loads the file (peak memory), one for the library's timings, one for our first
overview (cold: the first in a fresh process, imports included; warm: the second in the same
process), one for the app (AppTest: upload, segment changes, pins, the card; an empty
Streamlit script's rerun timed in the same process as the baseline), and, when
`benchmarks/.venv-ydata` exists (`make bench` makes it; ydata-profiling needs pandas < 3),
one for ydata-profiling's minimal report on the same file, cold and warm the same way.
Library times are the best of a few runs unless said otherwise; latencies are p50/p95 over
repeated interactions. `benchmarks/cold_start.py`, when present, is run once at the end.
Nothing here asserts a time: it prints a table and a list of the issue-20 targets, met or
not, and writes JSON with the machine it ran on and its load average.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "benchmarks" / ".data"
YDATA_PYTHON = ROOT / "benchmarks" / ".venv-ydata" / "bin" / "python"
TARGETS = {  # what issue 20 asks for, per size (None: measured, no target)
    "load_ratio": {240_000: 1.5, 1_000_000: 1.5},
    "memory_ratio": {100_000: 3.0, 1_000_000: 3.0},
    "rerun_p50_s": {100_000: 0.15},
    "pin_to_card_s": {100_000: 0.15},
    "clustering_s": {1_000_000: 15.0},
    "distinctive_traits_s": {1_000_000: 0.5},
}
COLD_START_TARGET = 2.0  # first paint of `streamlit run app.py` / a bare Streamlit app's
EMPTY_SCRIPT = 'import streamlit as st\n\nst.write("hello")\n'


def survey_file(n: int) -> Path:
    """The generated export for n respondents, made once and kept in benchmarks/.data."""
    from benchmarks.make_survey import SEED, survey_frame

    path = DATA / f"survey-{n}-seed{SEED}.csv"
    if not path.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".part")
        survey_frame(n).to_csv(partial, index=False)
        partial.rename(path)
    return path


def best_of(runs: int, work) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def percentiles(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50": statistics.median(ordered), "p95": p95, "runs": len(ordered)}


def peak_rss_mb() -> float:
    """This process's own peak resident memory. Not getrusage's ru_maxrss: after fork and exec
    that starts at the parent's resident size, so a child spawned by a big parent reports the
    parent's memory as its own."""
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmHWM:")) / 1024


def current_rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


# --- child processes ------------------------------------------------------------------------


def measure_memory(path: Path) -> dict:
    """Peak resident memory of loading and typing the file, against its size."""
    from persona_lib import load_survey

    load_survey(ROOT / "sample_data" / "brewbox_survey.csv")  # imports and pools warmed up
    baseline = current_rss_mb()
    survey = load_survey(path)
    peak = peak_rss_mb()
    size = path.stat().st_size / 2**20
    return {"file_mb": size, "baseline_mb": baseline, "peak_mb": peak,
            "memory_ratio": (peak - baseline) / size, "respondents": survey.n}


def measure_times(path: Path, quick: bool) -> dict:
    import pyarrow.csv as pacsv

    from persona_lib import load_survey
    from persona_lib.clusters import default_questions, find_segments
    from persona_lib.distinctive import distinctive_traits
    from persona_lib.models import Condition, Persona, Segment, Trait
    from persona_lib.persona import build_card, pin
    from persona_lib.segments import segment_mask

    runs = 1 if quick else 3
    path.read_bytes()  # the file in the page cache for both readers
    out: dict = {}
    out["pyarrow_read_s"] = best_of(runs, lambda: pacsv.read_csv(path))
    out["load_and_infer_s"] = best_of(runs, lambda: load_survey(path))
    out["load_ratio"] = out["load_and_infer_s"] / out["pyarrow_read_s"]

    survey = load_survey(path)
    ages = [["25-34", "35-44"], ["18-24"], ["45-54", "55-64"], ["65+"]]
    segments = [Segment(conditions=[Condition(question="What is your gender?", answers=["Woman"]),
                                    Condition(question="How old are you?", answers=age)])
                for age in ages]
    masks = [segment_mask(survey, s) for s in segments]
    # The first comparison on a freshly loaded survey also works out each question's answer
    # codes (kept with the survey); every later segment reuses them. Each timed run is a
    # segment not compared before: nothing of the result itself is cached. scipy, which the
    # tests need, is imported first: a process imports it once, not once per segment.
    import scipy.stats  # noqa: F401

    start = time.perf_counter()
    distinctive_traits(survey, masks[0])
    out["distinctive_traits_first_s"] = time.perf_counter() - start
    times = []
    for mask in masks[1:1 + runs]:
        start = time.perf_counter()
        distinctive_traits(survey, mask)
        times.append(time.perf_counter() - start)
    out["distinctive_traits_s"] = min(times)

    persona = Persona(name="Bench", segment=segments[0])
    traits = [Trait(question="How did you first hear about us?", answer=a)
              for a in ("Instagram", "TikTok", "Podcast ad", "YouTube", "In a shop")]
    pins = []
    for trait in traits:
        start = time.perf_counter()
        persona = pin(persona, survey, trait)
        build_card(survey, persona)
        pins.append(time.perf_counter() - start)
    out["pin_to_card_library"] = percentiles(pins)

    start = time.perf_counter()
    model, _ = find_segments(survey, default_questions(survey)[:30], seed=0)
    out["clustering_s"] = time.perf_counter() - start
    out["clusters"] = model.k
    out["clusters_structure"] = model.structure
    return out


def measure_overview(path: Path, quick: bool) -> dict:
    """Our first overview: load the file, then build every chart of both overview pages
    (demographics, behaviour, attitudes) as Plotly JSON. Cold is the first one in this fresh
    process, the library's imports included; warm is the second, in the same process."""
    start = time.perf_counter()
    import pandas as pd

    from persona_lib import load_survey
    from persona_lib.charts import chart_groups, group_figure
    from persona_lib.models import Role
    imported = time.perf_counter() - start

    def overview() -> None:
        survey = load_survey(path)
        everyone = pd.Series(True, index=survey.data.index)
        for kind, cols in chart_groups(survey, (Role.demographic, Role.behaviour, Role.attitude)):
            fig = group_figure(survey, kind, cols, everyone, "Everyone")
            fig.to_json()

    overview()
    cold = time.perf_counter() - start
    start = time.perf_counter()
    overview()
    return {"overview_import_s": imported, "overview_cold_s": cold,
            "overview_warm_s": time.perf_counter() - start}


def measure_app(path: Path, quick: bool) -> dict:
    """The real app (streamlit.testing's AppTest runs app.py in this process): upload the
    file, filter a segment on 'What they do' and on the persona card, pin a trait from the
    keyboard picker and open the card. Latencies are whole script runs, including a rerun
    the script asks for itself; the browser's drawing is not included. After every timed
    run an empty Streamlit script (EMPTY_SCRIPT) is rerun and timed too, in this process
    under the same load: the floor any rerun pays."""
    from streamlit.runtime.scriptrunner import script_cache
    from streamlit.testing.v1 import AppTest

    # AppTest gives every run a fresh ScriptCache, so each run recompiles app.py and the page
    # (with Streamlit's magic pass); a server compiles them once. That time is counted here,
    # so each latency is also given without it ("_no_compile").
    compiling = [0.0]
    get_bytecode = script_cache.ScriptCache.get_bytecode

    def timed_get_bytecode(self, script_path):
        start = time.perf_counter()
        try:
            return get_bytecode(self, script_path)
        finally:
            compiling[0] += time.perf_counter() - start

    script_cache.ScriptCache.get_bytecode = timed_get_bytecode

    def timed(work) -> tuple[float, float]:
        """Seconds of work(), and the same without AppTest's recompiling of scripts."""
        before, start = compiling[0], time.perf_counter()
        work()
        took = time.perf_counter() - start
        return took, took - (compiling[0] - before)

    empty = AppTest.from_string(EMPTY_SCRIPT, default_timeout=60).run()
    empty_times: list[float] = []
    empty_bare: list[float] = []

    def empty_rerun() -> None:
        took, bare = timed(empty.run)
        empty_times.append(took)
        empty_bare.append(bare)

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=900).run()
    at.switch_page("pages/data.py").run()
    baseline = current_rss_mb()  # the app running on its sample: imports and caches warm
    start = time.perf_counter()
    at.file_uploader[0].set_value((path.name, path.read_bytes(), "text/csv")).run()
    upload_s = time.perf_counter() - start
    _check(at)
    at.switch_page("pages/behaviour.py").run()
    _check(at)
    question = "What is your occupation?"  # 8 answers: 36 distinct segments of one or two
    questions = _sidebar_multiselect(at, "segment_questions::")
    questions.set_value([question]).run()
    options = _sidebar_multiselect(at, f"segment_answers::{question}::").options
    # Every change is to a segment not seen before: a revisited one would be a cache hit.
    fresh = iter([list(c) for size in (1, 2) for c in itertools.combinations(options, size)])
    out: dict = {"upload_to_ready_s": upload_s}
    for page in ("pages/behaviour.py", "pages/persona.py"):
        at.switch_page(page).run()
        _check(at)
        times, bare = [], []
        for _ in range(4 if quick else 12):
            widget = _sidebar_multiselect(at, f"segment_answers::{question}::")
            widget.set_value(next(fresh))
            took, without = timed(at.run)
            times.append(took)
            bare.append(without)
            _check(at)
            empty_rerun()
        out[f"rerun_{Path(page).stem}"] = percentiles(times)
        out[f"rerun_{Path(page).stem}_no_compile"] = percentiles(bare)
    at.switch_page("pages/behaviour.py").run()
    pins, opens, cards, cards_bare = [], [], [], []
    answers = ("Instagram", "TikTok", "Podcast ad", "YouTube", "In a shop")
    for answer in answers[:1] if quick else answers:
        picker = at.selectbox(key="pin_behaviour::question")
        label = next(o for o in picker.options if o.startswith("How did you first hear"))
        picker.set_value(label).run()
        at.selectbox(key="pin_behaviour::answer::How did you first hear about us?").set_value(
            answer)
        took, pin_bare = timed(at.button(key="pin_behaviour::pin").click().run)
        pins.append(took)
        _check(at)
        pinned = [m.value for m in at.sidebar.markdown if "push_pin" in m.value]
        if len(pinned) != len(pins) or answer not in pinned[-1]:
            raise RuntimeError(f"the sidebar card does not show the pinned answer {answer!r}")
        took, open_bare = timed(at.switch_page("pages/persona.py").run)
        opens.append(took)
        cards.append(pins[-1] + opens[-1])
        cards_bare.append(pin_bare + open_bare)
        _check(at)
        if not any(answer in m.value and "push_pin" in m.value for m in at.markdown):
            raise RuntimeError(f"the persona page does not show the pinned answer {answer!r}")
        empty_rerun()
        at.switch_page("pages/behaviour.py").run()
    out["pin_to_sidebar"] = percentiles(pins)
    out["open_card_after_pin"] = percentiles(opens)
    out["pin_to_card_app"] = percentiles(cards)
    out["pin_to_card_app_no_compile"] = percentiles(cards_bare)
    out["empty_rerun"] = percentiles(empty_times)
    out["empty_rerun_no_compile"] = percentiles(empty_bare)
    script_cache.ScriptCache.get_bytecode = get_bytecode
    out["app_peak_mb"] = peak_rss_mb()
    out["app_memory_ratio"] = (out["app_peak_mb"] - baseline) / (path.stat().st_size / 2**20)
    return out


def _check(at) -> None:
    if at.exception:
        raise RuntimeError(f"the app raised: {at.exception[0].message}")


def _sidebar_multiselect(at, prefix: str):
    found = [w for w in at.sidebar.multiselect if w.key and w.key.startswith(prefix)]
    if len(found) != 1:
        raise RuntimeError(f"expected one sidebar multiselect keyed {prefix}*, found {len(found)}")
    return found[0]


# --- the parent: run, print, save -----------------------------------------------------------


def child(mode: str, path: Path, quick: bool) -> dict:
    command = [sys.executable, "-m", "benchmarks.run", f"--{mode}", str(path)]
    command += ["--quick"] if quick else []
    with tempfile.TemporaryDirectory() as fresh:  # no personas from an earlier run
        env = {**os.environ, "PERSONA_DATA_DIR": fresh}
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"{mode} on {path.name} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def ydata_overview(path: Path) -> dict:
    """ydata-profiling's minimal report in a fresh process of its own venv: cold (imports
    included) and warm (the second report in that process)."""
    if not YDATA_PYTHON.exists():
        return {}
    script = ROOT / "benchmarks" / "ydata_overview.py"
    env = {**os.environ, "YDATA_PROFILING_NO_ANALYTICS": "True"}  # it reports usage otherwise
    done = subprocess.run([str(YDATA_PYTHON), str(script), str(path)], capture_output=True,
                          text=True, env=env)
    if done.returncode:
        raise RuntimeError(f"ydata-profiling failed:\n{done.stderr[-3000:]}")
    return {f"ydata_{k}": v for k, v in
            json.loads(done.stdout.strip().splitlines()[-1]).items()}


def cold_start() -> dict:
    """`benchmarks/cold_start.py` (first paint of app.py against a bare Streamlit app, in a
    real browser), when it exists: the median ratio of each thing it waits for on our first
    page, and the largest of them (the page complete) as the one judged."""
    script = ROOT / "benchmarks" / "cold_start.py"
    if not script.exists():
        return {"note": "benchmarks/cold_start.py is not in this checkout: not measured"}
    done = subprocess.run([sys.executable, "-m", "benchmarks.cold_start"], cwd=ROOT,
                          capture_output=True, text=True)
    found = re.findall(r"app\.py, (.+?)\s+best .*?ratio [\d.]+x best, ([\d.]+)x median",
                       done.stdout)
    if done.returncode or not found:
        return {"note": f"benchmarks/cold_start.py failed ({done.returncode}): "
                        f"{(done.stderr or done.stdout)[-300:]}"}
    medians = {what: float(v) for what, v in found}
    return {"ratios": {"median": max(medians.values()), **medians}, "output": done.stdout}


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                if line.startswith("model name")), platform.processor() or platform.machine())
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(memory, 1),
            "system": f"{platform.system()} {platform.release()}",
            "python": platform.python_version(),
            "packages": {p: version(p) for p in ("streamlit", "pandas", "pyarrow", "plotly",
                                                  "scikit-learn")}}


def measure_size(n: int, quick: bool) -> dict:
    path = survey_file(n)
    row = {"respondents": n, "load_average_before": os.getloadavg()[0],
           **child("memory", path, quick), **child("times", path, quick),
           **child("overview", path, quick), **child("app", path, quick),
           **ydata_overview(path)}
    row["load_average_after"] = os.getloadavg()[0]
    for when in ("cold", "warm"):
        theirs = row.get(f"ydata_{when}_s")
        row[f"overview_{when}_ratio"] = row[f"overview_{when}_s"] / theirs if theirs else None
    row["rerun_p50_s"] = max(row["rerun_behaviour"]["p50"], row["rerun_persona"]["p50"])
    row["pin_to_card_s"] = row["pin_to_card_app"]["p50"]
    empty = row["empty_rerun"]["p50"]
    row["rerun_to_empty"] = row["rerun_p50_s"] / empty
    row["card_to_empty"] = row["pin_to_card_s"] / empty
    return row


def verdict(key: str, n: int, value: float | None) -> str:
    target = TARGETS.get(key, {}).get(n)
    if value is None:
        return "n/a"
    if target is None:
        return ""
    return "ok" if value <= target else f"MISSES <= {target:g}"


def table(rows: list[dict], info: dict) -> str:
    lines = [f"machine: {info['cpu']}, {info['cores']} cores, {info['memory_gb']} GB, "
             f"{info['system']}, Python {info['python']}; load average "
             + ", ".join(f"{r['load_average_before']:.1f}-{r['load_average_after']:.1f}"
                         for r in rows) + " (per size, before-after)"]
    sizes = [r["respondents"] for r in rows]
    lines.append(f"{'':46}" + "".join(f"{n:>13,}" for n in sizes))

    def line(label: str, key: str, fmt, value=lambda r, k: r.get(k)) -> None:
        cells = []
        for r in rows:
            v = value(r, key)
            mark = verdict(key, r["respondents"], v)
            text = "-" if v is None else fmt(v)
            if mark not in ("", "n/a"):
                text += " ✓" if mark == "ok" else " ✗"
            cells.append(f"{text:>13}")
        lines.append(f"{label:46}" + "".join(cells))

    seconds = lambda v: f"{v:.2f} s"  # noqa: E731
    millis = lambda v: f"{v * 1000:.0f} ms"  # noqa: E731
    ratio = lambda v: f"{v:.2f}x"  # noqa: E731
    p50 = lambda name: lambda r, k: r[name]["p50"]  # noqa: E731
    p95 = lambda name: lambda r, k: r[name]["p95"]  # noqa: E731
    line("file size", "file_mb", lambda v: f"{v:.0f} MB")
    line("bare pyarrow.csv.read_csv, warm, best of 3", "pyarrow_read_s", seconds)
    line("load + inference, warm, best of 3", "load_and_infer_s", seconds)
    line("  ratio to pyarrow (target <= 1.5)", "load_ratio", ratio)
    line("our first overview, cold (fresh process)", "overview_cold_s", seconds)
    line("  of which importing the library", "overview_import_s", seconds)
    line("ydata minimal report, cold (fresh process)", "ydata_cold_s", seconds)
    line("  of which importing ydata-profiling", "ydata_import_s", seconds)
    line("  ratio ours / ydata, cold", "overview_cold_ratio", ratio)
    line("our first overview, warm (2nd in process)", "overview_warm_s", seconds)
    line("ydata minimal report, warm (2nd in process)", "ydata_warm_s", seconds)
    line("  ratio ours / ydata, warm", "overview_warm_ratio", ratio)
    line("empty Streamlit rerun (AppTest) p50", "", millis, p50("empty_rerun"))
    line("rerun after segment change, 'What they do' p50", "", millis, p50("rerun_behaviour"))
    line("  p95", "", millis, p95("rerun_behaviour"))
    line("rerun after segment change, persona card p50", "", millis, p50("rerun_persona"))
    line("  p95", "", millis, p95("rerun_persona"))
    line("  slower of the two p50 (target <= 150 ms)", "rerun_p50_s", millis)
    line("  ratio to the empty rerun", "rerun_to_empty", ratio)
    line("  'What they do' p50, no AppTest compiles", "", millis,
         p50("rerun_behaviour_no_compile"))
    line("  persona card p50, no AppTest compiles", "", millis,
         p50("rerun_persona_no_compile"))
    line("pin -> persona card page run done p50", "pin_to_card_s", millis)
    line("  the pin's own run (sidebar list) p50", "", millis, p50("pin_to_sidebar"))
    line("  then the card page's run p50", "", millis, p50("open_card_after_pin"))
    line("  ratio to the empty rerun", "card_to_empty", ratio)
    line("  p50 without AppTest's script compiles", "", millis,
         p50("pin_to_card_app_no_compile"))
    line("pin + build_card, library only p50", "", millis, p50("pin_to_card_library"))
    line("distinctive traits, first segment", "distinctive_traits_first_s", millis)
    line("distinctive traits, a new segment, best of 3", "distinctive_traits_s", millis)
    line("suggested segments (latent classes, 30 q.)", "clustering_s", seconds)
    line("upload -> first page ready (app)", "upload_to_ready_s", seconds)
    line("peak memory, load (RSS)", "peak_mb", lambda v: f"{v:,.0f} MB")
    line("  growth / file size (target <= 3)", "memory_ratio", ratio)
    line("peak memory, app session (RSS)", "app_peak_mb", lambda v: f"{v:,.0f} MB")
    line("  growth / file size", "app_memory_ratio", ratio)
    return "\n".join(lines)


TARGET_LINES = [  # (key, words, unit)
    ("load_ratio", "load + inference <= {t:g}x a bare pyarrow read", "x"),
    ("memory_ratio", "peak memory of loading <= {t:g}x the file", "x"),
    ("rerun_p50_s", "rerun after a segment change <= {ms} ms p50", "s"),
    ("pin_to_card_s", "pin -> persona card page <= {ms} ms p50", "s"),
    ("clustering_s", "suggested segments <= {t:g} s", "s"),
    ("distinctive_traits_s", "distinctive traits of one segment <= {ms} ms", "s"),
]


def targets(rows: list[dict], cold: dict) -> list[dict]:
    """One line per issue-20 target and size: the measured value, met or not met (None when
    the size was not run)."""
    out = []
    by_size = {r["respondents"]: r for r in rows}
    for key, words, unit in TARGET_LINES:
        for n, target in TARGETS[key].items():
            value = by_size[n].get(key) if n in by_size else None
            out.append({"target": f"{words.format(t=target, ms=round(target * 1000))} "
                                  f"at {n:,}", "value": value, "unit": unit,
                        "met": None if value is None else value <= target})
    ratio = cold.get("ratios", {}).get("median")
    out.append({"target": f"cold start <= {COLD_START_TARGET:g}x a bare Streamlit app's "
                          "first paint (median)", "value": ratio, "unit": "x",
                "met": None if ratio is None else ratio <= COLD_START_TARGET,
                "note": cold.get("note")})
    return out


def target_lines(found: list[dict]) -> str:
    lines = ["issue 20 targets:"]
    for t in found:
        if t["value"] is None:
            shown, mark = t.get("note") or "not measured in this run", "-"
        else:
            shown = (f"{t['value']:.2f}x" if t["unit"] == "x" else
                     f"{t['value'] * 1000:.0f} ms" if t["value"] < 1 else f"{t['value']:.2f} s")
            mark = "met" if t["met"] else "NOT MET"
        lines.append(f"  {t['target']:<66} {shown:>10}  {mark}" if len(shown) <= 10
                     else f"  {t['target']:<66} -  ({shown})")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+",
                        default=[10_000, 100_000, 240_000, 1_000_000])
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results.json")
    parser.add_argument("--quick", action="store_true", help="one run of each, fewer reruns")
    parser.add_argument("--no-cold-start", action="store_true",
                        help="skip benchmarks/cold_start.py (a real browser)")
    for mode in ("memory", "times", "overview", "app"):
        parser.add_argument(f"--{mode}", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    for mode, measure in (("memory", lambda p, q: measure_memory(p)), ("times", measure_times),
                          ("overview", measure_overview), ("app", measure_app)):
        if getattr(args, mode):
            print(json.dumps(measure(getattr(args, mode), args.quick)))
            return
    info = machine()
    rows = []
    for n in args.sizes:
        print(f"measuring {n:,} respondents…", file=sys.stderr, flush=True)
        rows.append(measure_size(n, args.quick))
        print(f"  done, load average {os.getloadavg()[0]:.1f}", file=sys.stderr, flush=True)
    cold = {"note": "skipped (--no-cold-start)"} if args.no_cold_start else cold_start()
    found = targets(rows, cold)
    report = table(rows, info) + "\n\n" + target_lines(found)
    print(report)
    args.json.write_text(json.dumps({"machine": info, "sizes": rows, "cold_start": cold,
                                     "targets": found, "report": report,
                                     "when": time.strftime("%Y-%m-%d %H:%M %Z")}, indent=2))
    print(f"\nwritten: {args.json}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
