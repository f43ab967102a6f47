# CRM Workbook: `make lab` opens the workbook, `make test` runs every check.
# Both create and update the virtual environment in .venv first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_WORKERS ?= 2
# JupyterLab refuses to run as root unless told that this is intended.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
LAB_TOKEN ?= $(shell $(PYTHON) -c 'import secrets; print(secrets.token_hex(24))')

.PHONY: install lab test lint format bench check clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,bench,dev]'
	@touch $(STAMP)

install: $(STAMP)

# Opens "Start here"; the workbook settings only switch off JupyterLab's news pop-up.
lab: install
	$(BIN)/jupyter lab --ip=127.0.0.1 --IdentityProvider.token=$(LAB_TOKEN) \
		--ServerApp.root_dir=. --LabApp.app_settings_dir=jupyter-config/workbook-settings \
		$(ROOT_FLAG) notebooks/00-start-here.ipynb

lint: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Every test, the notebooks and the exercise solutions included (nbval: outputs are
# compared only in cells marked NBVAL_CHECK_OUTPUT, every cell must run without an error).
# The student versions of the exercises are tested by tests/test_exercises.py.
test: lint
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadfile --color=no \
		--nbval-lax --nbval-current-env tests notebooks exercises/solutions

# Students: check your answers in the exercise notebooks and see a scoreboard per task.
check: install
	$(BIN)/crmsim check exercises/*.ipynb

bench: install
	$(BIN)/python -m benchmarks

# The live dashboard for the lecture hall: Voila shows notebooks/dashboards/contact-center.ipynb
# as an app (no code) at http://127.0.0.1:8866. Every page load starts its own kernel; a kernel
# whose page was closed is shut down after 10 minutes without activity (checked every minute).
.PHONY: demo
demo: install
	$(BIN)/voila notebooks/dashboards/contact-center.ipynb --no-browser \
		--Voila.ip=127.0.0.1 --port=8866 \
		--MappingKernelManager.cull_idle_timeout=600 --MappingKernelManager.cull_interval=60

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
