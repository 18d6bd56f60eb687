# figures: `make help` lists the targets. The environment lives in .venv/ and is created on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready

.DEFAULT_GOAL := help
.PHONY: help report test fuzz eval agreement lab kernel lab-settings working-copies bench lint format notebooks translations lock clean

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {name[++n] = $$1; text[n] = $$2; if (length($$1) > width) width = length($$1)} \
		END {for (i = 1; i <= n; i++) printf "  make %-" width "s  %s\n", name[i], text[i]}' $(MAKEFILE_LIST)

$(READY): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit("figures needs Python 3.11 or newer, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	$(BIN)/python -m ipykernel install --sys-prefix --name figures --display-name "Python (figures)" > /dev/null
	touch $(READY)

report: $(READY) kernel ## build reports/comparison.html, .csv, .xlsx and claims.json (the notebooks' sections, from the data)
	$(BIN)/python -m figures report

# The kernel "figures" for this user (~/.local/share/jupyter/kernels/figures, its python this .venv's): a Jupyter
# or papermill of any other environment finds it. The one in .venv (--sys-prefix, above) serves .venv's own Jupyter.
kernel: $(READY) ## register the kernel "Python (figures)" for your user: papermill and Jupyter of any environment find it
	$(BIN)/python -m ipykernel install --user --name figures --display-name "Python (figures)" > /dev/null

test: $(READY) ## run every test: unit tests, doctests, the notebooks under nbval (two processes, a file each)
	$(BIN)/python -m pytest -n 2 --dist loadfile

FUZZ_EXAMPLES ?= 2000

fuzz: $(READY) ## fuzz every input path (claims, reported figures, narrative, ECB snapshot, rate server, rate cache), FUZZ_EXAMPLES each
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest -n 2 --hypothesis-show-statistics -rxX \
		tests/test_fuzz.py tests/test_fuzz_live.py

SPLIT ?= dev
CORPUS := $(if $(filter all,$(SPLIT)),tests/corpus/dev tests/corpus/heldout tests/corpus/heldout2 tests/corpus/heldout3 tests/corpus/heldout4 tests/corpus/heldout5 tests/corpus/heldout6 tests/corpus/heldout7 tests/corpus/heldout8 tests/corpus/heldout9 tests/corpus/heldout10,tests/corpus/$(SPLIT))

eval: $(READY) ## score `figures extract` on the corpus of real articles (SPLIT=dev, heldout, heldout2, ..., heldout10 or all)
	$(BIN)/python -m figures.extract.score $(CORPUS)

agreement: $(READY) ## how far two careful readers agree on the claims of heldout9 and heldout10 (the ceiling of `make eval`)
	$(BIN)/python -m figures.extract.score --reader tests/corpus/second_reader tests/corpus/heldout9 tests/corpus/heldout10

LAB_DIR ?= lab
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings/overrides.json

lab: $(READY) kernel lab-settings working-copies ## open working copies of the notebooks (lab/) in JupyterLab on 127.0.0.1
	$(BIN)/jupyter lab --ip=127.0.0.1 --no-browser --ServerApp.root_dir=$(LAB_DIR) \
		--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate --LabApp.news_url=None \
		--LabApp.extension_manager=readonly $$( [ "$$(id -u)" = 0 ] && echo --allow-root )

# JupyterLab's settings for this project (no news, no update check), where Lab reads overrides: its app folder.
lab-settings:
	mkdir -p $(dir $(LAB_SETTINGS)) && cp jupyter/overrides.json $(LAB_SETTINGS)

# The committed notebooks are nbval's fixtures: Lab opens copies of them in $(LAB_DIR)/ (git-ignored), each
# copied once, when missing, so that a reader's experiments stay there.
working-copies:
	mkdir -p $(LAB_DIR) && for notebook in notebooks/*.ipynb; do \
		[ -e "$(LAB_DIR)/$${notebook##*/}" ] || cp "$$notebook" "$(LAB_DIR)/"; done

bench: $(READY) ## time the report, the tests and the converter against their floors (ratios)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev,bench]'
	$(BIN)/python benchmarks/bench_report.py
	$(BIN)/python benchmarks/bench_processes.py --tests
	$(BIN)/python benchmarks/bench_convert.py
	$(BIN)/python benchmarks/bench_convert_scale.py
	$(BIN)/python benchmarks/bench_load.py

lint: $(READY) ## ruff lint and format check
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

format: $(READY) ## ruff fix and format
	$(BIN)/ruff check --fix . && $(BIN)/ruff format .

notebooks: $(READY) ## re-execute the notebooks in place (commit their outputs)
	$(BIN)/python -m figures execute-notebooks

LOCALE_DIR := src/figures/locale

translations: $(READY) ## extract messages, update the French catalogue, compile it
	$(BIN)/pybabel extract -F babel.cfg --no-default-keywords -k tr -k N_ --no-location --sort-output --omit-header \
		-o $(LOCALE_DIR)/figures.pot .
	$(BIN)/pybabel update -i $(LOCALE_DIR)/figures.pot -d $(LOCALE_DIR) -D figures -l fr \
		--no-fuzzy-matching --ignore-pot-creation-date --ignore-obsolete
	$(BIN)/pybabel compile -d $(LOCALE_DIR) -D figures -l fr --statistics

lock: ## re-resolve requirements.lock from pyproject.toml in a scratch environment
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --disable-pip-version-check '.[dev,bench]'
	.lock-venv/bin/python -m pip freeze --exclude-editable | grep -v '^figures' > requirements.lock
	rm -rf .lock-venv build src/*.egg-info

clean: ## remove the environment and built reports
	rm -rf $(VENV) reports
