#!/usr/bin/env python3
"""Checks that `one-neuron experiment` and `one-neuron train` share one definition of every common
flag: each flag both commands take has the same help text in both (run by scripts/test.sh after the
release build).

    python3 scripts/check-cli-help.py [path/to/one-neuron]
"""
import re
import subprocess
import sys

binary = sys.argv[1] if len(sys.argv) > 1 else ".build/release/one-neuron"


def flags(command):
    """{flag: help text} of a command's --help (argument-parser's layout: a flag starts a line
    indented by two spaces; its text continues on lines indented further)."""
    text = subprocess.run([binary, command, "--help"], check=True, capture_output=True, text=True).stdout
    found, current = {}, None
    for line in text.splitlines():
        match = re.match(r"^  (-[-\w]+)", line)
        if match:
            current = match.group(1)
            found[current] = line[2:].strip()
        elif current and line.startswith("   "):
            found[current] += " " + line.strip()
        else:
            current = None
    return {flag: " ".join(help.split()) for flag, help in found.items()}


experiment, train = flags("experiment"), flags("train")
common = sorted(set(experiment) & set(train) - {"-h"})
different = [flag for flag in common if experiment[flag] != train[flag]]
for flag in different:
    print(f"{flag} differs:\n  experiment: {experiment[flag]}\n  train:      {train[flag]}", file=sys.stderr)
if different or len(common) < 20:
    print(f"experiment and train must share one definition of their {len(common)} common flags", file=sys.stderr)
    sys.exit(1)
print(f"experiment and train: {len(common)} common flags, the same help text")
