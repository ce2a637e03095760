#!/usr/bin/env bash
# Secrets benchmark: Bulwark on two generated 200 MB corpora (realistic and dense keyword
# density), with its default rules and with gitleaks' own config, and side by side with
# detect-secrets and trufflehog3 (PyPI, in a venv) on a 20 MB slice that the Python peers
# finish in minutes. Recall and precision are scored against the corpus's truth.json.
# Usage: Benchmarks/secrets-vs-peers.sh [WORKDIR]   (default /tmp/bulwark-secrets-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-/tmp/bulwark-secrets-bench}
mkdir -p "$work"
venv=$work/venv
[[ -x $venv/bin/trufflehog3 ]] || { python3 -m venv "$venv" && "$venv/bin/pip" install -q detect-secrets trufflehog3; }
for density in realistic dense; do
  [[ -f $work/$density/truth.json ]] || python3 Benchmarks/gen_secrets_corpus.py "$work/$density" --mb 200 --density "$density"
done
swift build -c release --product bulwark >/dev/null
bin=.build/release/bulwark
run() {  # name corpus-dir outfile args... → prints "seconds maxrss_kb"
  local out=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" > "$out" 2>/dev/null || true
  cat "$work/time.txt"
}
mb() { du -sm --apparent-size "$1" | cut -f1; }
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
for density in realistic dense; do
  files=$work/$density/files
  cat $(find "$files" -type f) > /dev/null  # warm the page cache
  size=$(mb "$files")
  for i in 1 2 3; do read -r s rss < <(run "$work/bw-$density.json" $bin scan "$files" --secrets-only --format json --exit-zero); echo "bulwark $density run $i: ${s}s, $((rss / 1024)) MB, $(python3 -c "print(round($size / $s))") MB/s"; done
  python3 Benchmarks/score_secrets.py "$work/$density" bulwark "$work/bw-$density.json"
  if [[ -f ../shared/conformance/gitleaks/gitleaks.toml ]]; then
    read -r s rss < <(run "$work/gl-$density.json" $bin scan "$files" --secrets-only --secrets-config ../shared/conformance/gitleaks/gitleaks.toml --format json --exit-zero)
    echo "bulwark with gitleaks.toml $density: ${s}s, $((rss / 1024)) MB, $(python3 -c "print(round($size / $s))") MB/s"
    python3 Benchmarks/score_secrets.py "$work/$density" bulwark "$work/gl-$density.json"
  fi
done
# The 20 MB slice: the first ~10% of the realistic corpus's files, as its own tree.
slice=$work/slice
if [[ ! -f $slice/truth.json ]]; then
  mkdir -p "$slice/files"
  (cd "$work/realistic/files" && find . -type f | sort | sed -n "1,210p") > "$slice/list.txt"
  while read -r f; do mkdir -p "$slice/files/$(dirname "$f")"; cp "$work/realistic/files/$f" "$slice/files/$f"; done < "$slice/list.txt"
  sed 's|^\./||' "$slice/list.txt" > "$slice/subset.txt"
  cp "$work/realistic/truth.json" "$slice/truth.json"
fi
size=$(mb "$slice/files")
read -r s rss < <(run "$work/bw-slice.json" $bin scan "$slice/files" --secrets-only --format json --exit-zero)
echo "slice ${size} MB — bulwark: ${s}s, $((rss / 1024)) MB"
python3 Benchmarks/score_secrets.py "$slice" bulwark "$work/bw-slice.json" --subset "$slice/subset.txt"
read -r s rss < <(cd "$slice/files" && run "$work/ds-slice.json" "$venv/bin/detect-secrets" scan --all-files .)
echo "slice — detect-secrets $("$venv/bin/detect-secrets" --version): ${s}s, $((rss / 1024)) MB"
python3 Benchmarks/score_secrets.py "$slice" detect-secrets "$work/ds-slice.json" --subset "$slice/subset.txt"
read -r s rss < <(cd "$slice/files" && run /dev/null "$venv/bin/trufflehog3" -z -f JSON --no-history -o "$work/th-slice.json" .)
echo "slice — trufflehog3 $("$venv/bin/trufflehog3" -V 2>&1 | tail -1): ${s}s, $((rss / 1024)) MB"
python3 Benchmarks/score_secrets.py "$slice" trufflehog3 "$work/th-slice.json" --subset "$slice/subset.txt"
