"""Writes a statistics fixture: one JSON object, one case per line (compact and diff-friendly).
Shared by the make_*fixtures.py scripts here."""
import json
import os


def write_fixture(path, out):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        lines = []
        for key, value in out.items():
            if isinstance(value, list):
                body = ",\n".join("  " + json.dumps(case, allow_nan=False, separators=(",", ":")) for case in value)
                lines.append(f"{json.dumps(key)}: [\n{body}\n]")
            else:
                lines.append(f"{json.dumps(key)}: {json.dumps(value)}")
        f.write("{\n" + ",\n".join(lines) + "\n}\n")
    print({k: len(v) for k, v in out.items() if isinstance(v, list)})
