#!/usr/bin/env bash
# Bad input at scale: a 2 GB text file, a 2 GB file with no newline, both with a planted
# secret near the end. Default limits skip them with a notice; --secrets-max-file-size 0
# reads them in bounded chunks (max RSS printed). Usage: Benchmarks/bad-input.sh [BIN]
set -euo pipefail
bin=${1:-.build/release/bulwark}
dir=$(mktemp -d /tmp/bulwark-bad.XXXX)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/lines" "$dir/oneline"
# The one-line file is a "minified bundle" to Bulwark; this config lifts that limit too.
printf 'secrets:\n  maxMinifiedSize: 0\n' > "$dir/oneline/.bulwark.yaml"
key="ghp_$(python3 -c 'import random,string; r=random.Random(1); print("".join(r.choice(string.ascii_letters+string.digits) for _ in range(36)))')"
{ yes "value = compute(request, timeout=30)  # an ordinary line of code" || true; } | head -c 2147483000 > "$dir/lines/big.py"
echo "GITHUB_TOKEN=$key" >> "$dir/lines/big.py"
{ { head -c 2147483000 /dev/zero || true; } | tr '\0' 'a'; printf ' token=%s' "$key"; } > "$dir/oneline/big.txt"
for d in lines oneline; do
  echo "== $d: default limits"
  /usr/bin/time -f "   %e s, max RSS %M KB" "$bin" scan "$dir/$d" --secrets-only --exit-zero --format json 2>&1 >/dev/null | grep -v '^$' || true
  echo "== $d: --secrets-max-file-size 0 (chunked)"
  /usr/bin/time -f "   %e s, max RSS %M KB" "$bin" scan "$dir/$d" --secrets-only --secrets-max-file-size 0 --exit-zero --format json 2>"$dir/err" >"$dir/out.json" || true
  cat "$dir/err"
  python3 -c "import json,sys; d=json.load(open('$dir/out.json')); print('   findings:', [(f['ruleId'], f['line'], f['column']) for f in d['findings']])"
done
