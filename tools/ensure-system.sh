#!/bin/sh
# Make sure the system tools the book needs are installed, from Debian's packages only.
#   tools/ensure-system.sh pdf      XeLaTeX with CJK support, latexmk, fonts, poppler, gettext
#   tools/ensure-system.sh browser  headless Chromium for the browser tests
#   tools/ensure-system.sh validator  Java and npm for the W3C HTML checker (vnu.jar, from npm)
# As root it installs what is missing; otherwise it prints the exact command and fails.
set -eu

PDF_PACKAGES="texlive-xetex texlive-lang-chinese texlive-latex-extra latexmk fonts-freefont-otf fonts-symbola texlive-fonts-recommended fonts-noto-cjk poppler-utils gettext"
BROWSER_PACKAGES="chromium"
VALIDATOR_PACKAGES="default-jre-headless npm"

missing_pdf() {
    command -v xelatex >/dev/null 2>&1 || echo xelatex
    command -v latexmk >/dev/null 2>&1 || echo latexmk
    command -v pdftotext >/dev/null 2>&1 || echo pdftotext
    command -v msgfmt >/dev/null 2>&1 || echo msgfmt
    kpsewhich xeCJK.sty >/dev/null 2>&1 || echo xeCJK.sty
    kpsewhich titlesec.sty >/dev/null 2>&1 || echo titlesec.sty
    fc-list 2>/dev/null | grep -q 'Noto Serif CJK SC' || echo Noto-CJK-fonts
    fc-list 2>/dev/null | grep -q 'FreeSerif' || echo FreeSerif
    fc-list 2>/dev/null | grep -q 'Symbola' || echo Symbola
}

missing_browser() {
    command -v chromium >/dev/null 2>&1 || echo chromium
}

missing_validator() {
    command -v java >/dev/null 2>&1 || echo java
    command -v npm >/dev/null 2>&1 || echo npm
}

install() {  # $1: what for, $2: packages, $3: what is missing
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "ensure-system: installing for $1 (missing: $3)"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq && apt-get install -y -qq --no-install-recommends $2 >/dev/null
    else
        echo "ensure-system: the $1 needs: $3" >&2
        echo "ensure-system: install it with:  sudo apt-get install --no-install-recommends $2" >&2
        exit 1
    fi
}

for what in "$@"; do
    case "$what" in
        pdf)
            missing=$(missing_pdf | tr '\n' ' ')
            [ -z "$missing" ] || install "PDF build" "$PDF_PACKAGES" "$missing" ;;
        browser)
            missing=$(missing_browser | tr '\n' ' ')
            [ -z "$missing" ] || install "browser tests" "$BROWSER_PACKAGES" "$missing" ;;
        validator)
            missing=$(missing_validator | tr '\n' ' ')
            [ -z "$missing" ] || install "HTML checker" "$VALIDATOR_PACKAGES" "$missing" ;;
        *) echo "ensure-system: unknown group '$what' (pdf, browser, validator)" >&2; exit 2 ;;
    esac
done
