#!/usr/bin/env bash
# Renders the auditor HTML report for examples/ in headless Chromium (Debian's package,
# installed when missing), fails on any console message of level warning or error, and
# leaves a screenshot. Usage: scripts/check-report-render.sh [BULWARK_BIN] [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/debug/bulwark}
out=${2:-/tmp/bulwark-report-render}
mkdir -p "$out"
if ! command -v chromium >/dev/null; then
  sudo_cmd=""; [[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
  $sudo_cmd apt-get install -y -q chromium >/dev/null 2>&1 || { $sudo_cmd apt-get update -q >/dev/null && $sudo_cmd apt-get install -y -q chromium >/dev/null; }
fi
$bin evidence keygen --out "$out/key" 2>/dev/null
$bin evidence collect examples --framework pci --key "$out/key.key" --out "$out/bundle" 2>/dev/null
$bin report --evidence "$out/bundle" --format html --framework pci --framework soc2 --framework hipaa --output "$out/report.html"
flags=(--headless=new --no-sandbox --disable-gpu --window-size=1280,2000 --enable-logging=stderr --v=1)
timeout 120 chromium "${flags[@]}" --screenshot="$out/report.png" "file://$out/report.html" 2>"$out/chromium.log" >/dev/null || true
# Console messages are logged as "CONSOLE:line" entries; a self-contained report has none.
if grep -E 'CONSOLE[:(]|Uncaught|Failed to load resource' "$out/chromium.log"; then
  echo "report.html: the browser reported console messages (above)"; exit 1
fi
[[ -s $out/report.png ]] || { echo "no screenshot written"; tail -n 20 "$out/chromium.log"; exit 1; }
echo "report.html renders in $(chromium --version 2>/dev/null | head -n 1) with no console messages; screenshot $out/report.png ($(stat -c %s "$out/report.png") bytes)"
