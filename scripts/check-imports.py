#!/usr/bin/env python3
"""Every target's declared dependencies equal its imports (issue 22): a module a target's Swift files
import must be among its declared dependencies, and a declared dependency must be imported by at
least one of its files. Reads the targets from `swift package dump-package` and the `import` lines
of each target's sources. Exit 1, naming the target and module, on any difference.

    python3 scripts/check-imports.py
"""
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Modules of the toolchain and the system: imported freely, never declared.
SYSTEM = {"Foundation", "FoundationNetworking", "FoundationXML", "FoundationEssentials", "Glibc", "Dispatch", "XCTest", "Synchronization", "Darwin", "_Concurrency"}
IMPORT = re.compile(r"^\s*(?:@_exported\s+|@testable\s+|@preconcurrency\s+)*import\s+(?:(?:struct|class|enum|func|protocol|typealias|var|let)\s+)?([A-Za-z_][A-Za-z0-9_]*)", re.M)

package = json.loads(subprocess.run(["swift", "package", "dump-package"], cwd=ROOT, check=True, capture_output=True, text=True).stdout)


def declared(target):
    names = set()
    for dep in target["dependencies"]:
        kind, value = next(iter(dep.items()))
        names.add(value[0])  # byName / target: [name, condition]; product: [name, package, ...]
    return names


def default_path(target):
    base = "Tests" if target["type"] == "test" else "Sources"
    return os.path.join(base, target["name"])


problems = []
for target in package["targets"]:
    if target["type"] == "system":
        continue
    folder = os.path.join(ROOT, target.get("path") or default_path(target))
    excluded = {os.path.join(folder, e) for e in target.get("exclude", [])}
    imports = set()
    for directory, subdirs, files in os.walk(folder):
        subdirs[:] = [d for d in subdirs if os.path.join(directory, d) not in excluded]
        for name in files:
            if name.endswith(".swift"):
                with open(os.path.join(directory, name), encoding="utf-8") as f:
                    imports |= set(IMPORT.findall(f.read()))
    imports -= SYSTEM
    deps = declared(target)
    for module in sorted(imports - deps):
        problems.append(f"{target['name']}: imports {module}, which Package.swift does not declare as its dependency")
    for module in sorted(deps - imports):
        problems.append(f"{target['name']}: declares {module} in Package.swift, but none of its files imports it")

if problems:
    print("\n".join(problems), file=sys.stderr)
    print(f"check-imports: {len(problems)} difference(s) between Package.swift and the imports; make them equal", file=sys.stderr)
    sys.exit(1)
print(f"check-imports: every target's declared dependencies equal its imports ({len(package['targets'])} targets)")
