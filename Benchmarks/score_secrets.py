#!/usr/bin/env python3
"""Scores secret scanners against a generated corpus's truth.json.

Usage: score_secrets.py CORPUS_DIR TOOL REPORT [--subset FILELIST]
TOOL is bulwark (scan --format json), detect-secrets (scan --all-files JSON) or trufflehog3 (-f JSON).

A finding is a (file, line). It is a true positive when the line lies inside a planted
secret; recall counts planted secrets with at least one finding on their lines, precision
counts distinct finding lines that are true positives. Prints one JSON line.
"""
import json, os, sys

def findings(tool, report, files_root):
    data = json.load(open(report))
    out = set()
    def rel(p):
        p = os.path.normpath(p)
        root = os.path.normpath(files_root)
        if p.startswith(root + os.sep): p = p[len(root) + 1:]
        return p
    if tool == "bulwark":
        for f in data["findings"]:
            if f.get("suppressed"): continue
            rid = f["ruleId"]
            if rid.isupper() or rid.startswith(("K8S-", "DF-", "GHA-", "AWS-", "AZ-", "GCP-", "BULWARK-")): continue
            out.add((rel(f["file"]), f["line"]))
    elif tool == "detect-secrets":
        for path, items in data["results"].items():
            for it in items: out.add((rel(path), it["line_number"]))
    elif tool == "trufflehog3":
        for it in data:
            line = it.get("line")
            try: line = int(line)
            except (TypeError, ValueError): continue
            out.add((rel(it["path"]), line))
    return out

def main():
    corpus, tool, report = sys.argv[1:4]
    subset = None
    if "--subset" in sys.argv:
        subset = set(open(sys.argv[sys.argv.index("--subset") + 1]).read().split())
    truth = json.load(open(os.path.join(corpus, "truth.json")))
    secrets = [s for s in truth["secrets"] if subset is None or s[0] in subset]
    decoys = [d for d in truth["decoys"] if subset is None or d[0] in subset]
    found = {f for f in findings(tool, report, os.path.join(corpus, "files")) if subset is None or f[0] in subset}
    secret_lines = {}
    for i, (path, first, last, kind) in enumerate(secrets):
        for line in range(first, last + 1): secret_lines[(path, line)] = i
    hit = {secret_lines[f] for f in found if f in secret_lines}
    tp = sum(1 for f in found if f in secret_lines)
    decoy_set = {(p, l) for p, l, _ in decoys}
    decoy_hits = sum(1 for f in found if f in decoy_set)
    missed = {}
    for i, s in enumerate(secrets):
        if i not in hit: missed[s[3]] = missed.get(s[3], 0) + 1
    print(json.dumps({"tool": tool, "planted": len(secrets), "found": len(hit), "recall": round(len(hit) / max(1, len(secrets)), 4),
                      "finding_lines": len(found), "true_positive_lines": tp, "precision": round(tp / max(1, len(found)), 4),
                      "decoys": len(decoys), "decoys_reported": decoy_hits,
                      "missed_by_kind": dict(sorted(missed.items(), key=lambda kv: -kv[1])[:12])}))

if __name__ == "__main__":
    main()
