"""Fails when `bulwark scan examples/` finds anything other than the table in examples/README.md."""
import json, re, subprocess, sys

out = subprocess.run([sys.argv[1], "scan", "examples", "--format", "json"], capture_output=True, text=True)
if out.returncode != 1:
    sys.exit(f"expected exit 1 (high findings present), got {out.returncode}: {out.stderr}")
found = sorted((f["ruleId"], f["file"], f["line"], f.get("level", ""), f["severity"]) for f in json.loads(out.stdout)["findings"] if not f["suppressed"])
documented = sorted((m[0], m[1], int(m[2]), m[3], m[4]) for m in re.findall(r"^\| `([^`]+)` \| `([^`]+)` \| (\d+) \| (\w*) \| (\w+) \|", open("examples/README.md").read(), re.M))
missing, extra = sorted(set(documented) - set(found)), sorted(set(found) - set(documented))
for r in missing: print("documented but not found:", r)
for r in extra: print("found but not documented:", r)
if missing or extra or len(found) != len(documented):
    sys.exit(1)
print(f"examples: {len(found)} findings, exactly the documented mistakes")
