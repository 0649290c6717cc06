# Makefile for StableDiffusionBook: two editions (zh_CN source, en from locale/) in HTML and PDF.
#
# `make book` builds everything a reader gets; `make test` runs the test suite.
# Both set themselves up: a .venv from requirements.txt, and Debian's TeX, fonts and Chromium
# (tools/ensure-system.sh installs them as root, or prints the command to run).

PYTHON       ?= python3
VENV         ?= .venv
BUILDDIR     ?= _build
SPHINXOPTS   ?= -W --keep-going -n -j auto -q
LANGUAGES    := zh_CN en
PAGES        ?=
EDITION      ?= zh_CN

VENV_PY      := $(VENV)/bin/python
SPHINXBUILD  := $(VENV)/bin/sphinx-build
# $(1): edition; $(2): doctree cache name (builders that cannot share a cache get their own)
SPHINX       = SDBOOK_LANG=$(1) $(SPHINXBUILD) -c . -d $(BUILDDIR)/doctrees/$(or $(2),$(1)) $(SPHINXOPTS)

.DEFAULT_GOAL := help

.PHONY: help
help:
	@echo "StableDiffusionBook: make <target>"
	@echo
	@echo "  book          both editions as HTML and PDF (everything a reader gets)"
	@echo "  html          HTML of both editions -> $(BUILDDIR)/html/{zh_CN,en}/"
	@echo "  html-zh       HTML of the Chinese edition only"
	@echo "  html-en       HTML of the English edition only"
	@echo "  pdf           PDF of both editions -> $(BUILDDIR)/pdf/"
	@echo "  gettext       translation templates (.pot) -> $(BUILDDIR)/gettext/"
	@echo "  intl-update   update locale/en from the templates (PAGES=\"doc ...\" limits it)"
	@echo "  intl-check    check the English catalogs (markup, completeness, glossary)"
	@echo "  intl-stats    translation progress per page"
	@echo "  linkcheck     check every external link; report in $(BUILDDIR)/linkcheck/"
	@echo "  live          preview at http://127.0.0.1:8000 (EDITION=en for the English edition)"
	@echo "  test          run the test suite"
	@echo "  clean         remove $(BUILDDIR)"
	@echo
	@echo "Variables: BUILDDIR=$(BUILDDIR) SPHINXOPTS=\"$(SPHINXOPTS)\""

# -- Setup -------------------------------------------------------------------------------

.PHONY: venv
venv: $(VENV)/.installed

$(VENV)/.installed: requirements.txt
	@test -x $(VENV_PY) || $(PYTHON) -m venv $(VENV)
	$(VENV_PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

.PHONY: tex browser
tex:
	@sh tools/ensure-system.sh pdf
browser:
	@sh tools/ensure-system.sh browser

# -- Books -------------------------------------------------------------------------------

.PHONY: book
book: venv
	@$(MAKE) --no-print-directory html
	@$(MAKE) --no-print-directory pdf

.PHONY: html
html: venv
	@$(MAKE) --no-print-directory -j2 html-zh html-en
	@mkdir -p $(BUILDDIR)/html
	@cp tools/site/index.html $(BUILDDIR)/html/index.html
	@echo "HTML: $(BUILDDIR)/html/index.html"

.PHONY: html-zh
html-zh: venv
	$(call SPHINX,zh_CN) -b html source $(BUILDDIR)/html/zh_CN

.PHONY: html-en
html-en: venv
	$(call SPHINX,en) -b html source $(BUILDDIR)/html/en

.PHONY: pdf
pdf: venv tex
	@$(MAKE) --no-print-directory pdf-zh_CN
	@$(MAKE) --no-print-directory pdf-en
	@ls -l $(BUILDDIR)/pdf/

.PHONY: pdf-zh_CN pdf-en
pdf-zh_CN pdf-en: pdf-%: venv
	$(call SPHINX,$*) -b latex source $(BUILDDIR)/latex/$*
	$(MAKE) --no-print-directory -C $(BUILDDIR)/latex/$* all-pdf LATEXMKOPTS="-silent -interaction=nonstopmode -halt-on-error"
	@mkdir -p $(BUILDDIR)/pdf $(BUILDDIR)/html/downloads
	cp $(BUILDDIR)/latex/$*/StableDiffusionBook-$*.pdf $(BUILDDIR)/pdf/
	cp $(BUILDDIR)/latex/$*/StableDiffusionBook-$*.pdf $(BUILDDIR)/html/downloads/

# -- Translation -------------------------------------------------------------------------

.PHONY: gettext
gettext: venv
	$(call SPHINX,zh_CN,gettext) -b gettext source $(BUILDDIR)/gettext

.PHONY: intl-update
intl-update: gettext
	$(VENV_PY) tools/intl.py update --pot $(BUILDDIR)/gettext $(if $(PAGES),--pages $(PAGES))

.PHONY: intl-check
intl-check: venv
	$(VENV_PY) tools/intl.py check $(PAGES)

.PHONY: intl-stats
intl-stats: venv
	$(VENV_PY) tools/intl.py stats --json $(BUILDDIR)/intl-stats.json

# -- Checks and preview ------------------------------------------------------------------

.PHONY: linkcheck
linkcheck: venv
	-$(call SPHINX,zh_CN,linkcheck) -b linkcheck source $(BUILDDIR)/linkcheck
	$(VENV_PY) tools/linkreport.py $(BUILDDIR)/linkcheck/output.json

.PHONY: live
live: venv
	SDBOOK_LANG=$(EDITION) $(VENV)/bin/sphinx-autobuild -c . --host 127.0.0.1 --port 8000 \
		-d $(BUILDDIR)/doctrees/live source $(BUILDDIR)/live --watch _ext --watch locale

.PHONY: test
test: venv tex browser
	$(VENV)/bin/pytest -q tests

.PHONY: clean
clean:
	rm -rf $(BUILDDIR)
	find locale -name '*.mo' -delete
