#!/usr/bin/env python3
"""Generates a source-like corpus with planted secrets and decoys, for the secrets benchmark.

Usage: gen_secrets_corpus.py OUT_DIR [--mb 200] [--seed 7] [--density realistic|dense]

Files look like code and configuration (Python, JS/TS, Go, YAML, .env, JSON, shell,
Terraform), full of the words secret scanners key on (key, token, secret, password, auth)
used innocently. Planted secrets are drawn from Bulwark's rule examples (placeholders
expanded with fresh random characters, so every value is new) and from formats peers know;
decoys are what a good scanner must leave alone: git SHAs, checksums, UUIDs, placeholders,
environment references and the vendors' documented test keys.

Writes OUT_DIR/files/... and OUT_DIR/truth.json: {"secrets": [[path, first_line, last_line, kind]],
"decoys": [[path, line, kind]]}.
"""
import json, os, random, re, string, sys, tomllib

ROOT = os.path.dirname(os.path.abspath(__file__))
RULES = os.path.join(ROOT, "..", "Sources", "BulwarkSecrets", "Rules", "default-rules.toml")

CLASSES = {
    "alnum": string.ascii_letters + string.digits, "alpha": string.ascii_letters, "digits": string.digits,
    "hex": "0123456789abcdef", "HEX": "0123456789ABCDEF", "upper": string.ascii_uppercase + string.digits,
    "lower": string.ascii_lowercase + string.digits, "b64": string.ascii_letters + string.digits + "+/",
    "b64url": string.ascii_letters + string.digits + "_-", "b32": string.ascii_uppercase + "234567",
    "b32l": string.ascii_lowercase + "234567", "hexa": "abcdefgh0123456789", "bech32": "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L",
}

def expand(text, rng):
    return re.sub(r"\{\{(\w+):(\d+)\}\}", lambda m: "".join(rng.choice(CLASSES[m.group(1)]) for _ in range(int(m.group(2)))), text)

NEUTRAL = ("user account order payment invoice session cache request response client server config settings handler service "
           "repository model view controller header cookie retry timeout limit offset page cursor index record event message "
           "queue topic stream batch worker job task").split()
SECURITY = "token key secret password auth credential access api bearer".split()
SECURITY_RE = re.compile(r"(?i)token|key|secret|passw|auth|credential|access|api|bearer|vault")
# Share of identifier words that are security words. "realistic" puts keyword hits per MB
# near what the scanner measures on keyword-heavy real text (the upstream YAML/HCL fixtures in
# ../shared/conformance: ~7,500 per MB; Swift/C sources: ~2,700); "dense" is ~5x that.
DENSITY = {"realistic": 0.04, "dense": 0.2}
SEC_SHARE = DENSITY["realistic"]

def word(rng):
    return rng.choice(SECURITY) if rng.random() < SEC_SHARE else rng.choice(NEUTRAL)

def ident(rng):
    return "_".join(word(rng) for _ in range(rng.randint(1, 3)))

def camel(rng):
    w = [word(rng) for _ in range(rng.randint(1, 3))]
    return w[0] + "".join(x.capitalize() for x in w[1:])

# Innocent lines in several languages; some mention key/token/secret/password on purpose.
def filler(rng, lang):
    line = filler_line(rng, lang)
    if SEC_SHARE >= DENSITY["dense"] or rng.random() < SEC_SHARE * 5:
        return line
    # Most lines: the same shapes with neutral words where the templates name credentials.
    return SECURITY_RE.sub(lambda m: rng.choice(NEUTRAL), line)

def filler_line(rng, lang):
    i, c = ident(rng), camel(rng)
    n = rng.randint(0, 4000)
    return rng.choice({
        "py": [f"    {i} = {c}(request, timeout={n})", f"def {i}(self, {ident(rng)}):", f"    return self.{i}.get('{ident(rng)}')",
               f"# TODO: validate the {ident(rng).replace('_', ' ')} before saving", f"    if not {i}:", f"        raise ValueError('missing {i}')",
               f"    token = request.headers.get('Authorization', '')", f"    api_key = os.environ['{i.upper()}_API_KEY']",
               f"    password = getpass.getpass('password for {i}: ')", f"    secret_name = '{i.replace('_', '-')}-credentials'",
               f"import {ident(rng)}", f"from .{ident(rng)} import {c}", f"    logger.info('refreshing {i} token for %s', user_id)",
               f"    cache_key = f'{i}:{{user_id}}:{{page}}'", f"    for {i} in {ident(rng)}s:", "", f"    {i}_count += {n}"],
        "js": [f"const {c} = require('{ident(rng).replace('_', '-')}');", f"export async function {c}(req, res) {{", f"  const token = req.headers.authorization;",
               f"  const apiKey = process.env.{i.upper()}_API_KEY;", f"  if (!{c}) throw new Error('missing {i}');", "  }", "};",
               f"  return res.status({n % 500 + 100}).json({{ {c} }});", f"// refresh the {ident(rng).replace('_', ' ')} when the token expires",
               f"  const secretRef = '{ident(rng).replace('_', '-')}';", f"  this.{c} = options.{c} ?? {n};", ""],
        "go": [f"func {c.capitalize()}(ctx context.Context, {c} string) error {{", f"\t{c} := os.Getenv(\"{i.upper()}_TOKEN\")", "\treturn nil", "}",
               f"\tif err != nil {{ return fmt.Errorf(\"{i}: %w\", err) }}", f"\tkey := fmt.Sprintf(\"%s/%d\", {c}, {n})", f"// {c.capitalize()} reads the secret from the vault.", ""],
        "yaml": [f"  {c}: {n}", f"  {i}:", f"    name: {ident(rng).replace('_', '-')}", f"    secretKeyRef:", f"      key: {ident(rng).replace('_', '-')}",
                 f"  token_ttl: {n}s", f"  api_url: https://{ident(rng).replace('_', '-')}.internal/v{n % 3 + 1}", f"  enabled: {rng.choice(['true', 'false'])}"],
        "env": [f"{i.upper()}_URL=https://{ident(rng).replace('_', '-')}.internal", f"{i.upper()}_TIMEOUT={n}", f"{i.upper()}_ENABLED=true",
                f"{i.upper()}_TOKEN=${{{i.upper()}_TOKEN_FROM_VAULT}}", f"# {ident(rng).replace('_', ' ')}"],
    }[lang])

