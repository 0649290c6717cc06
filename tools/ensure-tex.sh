#!/bin/sh
# Make sure the PDF toolchain is installed: XeLaTeX with CJK support, latexmk, the fonts the
# book names, and poppler for the tests. As root it installs Debian's packages; otherwise it
# prints the command to run. Nothing is downloaded from anywhere but the package registry.
set -eu

PACKAGES="texlive-xetex texlive-lang-chinese texlive-latex-extra latexmk fonts-freefont-otf texlive-fonts-recommended fonts-noto-cjk poppler-utils gettext"

missing=""
command -v xelatex >/dev/null 2>&1 || missing="$missing xelatex"
command -v latexmk >/dev/null 2>&1 || missing="$missing latexmk"
command -v pdftotext >/dev/null 2>&1 || missing="$missing pdftotext"
command -v msgfmt >/dev/null 2>&1 || missing="$missing msgfmt"
kpsewhich xeCJK.sty >/dev/null 2>&1 || missing="$missing xeCJK.sty"
kpsewhich titlesec.sty >/dev/null 2>&1 || missing="$missing titlesec.sty"
fc-list 2>/dev/null | grep -q 'Noto Serif CJK SC' || missing="$missing Noto-CJK-fonts"
fc-list 2>/dev/null | grep -q 'FreeSerif' || missing="$missing FreeSerif"

[ -z "$missing" ] && exit 0

cmd="apt-get update && apt-get install -y --no-install-recommends $PACKAGES"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "ensure-tex: installing the PDF toolchain (missing:$missing)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends $PACKAGES >/dev/null
    exit 0
fi
echo "ensure-tex: the PDF build needs:$missing" >&2
echo "ensure-tex: install them with:  sudo sh -c '$cmd'" >&2
exit 1
