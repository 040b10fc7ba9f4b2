# Two commands for a newcomer (see README.md):
#   make serve   set everything up, build the site from cases/ and preview it on http://127.0.0.1:8000
#   make test    set everything up (Python packages, Chromium, CJK fonts) and run every test
VENV   ?= .venv
PYTHON ?= python3
BIN    := $(VENV)/bin

.PHONY: setup system-deps serve build publish test bench clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

# Debian's Chromium (the browser tests drive it) and CJK fonts (so pages render Chinese).
system-deps:
	bash scripts/install-system-deps.sh

serve: setup
	$(BIN)/casebook serve

build: setup
	$(BIN)/casebook build

# A build meant for publishing: the site's address and repository come from CASEBOOK_SITE_URL and
# CASEBOOK_REPOSITORY (the Pages workflow sets them), and mkdocs.yml's placeholders are refused.
publish: setup
	$(BIN)/casebook build --publish

test: setup system-deps
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python scripts/bench.py

# What the build makes: the site, and the generated folders of docs/ (scripts/casebook/core/routes.py lists them).
clean: setup
	$(BIN)/casebook clean