def decoy(rng):
    hexs = lambda n: "".join(rng.choice("0123456789abcdef") for _ in range(n))
    uuid = f"{hexs(8)}-{hexs(4)}-4{hexs(3)}-{rng.choice('89ab')}{hexs(3)}-{hexs(12)}"
    return rng.choice([
        ("git-sha", f"    commit: {hexs(40)}"), ("git-sha", f"COMMIT_SHA = \"{hexs(40)}\""),
        ("checksum", f"    sha256: {hexs(64)}"), ("checksum", f"  \"integrity\": \"sha512-{''.join(rng.choice(CLASSES['b64']) for _ in range(86))}==\","),
        ("checksum", f"checksum_md5 = \"{hexs(32)}\""),
        ("uuid", f"    request_id = \"{uuid}\""), ("uuid", f"  tenant_id: {uuid}"), ("uuid", f"ACCOUNT_KEY_ID = \"{uuid}\""),
        ("placeholder", "    api_key = \"${API_KEY}\""), ("placeholder", "AWS_SECRET_ACCESS_KEY=<your-secret-access-key>"),
        ("placeholder", "    password: \"{{ .Values.db.password }}\""), ("placeholder", "GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
        ("placeholder", "    token = \"YOUR_API_TOKEN_HERE\""), ("placeholder", "DATABASE_URL=postgres://app:${DB_PASSWORD}@db:5432/app"),
        ("placeholder", "    secret: ${{ secrets.DEPLOY_KEY }}"), ("placeholder", "password = \"changeme\""),
        ("test-key", "aws_access_key_id = AKIAIOSFODNN7EXAMPLE"), ("test-key", "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        ("test-key", "stripe.api_key = \"sk_test_4eC39HqLyjWDarjtT1zdp7dc\""),
        ("test-key", "    // eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"),
        ("identifier", f"    cache_key = \"{ident(rng).replace('_', '/')}/by_{ident(rng)}\""), ("identifier", f"    secret_name: \"{ident(rng).replace('_', '-')}-prod\""),
    ])

EXT = {"py": ".py", "js": ".js", "go": ".go", "yaml": ".yaml", "env": ".env"}

def main():
    out = sys.argv[1]
    mb = 200
    seed = 7
    args = sys.argv[2:]
    if "--mb" in args: mb = int(args[args.index("--mb") + 1])
    if "--seed" in args: seed = int(args[args.index("--seed") + 1])
    global SEC_SHARE
    if "--density" in args: SEC_SHARE = DENSITY[args[args.index("--density") + 1]]
    rng = random.Random(seed)
    rules = tomllib.load(open(RULES, "rb"))["rules"]
    # Rules scoped to a file name (examplePath, e.g. .pypirc) are left out: their text is only a
    # secret in that file, and the corpus plants into source files.
    examples = [(r["id"], e) for r in rules if "examplePath" not in r for e in r["examples"]]
    files_dir = os.path.join(out, "files")
    os.makedirs(files_dir, exist_ok=True)
    truth = {"secrets": [], "decoys": []}
    target = mb * 1024 * 1024
    written = 0
    n = 0
    while written < target:
        lang = rng.choice(list(EXT))
        rel = f"svc{n % 40:02d}/{ident(rng)}_{n}{EXT[lang]}"
        n += 1
        lines = []
        size = rng.randint(40_000, 160_000)
        approx = 0
        while approx < size:
            r = rng.random()
            if r < 0.0015:
                kind, text = rng.choice(examples)
                text = expand(text, rng)
                first = len(lines) + 1
                parts = text.split("\n")
                lines.extend(parts)
                truth["secrets"].append([rel, first, first + len(parts) - 1, kind])
            elif r < 0.006:
                kind, text = decoy(rng)
                lines.append(text)
                truth["decoys"].append([rel, len(lines), kind])
            else:
                lines.append(filler(rng, lang))
            approx += len(lines[-1]) + 1
        data = "\n".join(lines) + "\n"
        path = os.path.join(files_dir, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(data)
        written += len(data.encode())
    json.dump(truth, open(os.path.join(out, "truth.json"), "w"))
    print(f"{n} files, {written / 1048576:.0f} MB, {len(truth['secrets'])} planted secrets, {len(truth['decoys'])} decoys", file=sys.stderr)

if __name__ == "__main__":
    main()
