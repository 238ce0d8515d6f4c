"""Validates a SARIF log against the SARIF 2.1.0 JSON schema (Draft 7).

usage: validate_sarif.py SCHEMA LOG   (exit 0 valid, 1 invalid, 2 setup problem)
Needs Debian's python3-jsonschema.
"""
import json
import sys

try:
    import jsonschema
except ImportError:
    print("python3-jsonschema is not installed (apt-get install -y python3-jsonschema)")
    sys.exit(2)

schema = json.load(open(sys.argv[1], encoding="utf-8"))
log = json.load(open(sys.argv[2], encoding="utf-8"))
validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
for error in errors[:20]:
    print("/".join(str(p) for p in error.absolute_path) or "(root)", ":", error.message)
print("valid" if not errors else f"{len(errors)} schema violations")
sys.exit(1 if errors else 0)
