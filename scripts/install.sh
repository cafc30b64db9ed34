#!/usr/bin/env bash
# Install everything sop-pipeline needs on a fresh Debian machine: system packages (OCR,
# LibreOffice for .doc), a virtualenv in .venv and the package itself.
#   scripts/install.sh          runtime only
#   scripts/install.sh --test   runtime plus test dependencies
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(tesseract-ocr tesseract-ocr-ind libreoffice-writer-nogui)
# the report test opens the HTML report in headless Chromium
[ "${1:-}" = "--test" ] && APT_PACKAGES+=(chromium)
missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
tesseract --list-langs 2>/dev/null | grep -qx ind || { echo "tesseract Indonesian data (tesseract-ocr-ind) is missing" >&2; exit 1; }
command -v soffice >/dev/null || { echo "LibreOffice (soffice) is missing" >&2; exit 1; }

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q --upgrade pip
if [ "${1:-}" = "--test" ]; then
  .venv/bin/pip install -q -e '.[test]'
else
  .venv/bin/pip install -q -e .
fi
# The second OCR engine's line model ships in this wheel; its own dependencies are left out
# (they would add a second OpenCV build that needs a display library): onnxruntime runs it.
.venv/bin/pip install -q --no-deps 'rapidocr-onnxruntime>=1.4.4,<2'
