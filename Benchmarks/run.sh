#!/usr/bin/env bash
# Side-by-side benchmarks. Builds with -c release, installs peers from PyPI into a
# throwaway venv, and prints both tools' figures from the same session.
#   Benchmarks/run.sh [pss|jmespath|all] [SHARED_CONFORMANCE_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
shared=${2:-../shared/conformance}
swift build -c release --product bulwark-bench >/dev/null
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB"
if [[ $what == pss || $what == all ]]; then
  echo "== Pod Security Standards: 18 policies x 10,000 workloads =="
  .build/release/bulwark-bench pss "$shared"
fi
if [[ $what == jmespath || $what == all ]]; then
  venv=${BENCH_VENV:-/tmp/bulwark-bench-venv}
  [[ -x $venv/bin/python ]] || python3 -m venv "$venv"
  "$venv/bin/pip" install -q jmespath==1.1.0
  echo "== JMESPath benchmark cases (ns/op): bulwark vs python-jmespath $("$venv/bin/python" -c 'import jmespath; print(jmespath.__version__)') =="
  paste <(.build/release/bulwark-bench jmespath "$shared") <("$venv/bin/python" Benchmarks/jmespath_peer.py "$shared" | cut -f3) |
    awk -F'\t' 'NR==1{printf "%-42s %-6s %10s %10s %7s\n","case","kind","bulwark","python","ratio"; next}
                {printf "%-42s %-6s %10s %10s %6.1fx\n",$1,$2,$3,$4,($3>0?$4/$3:0)}'
fi
