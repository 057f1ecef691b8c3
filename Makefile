# Two commands on a fresh machine: `make demo` and `make test` (each installs first).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
RUNTIME := $(VENV)/.installed-runtime
DEMO_DB := demo.db

.PHONY: install install-runtime demo docs test lint typecheck bench bench-scale bench-themes bench-quotes clean

install: $(STAMP)

# the test and development tools (pytest, ruff, dask…) on top of what vnt needs
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -qq --upgrade pip
	$(BIN)/python -m pip install -qq -e '.[dev]'
	@touch $(STAMP) $(RUNTIME)

# only what vnt needs: the demo's install (a dev install counts too)
install-runtime: $(RUNTIME)

$(RUNTIME): pyproject.toml
	@echo "Setting up .venv (first run only)…"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install -qq --upgrade pip
	@$(BIN)/python -m pip install -qq -e .
	@touch $(RUNTIME)

demo: install-runtime
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/vnt ingest corpus/ --db $(DEMO_DB)
	$(BIN)/vnt docs --db $(DEMO_DB) -f table
	$(BIN)/vnt themes --db $(DEMO_DB) -f table
	$(BIN)/vnt topics --db $(DEMO_DB) -f table --seed 0
	$(BIN)/vnt keywords --db $(DEMO_DB) -f table --top 15
	$(BIN)/vnt quotes --db $(DEMO_DB) -f table --speaker "Nguyễn Huy Dũng"
	$(BIN)/vnt speakers --db $(DEMO_DB) -f table

# refresh docs/report.png (the README's picture of the report) with headless Chromium
CHROMIUM ?= chromium
DOCS_TMP := .docs-build
docs: install-runtime
	@rm -rf $(DOCS_TMP) && mkdir -p $(DOCS_TMP)
	$(BIN)/vnt ingest corpus/ --db $(DOCS_TMP)/samples.db
	$(BIN)/vnt report --db $(DOCS_TMP)/samples.db -o $(DOCS_TMP)/report.html \
		--title "Chuyển đổi số — mẫu" --seed 0
	$(CHROMIUM) --headless --no-sandbox --disable-gpu --no-first-run \
		--disable-background-networking --user-data-dir=$(CURDIR)/$(DOCS_TMP)/profile \
		--window-size=1280,2400 --screenshot=$(CURDIR)/docs/report.png \
		file://$(CURDIR)/$(DOCS_TMP)/report.html
	@rm -rf $(DOCS_TMP)

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check vntransform tests bench
	$(BIN)/ruff format --check vntransform tests bench

# the whole package is type-checked (issue 17)
MYPY_MODULES := vntransform

typecheck: install
	$(BIN)/mypy $(MYPY_MODULES)

bench: install
	$(BIN)/python bench/run.py --sample 2000

bench-scale: install
	$(BIN)/python bench/run.py --scale

bench-themes: install
	$(BIN)/python bench/themes.py

bench-quotes: install
	$(BIN)/python bench/quotes.py --timing

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm .pytest_cache $(DOCS_TMP)
