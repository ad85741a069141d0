"""Real-browser harness: `streamlit run` in a subprocess + Debian chromium.

Modelled on streamlit/streamlit's e2e_playwright/conftest.py.

Fixtures:
    app_server  (session) -> base URL, e.g. "http://127.0.0.1:54321"
    app_page    (function) -> playwright Page opened on the app's main page, idle
    page        (function) -> pytest-playwright's plain Page (1280x720)
Helpers: see helpers.py (wait_for_app, assert_no_exception, save_screenshot).

Env: PERSONA_APP_SCRIPT picks the script to serve (default app.py; relative
paths are resolved against the repo root, which is also the server's cwd).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import Page

from helpers import ARTIFACTS_DIR, wait_for_app

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[1]
SERVER_START_TIMEOUT_S = 60

CHROMIUM_ARGS = [
    "--no-sandbox",  # we run as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # No internet here: without these chromium stalls on refused connections.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # This hook sees every collected item, not just ours: filter by path.
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


# --- browser -----------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Extend pytest-playwright's launch args: use the system chromium."""
    exe = shutil.which("chromium")
    if exe is None:
        pytest.fail(
            "chromium not on PATH (Playwright cannot download browsers here); "
            "`make test` installs it with apt-get install chromium",
            pytrace=False,
        )
    args = list(CHROMIUM_ARGS)
    if browser_type_launch_args.get("headless", True):  # respects --headed
        args.insert(0, "--headless")
    return {
        **browser_type_launch_args,
        "executable_path": exe,
        "args": [*browser_type_launch_args.get("args", []), *args],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {"viewport": {"width": 1280, "height": 720}, **browser_context_args}


# --- streamlit server ----------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as r:
            return r.read().decode().strip() == "ok"
    except OSError:
        return False


def _stop(proc: subprocess.Popen) -> None:
    """Terminate the whole process group (streamlit may spawn children)."""
    if proc.poll() is not None:
        return
    for sig, wait_s in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait_s)
            return
        except subprocess.TimeoutExpired:
            continue


def start_server(env: dict[str, str], args: tuple[str, ...] = ()) -> tuple[subprocess.Popen, str]:
    """`streamlit run` on a free port, healthy before it returns; the caller stops it."""
    script = Path(os.environ.get("PERSONA_APP_SCRIPT", "app.py"))
    if not script.is_absolute():
        script = REPO_ROOT / script
    if not script.is_file():
        pytest.fail(f"app script not found: {script}", pytrace=False)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
        "--server.address", "127.0.0.1",
        "--server.port", str(port),
        *args,
    ]
    # Logs go to files, not pipes (a full pipe would block the server), and
    # stay in artifacts/ for post-mortems.
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    out_path = ARTIFACTS_DIR / f"streamlit-server-{port}.stdout.log"
    err_path = ARTIFACTS_DIR / f"streamlit-server-{port}.stderr.log"
    with open(out_path, "w") as out, open(err_path, "w") as err:
        proc = subprocess.Popen(
            cmd,
            cwd=REPO_ROOT,
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # own process group -> killpg on teardown
            env={**os.environ, "PYTHONUNBUFFERED": "1", **env},
        )
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while not _healthy(url):
        if proc.poll() is not None or time.monotonic() > deadline:
            what = (
                f"exited with code {proc.returncode}"
                if proc.poll() is not None
                else f"not healthy after {SERVER_START_TIMEOUT_S}s"
            )
            _stop(proc)
            pytest.fail(
                f"streamlit server {what}: {' '.join(cmd)}\n"
                f"--- stderr ---\n{err_path.read_text()}\n"
                f"--- stdout ---\n{out_path.read_text()}",
                pytrace=False,
            )
        time.sleep(0.25)
    return proc, url


@pytest.fixture(scope="session")
def server_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The browser tests' own data folder and persona database, shared by their servers."""
    folder = tmp_path_factory.mktemp("browser-data")
    return {"PERSONA_DATA_DIR": str(folder),
            "PERSONA_DB_URL": f"sqlite:///{folder / 'personas.db'}"}


@pytest.fixture
def own_env(tmp_path: Path) -> dict[str, str]:
    """A data folder and persona database of this test's own."""
    return {"PERSONA_DATA_DIR": str(tmp_path), "PERSONA_DB_URL": f"sqlite:///{tmp_path}/p.db"}


@contextmanager
def serving(env: dict[str, str], args: tuple[str, ...] = ()) -> Iterator[str]:
    """The URL of a server started on `env`, stopped when the block ends."""
    proc, url = start_server(env, args)
    try:
        yield url
    finally:
        _stop(proc)


@pytest.fixture
def fresh_server(own_env: dict[str, str]) -> Iterator[str]:
    """A server of this test's own, on its own data, that no browser has opened yet."""
    with serving(own_env) as url:
        yield url


@pytest.fixture(scope="session")
def app_server(server_env: dict[str, str]) -> Iterator[str]:
    with serving(server_env) as url:
        yield url


@pytest.fixture
def app_page(page: Page, app_server: str) -> Page:
    """A page opened on the app's main page, after its first run finished."""
    page.goto(app_server)
    wait_for_app(page)
    return page
