# Makefile for StableDiffusionBook: two editions (zh_CN source, en from locale/) in HTML and PDF.
#
# `make book` builds everything a reader gets; `make test` runs the test suite.
# Both set themselves up: a .venv from requirements.txt, and Debian's TeX, fonts and Chromium
# (tools/ensure-system.sh installs them as root, or prints the command to run).

PYTHON       ?= python3
VENV         ?= .venv
BUILDDIR     ?= _build
PAGES        ?=
EDITION      ?= $(firstword $(EDITIONS))

VENV_PY      := $(VENV)/bin/python
SDBOOK       := $(VENV_PY) -m sdbook
# Facts asked of the book's package (sdbook.editions, sdbook.build) when a recipe runs, once the
# venv exists: the editions, the options of every sphinx-build, and the version on the downloads
# (fixed once per run, so every edition and file of one `make book` carries the same one).
EDITIONS      = $(shell $(SDBOOK) editions)
SPHINXOPTS   ?= $(shell $(SDBOOK) build-options) -j auto -q
ifndef SDBOOK_VERSION
SDBOOK_VERSION := $(shell test -x $(VENV_PY) && $(SDBOOK) release 2>/dev/null)
endif
export SDBOOK_VERSION
SPHINXBUILD  := $(VENV)/bin/sphinx-build
# $(1): edition; $(2): doctree cache name (builders that cannot share a cache get their own)
SPHINX       = SDBOOK_LANG=$(1) $(SPHINXBUILD) -c . -d $(BUILDDIR)/doctrees/$(or $(2),$(1)) $(SPHINXOPTS)

.DEFAULT_GOAL := help

.PHONY: help
help:
	@echo "StableDiffusionBook: make <target>"
	@echo
	@echo "  book          both editions as HTML, PDF, EPUB and offline ZIP (everything a reader gets)"
	@echo "  html          HTML of both editions -> $(BUILDDIR)/html/{zh_CN,en}/"
	@echo "  html-zh       HTML of the Chinese edition only (html-<edition> for any edition)"
	@echo "  html-en       HTML of the English edition only"
	@echo "  pdf           PDF of both editions -> $(BUILDDIR)/pdf/"
	@echo "  epub          EPUB of both editions -> $(BUILDDIR)/html/downloads/"
	@echo "  archive       offline HTML archive (zip) of both editions -> $(BUILDDIR)/html/downloads/"
	@echo "  gettext       translation templates (.pot) -> $(BUILDDIR)/gettext/"
	@echo "  intl-update   update locale/en from the templates (PAGES=\"doc ...\" limits it)"
	@echo "  intl-check    check the English catalogs (markup, completeness, glossary)"
	@echo "  intl-stats    translation progress per page"
	@echo "  linkcheck     check every external link; report in $(BUILDDIR)/linkcheck/"
	@echo "  live          preview at http://127.0.0.1:8000 (EDITION=en for the English edition)"
	@echo "  check         quick checks: linter, unit and small-book tests (under a minute)"
	@echo "  test          the whole test suite (builds the real book, PDF, browser and card-renderer tests too)"
	@echo "  clean         remove $(BUILDDIR)"
	@echo
	@echo "Variables: BUILDDIR=$(BUILDDIR) SPHINXOPTS=\"$(SPHINXOPTS)\""

# -- Setup -------------------------------------------------------------------------------

.PHONY: venv
venv: $(VENV)/.installed

