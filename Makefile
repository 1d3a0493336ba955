# Two commands for a new user: `make report` and `make test`. Both create .venv/ when it is
# missing (from nothing but Python 3.11) and reuse it otherwise. constraints.txt is the lock
# file: every package at an exact version, installed as requirements (so that extras such as
# lxml[html_clean] cannot slip through), because stored notebook outputs depend on versions.

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: report test notebooks screenshots venv lock clean

report: $(STAMP)
	$(BIN)/toolkit report data/articles --out build/report

# The README's pictures of the report (needs Debian's chromium: apt-get install chromium).
screenshots: report
	$(BIN)/python docs/make_screenshots.py

# Unit tests, the library's doctests and the stored notebooks (nbval re-runs each notebook and
# compares its outputs), in one pytest call.
test: $(STAMP)
	$(BIN)/python -m pytest tests toolkit notebooks --doctest-modules --nbval --nbval-current-env \
	  --nbval-sanitize-with notebooks/sanitize.cfg

venv: $(STAMP)

# Re-run the curated notebooks top to bottom in a fresh kernel and store their outputs (nbval
# compares against them): run this after any change that alters what the toolkit extracts.
notebooks: $(STAMP)
	cd notebooks && MPLBACKEND=module://matplotlib_inline.backend_inline ../$(BIN)/jupyter nbconvert \
	  --to notebook --execute --inplace --ExecutePreprocessor.timeout=600 *.ipynb

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; run: make PYTHON=/path/to/python3.11")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r constraints.txt -e '.[dev]'
	$(BIN)/python -m pip check
	touch $(STAMP)

# Re-pin every dependency to what a fresh resolve gives today (then run `make test`).
lock:
	rm -rf build/lockenv && $(PYTHON) -m venv build/lockenv
	build/lockenv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	{ echo '# Pinned versions for reproducible installs (stored notebook outputs depend on them).'; \
	  echo "# Regenerate with 'make lock'."; \
	  build/lockenv/bin/python -m pip freeze --exclude-editable | grep -v '^-e'; } > constraints.txt
	rm -rf build/lockenv

clean:
	rm -rf build $(VENV)
