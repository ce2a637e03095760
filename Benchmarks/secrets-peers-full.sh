#!/usr/bin/env bash
# detect-secrets and trufflehog3 on the full 200 MB realistic corpus (slow: ~10 minutes),
# scored like Bulwark. Run after Benchmarks/secrets-vs-peers.sh (which creates the corpus and venv).
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-/tmp/bulwark-secrets-bench}
venv=$work/venv
files=$work/realistic/files
read -r s rss < <(cd "$files" && /usr/bin/time -f "%e %M" -o "$work/t.txt" "$venv/bin/detect-secrets" scan --all-files . > "$work/ds-full.json" 2>/dev/null; cat "$work/t.txt")
echo "detect-secrets, realistic 200 MB: ${s}s, $((rss / 1024)) MB, $(python3 -c "print(round(200 / $s, 2))") MB/s"
python3 Benchmarks/score_secrets.py "$work/realistic" detect-secrets "$work/ds-full.json"
read -r s rss < <(cd "$files" && /usr/bin/time -f "%e %M" -o "$work/t.txt" "$venv/bin/trufflehog3" -z -f JSON --no-history -o "$work/th-full.json" . > /dev/null 2>&1; cat "$work/t.txt")
echo "trufflehog3, realistic 200 MB: ${s}s, $((rss / 1024)) MB, $(python3 -c "print(round(200 / $s, 2))") MB/s"
python3 Benchmarks/score_secrets.py "$work/realistic" trufflehog3 "$work/th-full.json"