# requirements.txt installs the book's own package (pyproject.toml) in editable mode too.
$(VENV)/.installed: requirements.txt pyproject.toml
	@test -x $(VENV_PY) || $(PYTHON) -m venv $(VENV)
	$(VENV_PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

# The card renderer's packages (requirements-cards.txt: torch, diffusers), for its tests: the book
# itself builds without them. About 45 s and 1.3 GB on a fresh venv (torch is a CPU build here).
.PHONY: venv-cards
venv-cards: $(VENV)/.installed-cards

$(VENV)/.installed-cards: $(VENV)/.installed requirements-cards.txt
	$(VENV_PY) -m pip install --quiet --disable-pip-version-check -r requirements-cards.txt
	@touch $@

# A build folder that cannot be written (read-only, or a file in the way) is said so plainly,
# before Sphinx starts and fails with a traceback.
.PHONY: builddir
builddir:
	@mkdir -p $(BUILDDIR) && touch $(BUILDDIR)/.writable && rm -f $(BUILDDIR)/.writable \
		|| { echo "make: cannot write the build folder $(BUILDDIR); choose another with BUILDDIR=..." >&2; exit 1; }

.PHONY: tex browser validator
tex:
	@sh tools/ensure-system.sh pdf
browser:
	@sh tools/ensure-system.sh browser

# The W3C checker that tests/book/test_html_valid.py runs, at the version tools/html-validator pins.
VNU_DIR := $(VENV)/html-validator
validator: $(VNU_DIR)/.installed
$(VNU_DIR)/.installed: tools/html-validator/package.json tools/html-validator/package-lock.json
	@sh tools/ensure-system.sh validator
	@mkdir -p $(VNU_DIR) && cp tools/html-validator/package.json tools/html-validator/package-lock.json $(VNU_DIR)/
	npm ci --prefix $(VNU_DIR) --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

# -- Books -------------------------------------------------------------------------------

.PHONY: book
book: venv
	@$(MAKE) --no-print-directory html
	@$(MAKE) --no-print-directory pdf
	@$(MAKE) --no-print-directory epub
	@$(MAKE) --no-print-directory archive

.PHONY: html
html: venv
	@$(MAKE) --no-print-directory -j2 $(addprefix html-,$(EDITIONS))
	@$(SDBOOK) site-index $(BUILDDIR)/html/index.html
	@cp $(BUILDDIR)/html/$(firstword $(EDITIONS))/404.html $(BUILDDIR)/html/404.html
	@echo "HTML: $(BUILDDIR)/html/index.html"

# html-<edition> for any edition; html-zh is short for the Chinese one.
.PHONY: html-zh
html-zh: html-zh_CN

html-%: venv builddir
	$(call SPHINX,$*) -b html source $(BUILDDIR)/html/$*

.PHONY: pdf
pdf: venv tex
	@$(MAKE) --no-print-directory -j2 $(addprefix pdf-,$(EDITIONS))
	@ls -l $(BUILDDIR)/pdf/

pdf-%: venv builddir
	$(call SPHINX,$*) -b latex source $(BUILDDIR)/latex/$*
	$(MAKE) --no-print-directory -C $(BUILDDIR)/latex/$* all-pdf LATEXMKOPTS="-pdfxe -silent -interaction=nonstopmode -halt-on-error"
	@mkdir -p $(BUILDDIR)/pdf $(BUILDDIR)/html/downloads
	cp $(BUILDDIR)/latex/$*/StableDiffusionBook-$*.pdf $(BUILDDIR)/pdf/
	cp $(BUILDDIR)/latex/$*/StableDiffusionBook-$*.pdf $(BUILDDIR)/html/downloads/
	cp $(BUILDDIR)/latex/$*/StableDiffusionBook-$*.pdf $(BUILDDIR)/html/downloads/StableDiffusionBook-$*-$(SDBOOK_VERSION).pdf

# -- E-books and offline archives ---------------------------------------------------------

.PHONY: epub
epub: venv
	@for ed in $(EDITIONS); do $(MAKE) --no-print-directory epub-$$ed || exit 1; done

epub-%: venv
	$(call SPHINX,$*,epub-$*) -b epub source $(BUILDDIR)/epub/$*
	@mkdir -p $(BUILDDIR)/html/downloads
	cp $(BUILDDIR)/epub/$*/StableDiffusionBook-$*-$(SDBOOK_VERSION).epub $(BUILDDIR)/html/downloads/

# Each edition's HTML folder as it is published (search index included), for reading offline.
.PHONY: archive
archive: venv
	@for ed in $(EDITIONS); do test -f $(BUILDDIR)/html/$$ed/index.html || { $(MAKE) --no-print-directory html; break; }; done
	@mkdir -p $(BUILDDIR)/html/downloads
	@for ed in $(EDITIONS); do \
		zip=$(abspath $(BUILDDIR))/html/downloads/StableDiffusionBook-$$ed-$(SDBOOK_VERSION)-html.zip; \
		rm -f $$zip; \
		(cd $(BUILDDIR)/html && $(abspath $(VENV_PY)) -m zipfile -c $$zip $$ed) || exit 1; \
		echo "archive: $$zip"; \
	done

# -- Translation -------------------------------------------------------------------------

.PHONY: gettext
gettext: venv builddir
	$(call SPHINX,$(firstword $(EDITIONS)),gettext) -b gettext source $(BUILDDIR)/gettext

.PHONY: intl-update
intl-update: gettext
	$(SDBOOK) intl update --pot $(BUILDDIR)/gettext $(if $(PAGES),--pages $(PAGES))

.PHONY: intl-check
intl-check: venv
	$(SDBOOK) intl check $(PAGES)

.PHONY: intl-stats
intl-stats: venv
	$(SDBOOK) intl stats --json $(BUILDDIR)/intl-stats.json

# -- Checks and preview ------------------------------------------------------------------

.PHONY: linkcheck
linkcheck: venv
	-$(call SPHINX,$(firstword $(EDITIONS)),linkcheck) -b linkcheck source $(BUILDDIR)/linkcheck
	$(SDBOOK) links report $(BUILDDIR)/linkcheck/output.json

.PHONY: live
live: venv
	SDBOOK_LANG=$(EDITION) $(VENV)/bin/sphinx-autobuild -c . --host 127.0.0.1 --port 8000 \
		-d $(BUILDDIR)/doctrees/live source $(BUILDDIR)/live --watch _ext --watch locale

# The quick tiers: the linter, pure logic and small books built in-process (no TeX, no browser).
.PHONY: check
check: venv
	$(VENV)/bin/ruff check _ext tests bench tools conf.py
	$(SDBOOK) labels --check
	$(VENV)/bin/pytest -q tests/unit tests/sphinx

# Everything, the real book (HTML, PDF, EPUB), the browser tests and the card renderer (on a tiny
# random model) included: what CI runs.
.PHONY: test
test: venv venv-cards tex browser validator
	$(VENV)/bin/ruff check _ext tests bench tools conf.py
	$(SDBOOK) labels --check
	$(VENV)/bin/pytest -q tests

.PHONY: clean
clean:
	rm -rf $(BUILDDIR)
	find locale -name '*.mo' -delete
