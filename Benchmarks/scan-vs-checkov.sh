#!/usr/bin/env bash
# bulwark scan vs Checkov (PyPI, installed into a venv here), same machine, same session.
#   Benchmarks/scan-vs-checkov.sh [MANIFESTS=2000] [DOCKERFILES=200]
set -euo pipefail
cd "$(dirname "$0")/.."
manifests=${1:-2000}; dockerfiles=${2:-200}
venv=${BENCH_VENV:-/tmp/bulwark-bench-venv}
[[ -x $venv/bin/python ]] || python3 -m venv "$venv"
"$venv/bin/pip" install -q checkov==3.3.30
command -v /usr/bin/time >/dev/null || apt-get install -y -q time >/dev/null
corpus=$(mktemp -d)
python3 Benchmarks/gen_corpus.py "$corpus" "$manifests" "$dockerfiles"
swift build -c release --product bulwark >/dev/null
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); checkov $("$venv/bin/checkov" --version)"

measure() { # label command...
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o /tmp/bench.time "$@" > "/tmp/bench-$label.out" 2>/dev/null || true
  read -r secs kb < <(tail -n 1 /tmp/bench.time)
  printf "%-10s %8.2f s %8d MB\n" "$label" "$secs" $((kb / 1024))
  echo "$secs" > "/tmp/bench-$label.secs"
}
echo "== corpus: $manifests manifests + $dockerfiles Dockerfiles"
measure bulwark .build/release/bulwark scan "$corpus" --format json --exit-zero
measure checkov "$venv/bin/checkov" -d "$corpus" --framework kubernetes dockerfile -o json --quiet --compact
python3 -c "import sys; b,c=[float(open(f'/tmp/bench-{n}.secs').read()) for n in ('bulwark','checkov')]; print(f'speed-up: {c/b:.1f}x')"
python3 Benchmarks/compare_checkov.py /tmp/bench-bulwark.out /tmp/bench-checkov.out "" "$corpus"
echo "== startup (empty directory, best of 5)"
empty=$(mktemp -d)
for i in 1 2 3 4 5; do /usr/bin/time -f "%e" -o /tmp/bench.time .build/release/bulwark scan "$empty" >/dev/null; tail -n 1 /tmp/bench.time; done | sort -n | head -1 | awk '{printf "bulwark startup: %.0f ms\n", $1*1000}'
echo "== examples/ (the Kubernetes manifests we ship)"
measure bulwark .build/release/bulwark scan examples --format json --exit-zero
# policies/ holds deliberately bad test fixtures that .bulwark.yaml excludes; skip them for Checkov too.
measure checkov "$venv/bin/checkov" -d examples --framework kubernetes dockerfile -o json --quiet --compact --skip-path policies
python3 Benchmarks/compare_checkov.py /tmp/bench-bulwark.out /tmp/bench-checkov.out examples
rm -rf "$corpus" "$empty"
