#!/usr/bin/env python3
"""OSV database at scale: N generated advisories across ecosystems, a repository with one
lockfile per ecosystem; times the first scan (reads and indexes every record, writes the
cache) and a repeated scan (loads the cache), and checks the planted vulnerable versions are
reported. Usage: osv_bench.py BULWARK_BIN [--records 50000] [--dir /tmp/bulwark-osv-bench] [--zip]
(--zip: the records as OSV's per-ecosystem all.zip exports instead of one file each)"""
import json, os, random, shutil, subprocess, sys, time

def main():
    binary = sys.argv[1]
    args = sys.argv[2:]
    n = int(args[args.index("--records") + 1]) if "--records" in args else 50000
    root = args[args.index("--dir") + 1] if "--dir" in args else "/tmp/bulwark-osv-bench"
    shutil.rmtree(root, ignore_errors=True)
    rng = random.Random(5)
    ecos = {"npm": "npm", "PyPI": "pypi", "Go": "go", "crates.io": "crates", "RubyGems": "gems", "Maven": "maven", "Packagist": "php"}
    zipped = "--zip" in args
    for eco in ecos:
        os.makedirs(f"{root}/osv/{eco}", exist_ok=True)
    import zipfile
    zips = {eco: zipfile.ZipFile(f"{root}/osv/{eco}/all.zip", "w", zipfile.ZIP_DEFLATED) for eco in ecos} if zipped else {}
    for i in range(n):
        eco = list(ecos)[i % len(ecos)]
        name = f"pkg{i % 5000}" if eco != "Maven" else f"org.acme:pkg{i % 5000}"
        if eco == "Go": name = f"example.com/pkg{i % 5000}"
        if eco == "Packagist": name = f"acme/pkg{i % 5000}"
        fixed = f"{rng.randint(1, 9)}.{rng.randint(0, 20)}.{rng.randint(0, 9)}"
        rec = {"id": f"GHSA-bench-{i:06d}", "aliases": [f"CVE-2099-{i:05d}"], "summary": "generated",
               "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:N/A:N"}],
               "affected": [{"package": {"ecosystem": eco, "name": name},
                             "ranges": [{"type": "ECOSYSTEM" if eco not in ("npm", "crates.io") else "SEMVER",
                                         "events": [{"introduced": "0"}, {"fixed": ("v" if eco == "Go" else "") + fixed}]}]}]}
        if zipped:
            zips[eco].writestr(f"GHSA-bench-{i:06d}.json", json.dumps(rec))
        else:
            with open(f"{root}/osv/{eco}/GHSA-bench-{i:06d}.json", "w") as f:
                json.dump(rec, f)
    for z in zips.values(): z.close()
    repo = f"{root}/repo"
    os.makedirs(repo)
    # One lockfile per ecosystem, 200 packages each at version 0.0.1 (affected by every advisory for them).
    pk = [f"pkg{j}" for j in range(200)]
    json.dump({"lockfileVersion": 3, "packages": {f"node_modules/{p}": {"version": "0.0.1"} for p in pk}}, open(f"{repo}/package-lock.json", "w"))
    open(f"{repo}/requirements.txt", "w").write("".join(f"{p}==0.0.1\n" for p in pk))
    open(f"{repo}/go.mod", "w").write("module x\n\nrequire (\n" + "".join(f"\texample.com/{p} v0.0.1\n" for p in pk) + ")\n")
    open(f"{repo}/Cargo.lock", "w").write("".join(f'[[package]]\nname = "{p}"\nversion = "0.0.1"\n\n' for p in pk))
    open(f"{repo}/Gemfile.lock", "w").write("GEM\n  specs:\n" + "".join(f"    {p} (0.0.1)\n" for p in pk))
    json.dump({"packages": [{"name": f"acme/{p}", "version": "0.0.1"} for p in pk]}, open(f"{repo}/composer.lock", "w"))
    open(f"{repo}/pom.xml", "w").write("<project><dependencies>" + "".join(f"<dependency><groupId>org.acme</groupId><artifactId>{p}</artifactId><version>0.0.1</version></dependency>" for p in pk) + "</dependencies></project>")
    expected = sum(1 for i in range(n) if (i % 5000) < 200)
    out = {}
    for label in ("first scan (index + cache)", "repeated scan (cached index)"):
        t = time.time()
        r = subprocess.run([binary, "scan", repo, "--osv-db", f"{root}/osv", "--no-secrets", "--format", "json", "--exit-zero"], capture_output=True, check=True)
        elapsed = time.time() - t
        found = sum(1 for f in json.loads(r.stdout)["findings"] if f["ruleId"] == "DEP-001")
        out[label] = {"seconds": round(elapsed, 2), "DEP-001": found}
    print(json.dumps({"records": n, "layout": "all.zip per ecosystem" if zipped else "one JSON file per record", "lockfiles": 7, "packages": 1400, "expected": expected, **out}))
    sys.exit(0 if all(v["DEP-001"] == expected for v in out.values()) else 1)

if __name__ == "__main__":
    main()
