#!/usr/bin/env python3
"""Writes Tests/StatsTests/Fixtures/fisher_power_cases.json: the exact power of Fisher's exact test
for two arms of runs (Stats' FisherExactPower), computed here by brute force with scipy (1.17.1):
sum over every outcome (x1 failures of n1, x2 of n2) of binom.pmf(x1; n1, p1) * binom.pmf(x2; n2, p2)
for the outcomes where scipy.stats.fisher_exact([[x1, n1 - x1], [x2, n2 - x2]], alternative) gives
p <= alpha.

Run from the repository root:  python3 scripts/stats/make_fisher_power_fixtures.py

Sections
- power: n1, n2, p1, p2, alpha, alternative -> power (small and unequal arms, rates at 0 and 1,
  the seed protocol's 5 runs per arm).
- runs_needed: p1, p2, alpha, alternative, target power -> the smallest n per arm (scanning n = 1, 2, ...)
  whose power reaches the target.
"""
import os
import sys

import scipy
from scipy import stats

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixture_file import write_fixture  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "StatsTests", "Fixtures", "fisher_power_cases.json")


def power(n1, n2, p1, p2, alpha, alternative):
    total = 0.0
    for x1 in range(n1 + 1):
        for x2 in range(n2 + 1):
            p = stats.fisher_exact([[x1, n1 - x1], [x2, n2 - x2]], alternative=alternative).pvalue
            if p <= alpha:
                total += stats.binom.pmf(x1, n1, p1) * stats.binom.pmf(x2, n2, p2)
    return float(total)


cases = []
for n1, n2, p1, p2 in [(5, 5, 0.4, 0.4), (5, 5, 0.4, 0.0), (5, 5, 1.0, 0.0), (10, 10, 0.5, 0.1), (12, 8, 0.3, 0.7),
                       (20, 20, 0.4, 0.1), (30, 30, 0.2, 0.5), (7, 15, 0.05, 0.6), (40, 40, 0.4, 0.2), (25, 25, 0.0, 0.3)]:
    for alternative in ["two-sided", "greater", "less"]:
        for alpha in [0.05, 0.1]:
            cases.append({"n1": n1, "n2": n2, "p1": p1, "p2": p2, "alpha": alpha, "alternative": alternative,
                          "power": power(n1, n2, p1, p2, alpha, alternative)})

needed = []
for p1, p2, target in [(0.6, 0.1, 0.8), (0.4, 0.0, 0.8), (0.5, 0.2, 0.7), (0.1, 0.6, 0.9)]:
    n = 1
    while power(n, n, p1, p2, 0.05, "two-sided") < target:
        n += 1
    needed.append({"p1": p1, "p2": p2, "alpha": 0.05, "alternative": "two-sided", "power": target, "n": n})

print("scipy", scipy.__version__)
write_fixture(OUT, {"scipy": scipy.__version__, "power": cases, "runs_needed": needed})
