# make run: set up and start the app on http://localhost:8501 with the built-in data.
# make test: set up and run every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DB := $(or $(SURVEY_DB),data/survey.duckdb)
PORT ?= 8501

.PHONY: run test setup db reconstruct lock clean bench loadtest

# The database is built only where there is none: a published import is never replaced behind anyone's back.
# One built by an earlier version of the app is upgraded, its answers kept.
run: $(VENV)/.app
	@test -e $(DB) || $(PY) -m survey build --db $(DB)
	@$(PY) -m survey upgrade --db $(DB)
	$(PY) -m streamlit run deploy/asgi.py --server.port $(PORT)

test: $(VENV)/.dev
	$(PY) -m ruff check .
	$(PY) -m pytest

setup: $(VENV)/.dev

# Build (again) from the reconstruction, as a new version: the earlier ones stay to roll back to.
db: $(VENV)/.app
	$(PY) -m survey build --db $(DB)

$(VENV)/.created:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	touch $@

# The project itself, editable (pyproject.toml): survey/, queries/, bench/ and deploy/ import from anywhere.
$(VENV)/.app: requirements.txt pyproject.toml $(VENV)/.created
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt $(VENV)/.app
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

# Regenerate data/responses.csv from the reconstruction program (byte for byte the committed file).
reconstruct: $(VENV)/.app
	$(PY) -m survey reconstruct

# Record the versions the tests pass with.
lock: $(VENV)/.dev
	$(PY) -m pip freeze --exclude-editable > requirements-lock.txt

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis tests/artifacts

# Benchmarks (not part of make test): every page at 1k, 100k, 1M and 10M respondents, imports of 350k and 1M
# respondents, page loads and clicks in Chromium at the seed's size and 1M, what the noise against differencing
# costs; writes bench/RESULTS.md and bench/NOISE.md.
bench: $(VENV)/.dev
	$(PY) bench/run.py
	$(PY) bench/imports.py
	$(PY) bench/browser.py
	$(PY) bench/noise.py

# How many people one server holds, and two replicas behind nginx (deploy/): 10, 50 and 100 sessions over
# Streamlit's websocket protocol, 2 minutes each, at the seed's size and at a million respondents, then where
# p95 passes 1 s at the seed's size; adds to bench/RESULTS.md.
loadtest: $(VENV)/.dev
	$(PY) bench/load.py
