"""Overlap of findings between Bulwark and Checkov on the checks both implement.

Usage: python3 compare_checkov.py BULWARK.json CHECKOV.json [ROOT]
ROOT: the scanned folder's name when Checkov reports paths that start with it.
A check is shared when a Bulwark rule lists the Checkov id as an alias. Findings are
compared per (check, file); every generated file holds one resource.
"""
import json, sys
from collections import defaultdict

bw = json.load(open(sys.argv[1]))
root = (sys.argv[3].rstrip("/") + "/") if len(sys.argv) > 3 else None

def norm(path):
    path = path.lstrip("./").lstrip("/")
    return path[len(root):] if root and path.startswith(root) else path

ck = json.load(open(sys.argv[2]))
if isinstance(ck, dict):
    ck = [ck]

ours = defaultdict(set)      # checkov id -> files bulwark flags
aliases = set()
for f in bw["findings"]:
    for a in f["aliases"]:
        aliases.add(a)
        ours[a].add(norm(f["file"]))

theirs = defaultdict(set)
for report in ck:
    for r in report.get("results", {}).get("failed_checks", []):
        theirs[r["check_id"]].add(norm(r["file_path"]))

def seccomp_set(path):
    """True when the pod template sets RuntimeDefault/Localhost seccomp on the pod or every container."""
    try:
        import os, yaml
        full = next((p for p in (path, os.path.join(scan_root, path)) if os.path.exists(p)), None)
        doc = yaml.safe_load(open(full))
        spec = doc["spec"]
        spec = {"CronJob": lambda s: s["jobTemplate"]["spec"]["template"]["spec"], "Pod": lambda s: s}.get(doc["kind"], lambda s: s["template"]["spec"])(spec)
        ok = lambda sc: ((sc or {}).get("seccompProfile") or {}).get("type") in ("RuntimeDefault", "Localhost")
        return ok(spec.get("securityContext")) or all(ok(c.get("securityContext")) for c in spec["containers"])
    except Exception:
        return False

scan_root = sys.argv[4] if len(sys.argv) > 4 else "."
print(f"{'check':<14}{'both':>8}{'checkov only':>14}{'bulwark only':>14}")
missed_total = 0
false_positives = 0
for check in sorted(aliases, key=lambda c: (len(c), c)):
    both = len(ours[check] & theirs[check])
    only_ck = sorted(theirs[check] - ours[check])
    if check == "CKV_K8S_31":
        fp = [f for f in only_ck if seccomp_set(f)]
        false_positives += len(fp)
        only_ck = [f for f in only_ck if f not in fp]
    only_bw = len(ours[check] - theirs[check])
    missed_total += len(only_ck)
    print(f"{check:<14}{both:>8}{len(only_ck):>14}{only_bw:>14}")
    for f in only_ck[:3]:
        print(f"    checkov-only example: {f}")
if false_positives:
    print(f"CKV_K8S_31: {false_positives} Checkov-only rows set RuntimeDefault seccomp on the pod or every container (Checkov false positives, not counted)")
print(f"shared checks: {len(aliases)}; findings Checkov has that Bulwark's equivalent rule misses: {missed_total}")
