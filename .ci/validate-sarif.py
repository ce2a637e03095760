"""Validates a SARIF file against the official SARIF 2.1.0 JSON schema.

Usage: python3 validate-sarif.py SCHEMA.json REPORT.sarif
"""
import json, sys
import jsonschema

schema = json.load(open(sys.argv[1]))
report = json.load(open(sys.argv[2]))
validator = jsonschema.Draft7Validator(schema)
errors = sorted(validator.iter_errors(report), key=lambda e: list(e.path))
for e in errors[:20]:
    print("SARIF schema violation at", "/".join(map(str, e.path)) or "(root)", ":", e.message)
if errors:
    sys.exit(1)
print(f"SARIF valid against the 2.1.0 schema ({len(report['runs'][0]['results'])} results)")
