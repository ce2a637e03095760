#!/usr/bin/env bash
# bulwark scan vs Checkov (PyPI, in a venv) on a generated Terraform monorepo: one shared
# local module and ROOTS service directories (20 resource blocks each, ~26 instances).
#   Benchmarks/tf-vs-checkov.sh [ROOTS=250]
set -euo pipefail
cd "$(dirname "$0")/.."
roots=${1:-250}
venv=${BENCH_VENV:-/tmp/bulwark-bench-venv}
[[ -x $venv/bin/python ]] || python3 -m venv "$venv"
"$venv/bin/pip" install -q checkov==3.3.30
command -v /usr/bin/time >/dev/null || apt-get install -y -q time >/dev/null
corpus=$(mktemp -d)
python3 Benchmarks/gen_tf_corpus.py "$corpus" "$roots"
swift build -c release --product bulwark >/dev/null
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); checkov $("$venv/bin/checkov" --version)"
measure() { # label command...
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o /tmp/bench.time "$@" > "/tmp/bench-$label.out" 2>/dev/null || true
  read -r secs kb < <(tail -n 1 /tmp/bench.time)
  printf "%-10s %8.2f s %8d MB\n" "$label" "$secs" $((kb / 1024))
  echo "$secs $kb" > "/tmp/bench-$label.secs"
}
measure bulwark .build/release/bulwark scan "$corpus" --format json --exit-zero
# Only the checks Bulwark implements, so both tools do comparable work.
checks=$(.build/release/bulwark rules list --format json 2>/dev/null | python3 -c "import json,sys; print(','.join(a for r in json.load(sys.stdin) if r.get('pack')=='terraform-aws' for a in r.get('aliases',[])))" || true)
measure checkov "$venv/bin/checkov" -d "$corpus" --framework terraform -o json --quiet --compact ${checks:+--check "$checks"}
measure checkov-all "$venv/bin/checkov" -d "$corpus" --framework terraform -o json --quiet --compact
python3 - <<'PY'
b, bk = map(float, open('/tmp/bench-bulwark.secs').read().split())
for label in ('checkov', 'checkov-all'):
    c, ck = map(float, open(f'/tmp/bench-{label}.secs').read().split())
    print(f"{label}: speed-up {c/b:.0f}x, peak memory {bk/ck:.2%} of Checkov's")
PY
rm -rf "$corpus"
