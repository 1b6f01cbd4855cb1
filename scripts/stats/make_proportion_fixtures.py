#!/usr/bin/env python3
"""Writes Tests/StatsTests/Fixtures/proportion_intervals.json: expected values from statsmodels
(0.15.0, with scipy 1.17.1) for Stats' ProportionIntervals (Wilson's score interval and Newcombe's
hybrid score interval for a difference of two independent proportions).

Run from the repository root:  python3 scripts/stats/make_proportion_fixtures.py
(needs `pip install statsmodels`)

The Swift functions take z, not alpha: every case stores alpha and z = scipy.stats.norm.isf(alpha / 2),
the critical value statsmodels uses. alpha is 0.05, 0.01 and 0.1.

Sections
- wilson: proportion_confint(successes, trials, alpha=alpha, method="wilson") as lower, upper, for
  trials 1, 2, 5, 10, 37, 50, 1000 and successes 0, 1, about half, n - 1, n (and a few more at 1000).
- newcombe: confint_proportions_2indep(successes1, trials1, successes2, trials2, method="newcomb",
  compare="diff", alpha=alpha) as lower, upper, and difference = successes1 / trials1 - successes2 / trials2;
  equal and unequal arms, rates 0 and 1 in either arm, small arms (1, 2, 5), 1000-trial arms,
  Newcombe's (1998) Table II example 56/70 vs 48/80 and lab-sized arms of 50 starts.
"""
import os
import sys

import scipy
import statsmodels
from scipy import stats
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixture_file import write_fixture  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "StatsTests", "Fixtures", "proportion_intervals.json")
ALPHAS = [0.05, 0.01, 0.1]


def z_of(alpha):
    return float(stats.norm.isf(alpha / 2))


wilson = []
for n in [1, 2, 5, 10, 37, 50, 1000]:
    counts = sorted({0, 1, n // 2, n - 1, n} | ({3, 17, 500, 983} if n == 1000 else set()))
    for k in counts:
        for alpha in ALPHAS:
            lower, upper = proportion_confint(k, n, alpha=alpha, method="wilson")
            wilson.append({"successes": k, "trials": n, "alpha": alpha, "z": z_of(alpha),
                           "lower": float(lower), "upper": float(upper)})

arms = [
    (0, 1, 1, 1), (1, 1, 0, 1), (0, 1, 0, 1), (1, 2, 2, 2), (0, 2, 1, 2),
    (0, 5, 5, 5), (5, 5, 0, 5), (2, 5, 3, 5), (0, 5, 0, 5), (5, 5, 5, 5),
    (1, 2, 3, 5), (4, 5, 1, 2),
    (56, 70, 48, 80),
    (26, 50, 20, 50), (50, 50, 0, 50), (0, 50, 1, 50),
    (7, 10, 400, 1000), (1, 2, 999, 1000), (0, 1, 1000, 1000), (1, 1, 0, 1000), (0, 5, 3, 1000),
    (0, 1000, 0, 1000), (1000, 1000, 0, 1000), (3, 1000, 0, 1000), (500, 1000, 517, 1000), (999, 1000, 1000, 1000),
]
newcombe = []
for k1, n1, k2, n2 in arms:
    for alpha in ALPHAS:
        lower, upper = confint_proportions_2indep(k1, n1, k2, n2, method="newcomb", compare="diff", alpha=alpha)
        newcombe.append({"successes1": k1, "trials1": n1, "successes2": k2, "trials2": n2, "alpha": alpha, "z": z_of(alpha),
                         "difference": k1 / n1 - k2 / n2, "lower": float(lower), "upper": float(upper)})

print("statsmodels", statsmodels.__version__, "scipy", scipy.__version__)
write_fixture(OUT, {"statsmodels": statsmodels.__version__, "scipy": scipy.__version__, "wilson": wilson, "newcombe": newcombe})
