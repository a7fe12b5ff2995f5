#!/usr/bin/python3
"""Validates `racelab sarif` output against the official SARIF 2.1.0 schema.

usage: validate_sarif.py SCHEMA RACELAB REPORT... [-- EXTRA_ARGS...]

Runs `RACELAB sarif [EXTRA_ARGS] REPORT` for each report.  Reports racelab
cannot read (exit 2: empty, garbage) are skipped; the others (exit 0, or 3
when the detector died) must print SARIF that the schema accepts and that
keeps racelab's own promises (one result per distinct finding, each with a
fingerprint and a known rule).  Exits 0 when all pass, 1 on any failure,
77 (CTest SKIP_RETURN_CODE) when the schema or python3-jsonschema is
missing: a check that could not run is not a pass.
"""
import json
import os
import subprocess
import sys

SKIP = 77


def skip(reason):
    print(f"SKIP: {reason}")
    sys.exit(SKIP)


def own_promises(sarif):
    """racelab-specific checks the schema cannot express."""
    problems = []
    run = sarif["runs"][0]
    rule_ids = [rule["id"] for rule in run["tool"]["driver"].get("rules", [])]
    fingerprints = set()
    for result in run.get("results", []):
        if result.get("ruleId") not in rule_ids:
            problems.append(f"result with unknown rule {result.get('ruleId')!r}")
        elif rule_ids[result["ruleIndex"]] != result["ruleId"]:
            problems.append(f"ruleIndex of {result['ruleId']} points at another rule")
        fingerprint = result.get("partialFingerprints", {}).get("racelab/v2")
        if not fingerprint:
            problems.append("result without a racelab/v2 fingerprint")
        elif fingerprint in fingerprints:
            problems.append(f"two results for one finding: {fingerprint}")
        fingerprints.add(fingerprint)
    return problems


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    schema_path, racelab, rest = argv[1], argv[2], argv[3:]
    extra = []
    if "--" in rest:
        extra = rest[rest.index("--") + 1:]
        rest = rest[:rest.index("--")]
    try:
        import jsonschema
    except ImportError:
        skip("python3-jsonschema is not installed (apt-get install python3-jsonschema)")
    if not os.path.isfile(schema_path):
        skip(f"SARIF schema not found at {schema_path}")
    with open(schema_path, encoding="utf-8") as handle:
        validator = jsonschema.Draft4Validator(json.load(handle))

    validated, failures = 0, 0
    for report in rest:
        name = os.path.basename(report)
        done = subprocess.run([racelab, "sarif", *extra, report], capture_output=True, text=True)
        if done.returncode == 2:
            print(f"skipped {name}: unreadable ({done.stderr.strip()})")
            continue
        problems = []
        if done.returncode not in (0, 3):
            problems.append(f"exit status {done.returncode}: {done.stderr.strip()}")
        try:
            sarif = json.loads(done.stdout)
        except ValueError as error:
            problems.append(f"not JSON: {error}")
        else:
            for error in sorted(validator.iter_errors(sarif), key=lambda e: list(e.path)):
                path = "/".join(str(part) for part in error.absolute_path)
                problems.append(f"schema: at /{path}: {error.message[:300]}")
            if not problems:
                problems.extend(own_promises(sarif))
        if problems:
            failures += 1
            print(f"FAIL {name}")
            for problem in problems:
                print(f"  {problem}")
        else:
            validated += 1
            print(f"ok   {name}")
    if validated == 0 and failures == 0:
        print("FAIL: no report could be read, nothing was validated")
        return 1
    print(f"{validated} valid, {failures} invalid")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
