# make run   - install requirements.txt into .venv and start the app
# make test  - install requirements-dev.txt (+ Debian chromium and postgresql) and run pytest
# make bench - speed and memory on 10k/100k/240k/1M-respondent surveys (benchmarks/run.py)
PY ?= python3
VENV := .venv
VPY := $(VENV)/bin/python

YDATA := benchmarks/.venv-ydata

.PHONY: run test bench chromium postgresql

run: $(VENV)/.installed-run
	$(VENV)/bin/streamlit run app.py

# pytest takes its args from [tool.pytest.ini_options] in pyproject.toml.
# Exit code 5 means "no tests collected"; that must fail the build, not pass it.
test: $(VENV)/.installed-test chromium postgresql
	@$(VPY) -m pytest; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: pytest collected no tests (exit 5) -> FAIL" >&2; exit 1; fi; \
	exit $$rc

# Prints a table and the issue-20 targets met or not, writes benchmarks/results.json; took
# 8-16 minutes on a busy 2-core machine (ydata-profiling runs twice per size, cold and warm).
bench: $(VENV)/.installed-run $(YDATA)/.installed
	$(VPY) -m benchmarks.run

$(VPY):
	$(PY) -m venv $(VENV)

# Stamps: reinstall only when a requirements file is newer than the stamp.
$(VENV)/.installed-run: requirements.txt | $(VPY)
	$(VPY) -m pip install -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements-dev.txt requirements.txt | $(VPY)
	$(VPY) -m pip install -r requirements-dev.txt
	touch $@

# ydata-profiling (the benchmark's comparison) needs pandas < 3: it gets a venv of its own.
$(YDATA)/.installed: benchmarks/requirements-ydata.txt
	$(PY) -m venv $(YDATA)
	$(YDATA)/bin/python -m pip install -r benchmarks/requirements-ydata.txt
	touch $@

# Playwright cannot download its own browsers here; the tests use Debian's chromium.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=; if [ "$$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO=sudo; fi; \
	  $$SUDO apt-get update && $$SUDO apt-get install -y --no-install-recommends chromium; }

# The store's tests run against a real PostgreSQL server they start themselves.
postgresql:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || { \
	  SUDO=; if [ "$$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO=sudo; fi; \
	  $$SUDO apt-get update && $$SUDO apt-get install -y --no-install-recommends postgresql; }
