# CRM Workbook: `make lab` opens the workbook, `make test` runs every check, `make help` lists all.
# Every target creates and updates the virtual environment in .venv first: `make lab` and
# `make check` install only what the workbook needs; `make test`, `make bench`, `make lint`
# and `make format` add the test, benchmark and development tools.

# The interpreter .venv is built with: the distribution's Python 3.11 if there is one
# (compiled with profile-guided optimisation: the simulation runs 1.1-1.4 times faster),
# else python3 from the PATH; see tools/choose_python.sh. `make PYTHON=...` overrides it.
PYTHON ?= $(shell sh tools/choose_python.sh)
VENV := .venv
BIN := $(VENV)/bin
RUNTIME_STAMP := $(VENV)/.installed-runtime
STAMP := $(VENV)/.installed
PYTEST_WORKERS ?= 2
PORT ?= 8888
STUDENT ?=
# The classroom dashboard: 127.0.0.1 unless a bind address and a token are given on purpose.
DEMO_IP ?= 127.0.0.1
DEMO_PORT ?= 8866
DEMO_TOKEN ?=
DEMO_KERNELS ?= 6
# Which dashboard of notebooks/dashboards/ `make demo` serves: contact-center or campaign-planner.
DASH ?= contact-center
# Slides of the chapters: html, pdf or both, written to SLIDES_OUT.
SLIDES_FORMAT ?= both
SLIDES_OUT ?= build/slides
# JupyterLab refuses to run as root unless told that this is intended.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: help install install-runtime lab test lint format bench check demo slides clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 18

# The workbook itself (JupyterLab, the simulator, the flashcards): what students need.
$(RUNTIME_STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	@touch $(RUNTIME_STAMP)

# Everything: the workbook plus the test, benchmark and development tools.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,bench,dev,scale]'
	@touch $(STAMP) $(RUNTIME_STAMP)

install-runtime: $(RUNTIME_STAMP) ## install what the workbook needs into .venv

install: $(STAMP) ## install the workbook and the test, benchmark and dev tools into .venv

# Starts JupyterLab on "Start here" and prints its link, with a fresh token, as the last lines.
# The token reaches Jupyter through the environment, not the command line (see
# jupyter-config/start_lab.py); a busy PORT moves on to the next free one.
# STUDENT=s1234567 gives the exercise notebooks that student's own numbers (CRMSIM_STUDENT).
lab: $(RUNTIME_STAMP) ## open the workbook in JupyterLab (PORT=8888, STUDENT=your id)
	@CRMSIM_STUDENT=$(STUDENT) $(BIN)/python jupyter-config/start_lab.py --port=$(PORT)

lint: $(STAMP) ## check formatting, lint rules, types and notebook cleanliness (ruff, mypy)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python tools/clean_notebooks.py --check
	$(BIN)/crmsim exercises build --check

format: $(STAMP) ## format the code (ruff) and strip outputs and widget state from notebooks
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .
	$(BIN)/python tools/clean_notebooks.py

# Every test, the notebooks and the exercise solutions included (nbval: outputs are
# compared only in cells tagged nbval-check-output, every cell must run without an error).
# The student versions of the exercises are tested by tests/test_exercises*.py, the
# docstring examples of every crmsim module by tests/test_doctests.py.
test: lint ## run every check: ruff, then the tests, notebooks and exercise solutions
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadfile --color=no \
		--nbval-lax --nbval-current-env tests notebooks exercises/solutions

# Students: check your answers in the exercise notebooks and see a scoreboard per task.
check: $(RUNTIME_STAMP) ## check your exercise answers and print a scoreboard
	$(BIN)/crmsim check exercises/*.ipynb

bench: $(STAMP) ## print the speed figures (benchmarks/)
	$(BIN)/python -m benchmarks

# The live dashboard for the lecture hall: Voila shows notebooks/dashboards/contact-center.ipynb
# as an app (no code) at http://127.0.0.1:8866. Every page load starts its own kernel; at most
# DEMO_KERNELS run at once (jupyter-config/demo_kernels.py), and a kernel whose page was closed
# is shut down after 10 minutes without activity (checked every minute). For a classroom
# network give the bind address and a token on purpose, e.g.
#   make demo DEMO_IP=0.0.0.0 DEMO_TOKEN=lecture-2026
# Another dashboard: make demo DASH=campaign-planner (chapter 05's campaign planner).
demo: $(RUNTIME_STAMP) ## serve a dashboard, contact center by default (DASH, DEMO_IP, DEMO_TOKEN, DEMO_KERNELS)
	@if [ ! -f "notebooks/dashboards/$(DASH).ipynb" ]; then \
		echo "make demo: no dashboard '$(DASH)'; DASH is one of: $$(ls notebooks/dashboards | sed -n 's/\.ipynb$$//p' | tr '\n' ' ')" >&2; \
		exit 2; fi
	@if [ "$(DEMO_IP)" != "127.0.0.1" ] && [ -z "$(DEMO_TOKEN)" ]; then \
		echo "make demo: serving on $(DEMO_IP) needs a token: make demo DEMO_IP=$(DEMO_IP) DEMO_TOKEN=..." >&2; \
		exit 2; fi
	PYTHONPATH=jupyter-config $(BIN)/voila notebooks/dashboards/$(DASH).ipynb --no-browser \
		--Voila.ip=$(DEMO_IP) --port=$(DEMO_PORT) $(if $(DEMO_TOKEN),--Voila.token=$(DEMO_TOKEN),) \
		--VoilaConfiguration.multi_kernel_manager_class=demo_kernels.LimitedKernelManager \
		--LimitedKernelManager.max_kernels=$(DEMO_KERNELS) \
		--MappingKernelManager.cull_idle_timeout=600 --MappingKernelManager.cull_interval=60

# Slides for a learning platform: every chapter is run, then written as reveal.js HTML that
# works offline (scripts copied to SLIDES_OUT/assets) and printed to PDF by Debian's Chromium
# (apt-get install -y chromium); panels show their last state. One chapter:
#   .venv/bin/crmsim export 03 --format pdf
slides: $(RUNTIME_STAMP) ## export the chapters as slides (SLIDES_FORMAT=html|pdf|both, SLIDES_OUT)
	$(BIN)/crmsim export --format $(SLIDES_FORMAT) --out $(SLIDES_OUT)

clean: ## remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis .mypy_cache
