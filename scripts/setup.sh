#!/usr/bin/env bash
# Installs the system libraries Bulwark links against (Debian/Ubuntu), once.
# PCRE2 with JIT confirms secret candidates (Swift's Regex is far too slow for bulk scanning);
# Vectorscan finds the rules' keywords in one SIMD pass.
set -euo pipefail
missing=()
[[ -f /usr/include/pcre2.h ]] || missing+=(libpcre2-dev)
[[ -f /usr/include/hs/hs.h ]] || missing+=(libvectorscan-dev)
command -v pkg-config >/dev/null || missing+=(pkg-config)
if ((${#missing[@]})); then
  sudo_cmd=""; [[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
  echo "setup: installing ${missing[*]}" >&2
  $sudo_cmd apt-get install -y -q "${missing[@]}" >/dev/null 2>&1 || { $sudo_cmd apt-get update -q >/dev/null && $sudo_cmd apt-get install -y -q "${missing[@]}" >/dev/null; }
fi
