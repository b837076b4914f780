PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
BROWSER_DIR := tests/browser
AXE := $(BROWSER_DIR)/node_modules/axe-core/axe.min.js
PYTEST_ARGS ?=

.PHONY: demo test bench install clean browser-deps translations

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/peerjobs demo

test: $(STAMP) browser-deps
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)

# The browser tests drive Debian's Chromium and load axe-core from npm (pinned by its lockfile).
browser-deps: $(AXE)
	@command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)

$(AXE): $(BROWSER_DIR)/package.json $(BROWSER_DIR)/package-lock.json
	npm ci --prefix $(BROWSER_DIR) --no-audit --no-fund
	touch $(AXE)

# After changing marked words: refresh the Spanish catalog from the code, then translate what is new
# (docs/spanish_glossary.md). The web app and the alert emails build the .mo from the .po when they start.
translations: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --no-location -o webapp/translations/messages.pot .
	$(BIN)/pybabel update -i webapp/translations/messages.pot -d webapp/translations --no-fuzzy-matching --width 120

bench: $(STAMP)
	@for module in $$(ls benchmarks/*.py 2>/dev/null | grep -v __init__ | xargs -n1 basename | sed 's/\.py$$//'); do \
		echo "== benchmarks.$$module"; $(BIN)/python -m benchmarks.$$module || exit 1; done

clean:
	rm -rf $(VENV) var .pytest_cache
