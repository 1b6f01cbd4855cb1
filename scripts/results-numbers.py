#!/usr/bin/env python3
"""The numbers fingerprint of a results folder: for epochs.jsonl and runs.jsonl, a SHA-256 over every
number in every record (as the IEEE float64 bits of its value, with its key path; keys sorted within a
record, records in file order), so it does not move when only the layout changes (key order, spacing,
number spelling, an added non-numeric key), and moves when any number does. The "schema_version" key that
starts every record is not a result and is left out, so adding it or raising it does not move the hash.
The portable-fingerprint test checks it next to the files' byte hashes.

    python3 scripts/results-numbers.py RESULTS_FOLDER     # prints "numbers:<sha256>  <file>" per file
"""
import hashlib
import json
import os
import struct
import sys


def numbers(value, path, out):
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return
    if isinstance(value, (int, float)):
        out.append(path.encode() + b"=" + struct.pack("<d", float(value)))
    elif isinstance(value, dict):
        for key in sorted(value):
            if path == "" and key == "schema_version":
                continue
            numbers(value[key], f"{path}/{key}", out)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            numbers(item, f"{path}[{i}]", out)


def fingerprint(path):
    digest = hashlib.sha256()
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            out = []
            numbers(json.loads(line), "", out)
            for item in out:
                digest.update(item + b"\n")
            digest.update(b"--\n")
    return digest.hexdigest()


folder = sys.argv[1] if len(sys.argv) > 1 else sys.exit(__doc__)
for name in ("epochs.jsonl", "runs.jsonl"):
    print(f"numbers:{fingerprint(os.path.join(folder, name))}  {name}")
