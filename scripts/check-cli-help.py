#!/usr/bin/env python3
"""Checks that `one-neuron experiment` and `one-neuron train` share one definition of every common
flag: each flag both commands take has the same help text in both; and that every numeric option (one whose help
shows a numeric default) of every command reads a negative value and checks it itself (run by
scripts/test.sh after the release build).

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

# A negative number given to a numeric option reaches the option's own check ("--epochs must be
# positive, got -3"), not argument-parser's "Missing value for '--epochs'" (it reads "-3" as an option
# unless the option parses its value unconditionally). Every option whose help shows a numeric default.
COMMANDS = [["experiment"], ["report"], ["merge"], ["train"], ["predict"], ["eeg", "prepare"], ["eeg", "fetch"],
            ["stats", "mann-whitney"], ["stats", "wilcoxon"], ["stats", "fisher"], ["stats", "power"], ["stats", "fisher-power"],
            ["bench"], ["lab"], ["gan"]]
checked, refused = 0, []
for command in COMMANDS:
    text = subprocess.run([binary, *command, "--help"], check=True, capture_output=True, text=True).stdout
    options = {}
    current = None
    for line in text.splitlines():
        match = re.match(r"^  (--[\w-]+) <", line)
        if match:
            current = match.group(1)
            options[current] = line
        elif current and line.startswith("   "):
            options[current] += " " + line.strip()
        else:
            current = None
    for flag, help in options.items():
        if not re.search(r"\(default: -?[0-9][0-9_.e-]*\)", " ".join(help.split())):
            continue
        run = subprocess.run([binary, *command, flag, "-1"], capture_output=True, text=True, timeout=60)
        output = run.stdout + run.stderr
        checked += 1
        if f"Missing value for '{flag}" in output or "Unknown option '-1'" in output:
            refused.append(f"{' '.join(command)} {flag} -1: {output.splitlines()[0] if output else ''}")
for line in refused:
    print(f"negative value not read: {line}", file=sys.stderr)
if refused or checked < 20:
    print(f"{len(refused)} of {checked} numeric options do not read a negative value (add parsing: .unconditional)", file=sys.stderr)
    sys.exit(1)
print(f"{checked} numeric options read a negative value and check it themselves")
