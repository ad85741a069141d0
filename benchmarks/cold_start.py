"""Cold start: a fresh `streamlit run` of the app against a bare Streamlit app (issue 20).

    python -m benchmarks.cold_start                   # best and median of 3 each
    python -m benchmarks.cold_start --runs 5
    python -m benchmarks.cold_start --app OTHER/app.py  # another checkout, e.g. before a change

For each run a new server process starts (`streamlit run --server.headless true`, the same
flags for both apps, each in its own folder as working directory so each reads its own
.streamlit/config.toml), a new headless chromium context opens its URL as soon as the server
answers its health check, and the clock (started just before the process) is read when real
content is visible: the bare app's "hello"; our Data page's title, then its survey numbers
(the metrics row: the sample is loaded and inferred), then its table of columns (Streamlit's
data grid, whose script the browser fetches only when the first table arrives). The apps
alternate, so machine load hits both alike; the browser is launched once, before any clock
starts, and one untimed run of each warms the disk cache (and keeps the app's sample, as a
user's second start would find it).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = 2.0
BARE_SCRIPT = 'import streamlit as st\n\nst.write("hello")\n'
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
BARE_MARKS = {"hello": '[data-testid="stMarkdown"] >> text=hello'}
APP_MARKS = {
    "Data page title": 'h1:has-text("Data")',
    "+ survey numbers": '[data-testid="stMetricValue"]',
    "+ table of columns": '[data-testid="stDataFrame"]',
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as reply:
            return reply.read().strip() == b"ok"
    except OSError:
        return False


def _stop(proc: subprocess.Popen) -> None:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(proc.pid, sig)
            proc.wait(timeout=10)
            return
        except ProcessLookupError:
            return
        except subprocess.TimeoutExpired:
            continue


def first_paint(browser, script: Path, marks: dict[str, str], env: dict[str, str]
                ) -> dict[str, float]:
    """Seconds from starting `streamlit run script` to each mark's selector being visible."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
           "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
           "--server.address", "127.0.0.1", "--server.port", str(port)]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=script.parent, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
                            start_new_session=True, env={**os.environ, **env})
    try:
        while not _healthy(url):
            if proc.poll() is not None or time.perf_counter() - start > 120:
                raise RuntimeError(f"server did not start: {' '.join(cmd)}")
            time.sleep(0.02)
        context = browser.new_context(viewport={"width": 1280, "height": 720})
        try:
            page = context.new_page()
            page.goto(url, wait_until="commit")
            seen = {}
            for name, selector in marks.items():
                page.locator(selector).first.wait_for(state="visible", timeout=120_000)
                seen[name] = time.perf_counter() - start
            return seen
        finally:
            context.close()
    finally:
        _stop(proc)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--app", type=Path, default=ROOT / "app.py")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        bare = Path(folder) / "bare" / "hello.py"  # a folder of its own: no pages/ beside it
        bare.parent.mkdir()
        bare.write_text(BARE_SCRIPT)
        # The app's stores in a scratch folder, made by the untimed run.
        env = {"PERSONA_DATA_DIR": folder, "PERSONA_DB_URL": f"sqlite:///{folder}/personas.db"}
        apps = {"bare": (bare, BARE_MARKS), "app": (args.app.resolve(), APP_MARKS)}
        times: dict[str, list[float]] = {name: [] for marks in
                                         (BARE_MARKS, APP_MARKS) for name in marks}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"),
                                        args=CHROMIUM_ARGS)
            for script, marks in apps.values():
                first_paint(browser, script, marks, env)
            for run in range(args.runs):
                for script, marks in apps.values():
                    for name, seconds in first_paint(browser, script, marks, env).items():
                        times[name].append(seconds)
                print(f"run {run + 1}: " + ", ".join(f"{name} {values[-1]:.2f} s"
                                                     for name, values in times.items()),
                      flush=True)
            browser.close()
    print(f"\ncold start to first paint: {args.app}, {args.runs} fresh processes each, "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}")
    bare_best, bare_median = min(times["hello"]), statistics.median(times["hello"])
    print(f"  {'bare Streamlit app, hello':<32} best {bare_best:5.2f} s  median "
          f"{bare_median:5.2f} s")
    for name in APP_MARKS:
        best, median = min(times[name]), statistics.median(times[name])
        verdict = "met" if best / bare_best <= TARGET else "not met"
        print(f"  {'app.py, ' + name:<32} best {best:5.2f} s  median {median:5.2f} s   "
              f"ratio {best / bare_best:.2f}x best, {median / bare_median:.2f}x median "
              f"(target <= {TARGET:.0f}x: {verdict})")


if __name__ == "__main__":
    main()
