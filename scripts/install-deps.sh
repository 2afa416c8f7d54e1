#!/usr/bin/env bash
# Installs everything Framer needs to build and test on Debian 12 (run as root, or with sudo available).
# Idempotent: packages already present are not touched, so the test command can call it cheaply.
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config ccache
  libpugixml-dev libzip-dev libdeflate-dev libisal-dev zipcmp libboost-program-options-dev libfmt-dev catch2
  libxml2-utils   # xmllint: XSD validation of every written file in the tests
  python3         # the reference script the benchmark compares tabulate against
  zip unzip       # the tests build corrupt archives and inspect written ones
  libreoffice-writer poppler-utils   # the docx test opens every docx in LibreOffice Writer and reads its PDF
  libreoffice-calc                   # the xlsx test opens every workbook in LibreOffice Calc
  chromium                           # the html test prints every page to PDF in headless Chromium
  texlive-latex-base texlive-latex-recommended lmodern   # the latex test compiles every fragment with pdflatex
  clang libclang-rt-14-dev   # scripts/sanitize.sh: the suite under ASan+UBSan and the libFuzzer harnesses
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
