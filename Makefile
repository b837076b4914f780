PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PYTEST_ARGS ?=

.PHONY: demo test bench install clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/peerjobs demo

test: $(STAMP)
	$(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)

bench: $(STAMP)
	@for module in $$(ls benchmarks/*.py 2>/dev/null | grep -v __init__ | xargs -n1 basename | sed 's/\.py$$//'); do \
		echo "== benchmarks.$$module"; $(BIN)/python -m benchmarks.$$module || exit 1; done

clean:
	rm -rf $(VENV) var .pytest_cache
