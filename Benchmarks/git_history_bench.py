#!/usr/bin/env python3
"""Git-history benchmark: a generated repository of N commits with planted secrets.

Usage: git_history_bench.py BULWARK_BIN [--commits 10000] [--dir /tmp/bulwark-history]

Builds the repository with `git fast-import` (20 files edited round-robin; every 97th commit
adds a secret drawn from Bulwark's rule examples, which stays in later versions of the file;
some are deleted again later), then runs `bulwark scan --git-history --secrets-only --format
json`, prints its wall time, and checks that every planted secret is reported once and
attributed to the commit that added it. Exits 1 on any miss or misattribution.
"""
import json, os, random, re, shutil, subprocess, sys, time, tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from gen_secrets_corpus import expand  # noqa: E402

def main():
    binary = sys.argv[1]
    args = sys.argv[2:]
    n = int(args[args.index("--commits") + 1]) if "--commits" in args else 10000
    repo = args[args.index("--dir") + 1] if "--dir" in args else "/tmp/bulwark-history"
    rng = random.Random(3)
    rules = tomllib.load(open(os.path.join(HERE, "..", "Sources", "BulwarkSecrets", "Rules", "default-rules.toml"), "rb"))["rules"]
    examples = [(r["id"], e) for r in rules for e in r["examples"] if "examplePath" not in r and "\n" not in e]
    shutil.rmtree(repo, ignore_errors=True)
    subprocess.run(["git", "init", "-q", repo], check=True)
    files = {f"src/module_{k:02d}.py": [f"# module {k}", ""] + [f"value_{k}_{j} = {j}" for j in range(150)] for k in range(20)}
    planted = []  # (mark, path, secret line text, rule)
    stream = []
    for i in range(1, n + 1):
        path = f"src/module_{i % 20:02d}.py"
        lines = files[path]
        if i % 97 == 0:
            rule, ex = rng.choice(examples)
            text = expand(ex, rng)
            lines.insert(rng.randint(2, len(lines)), text)
            planted.append((i, path, text, rule))
        elif i % 1013 == 0 and any(p[1] == path and p[2] in lines for p in planted):
            victim = next(p for p in planted if p[1] == path and p[2] in lines)
            lines.remove(victim[2])
        else:
            j = rng.randint(2, len(lines) - 1)
            if not any(lines[j] == p[2] for p in planted):
                lines[j] = f"value_{i % 20}_{j} = {i}"
        data = ("\n".join(lines) + "\n").encode()
        stream.append(f"commit refs/heads/main\nmark :{i}\nauthor Dev {i % 7} <dev{i % 7}@acme.dev> {1700000000 + i * 60} +0000\n"
                      f"committer Dev {i % 7} <dev{i % 7}@acme.dev> {1700000000 + i * 60} +0000\ndata 9\ncommit {i % 10}\n"
                      + (f"from :{i - 1}\n" if i > 1 else "") + f"M 100644 inline {path}\ndata {len(data)}\n")
        stream.append(data.decode() + "\n")
    marks = os.path.join(repo, ".git", "marks")
    subprocess.run(["git", "-C", repo, "fast-import", "--quiet", f"--export-marks={marks}"], input="".join(stream).encode(), check=True)
    subprocess.run(["git", "-C", repo, "checkout", "-q", "main"], check=True)
    sha = dict(line.split() for line in open(marks))
    t = time.time()
    out = subprocess.run([binary, "scan", repo, "--git-history", "--secrets-only", "--format", "json", "--exit-zero"],
                         capture_output=True, check=True).stdout
    elapsed = time.time() - t
    findings = json.loads(out)["findings"]
    by_commit = {}
    for f in findings:
        by_commit.setdefault((f["file"], (f.get("resource") or {}).get("name", "")), []).append(f)
    missing, wrong = [], []
    for mark, path, text, rule in planted:
        commit = sha[f":{mark}"][:12]
        hits = [f for f in by_commit.get((path, commit), []) if f["ruleId"] == rule or rule.startswith("generic")]
        if not hits:
            elsewhere = [f for f in findings if f["file"] == path and f["ruleId"] == rule]
            (wrong if elsewhere else missing).append((mark, rule, path))
    print(json.dumps({"commits": n, "planted": len(planted), "findings": len(findings), "seconds": round(elapsed, 2),
                      "attributed_correctly": len(planted) - len(missing) - len(wrong), "missing": missing[:5], "misattributed": wrong[:5]}))
    sys.exit(1 if missing or wrong else 0)

if __name__ == "__main__":
    main()
