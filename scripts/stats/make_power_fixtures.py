#!/usr/bin/env python3
"""Writes Tests/StatsTests/Fixtures/power_cases.json: expected values from
scipy (1.17.1) and statsmodels (0.15.0) for Fisher's exact test and t-test
power in the Swift Stats module.

Run from the repository root:  python3 scripts/stats/make_power_fixtures.py
(needs `pip install statsmodels`)

Sections
- fisher: scipy.stats.fisher_exact([[a, b], [c, d]], alternative) for every
  alternative on hand-picked tables (the seed protocol's failure counts,
  symmetric tables, zero cells and margins, tables of a few thousand counts)
  and random ones. Non-finite odds ratios are the strings "inf" / "nan".
- nct: scipy.stats.nct.cdf and .sf on a grid of df, noncentrality and t.
- power: statsmodels' TTestPower().power (test "t-paired") and
  TTestIndPower().power with ratio 1 ("t-independent") or 0.5 / 2, across
  effect sizes, n (fractional too), alpha and alternatives. Where
  statsmodels returns NaN (scipy's nctdtr fails in some far lower tails at
  large noncentrality) the case goes to `power_statsmodels_nan` with the
  upper-tail part of the power, which statsmodels does compute.
- solve_n: solve_power(effect_size=, nobs=None | nobs1=None, alpha=, power=,
  alternative=) as `n`, and `n_exact`, the root of statsmodels' own power
  function to 1e-13 (brentq), because solve_power stops at xtol=1e-5
  (null where statsmodels' power is NaN next to the root).
  Cases where a one-sided alternative points away from the effect (no
  solution; statsmodels raises) are in `solve_n_no_solution`.
- solve_effect: solve_power(effect_size=None, nobs=, alpha=, power=,
  alternative=) as `effect_size` and the 1e-13 root as `effect_size_exact`
  (null where statsmodels' power is NaN next to the root). Where the
  power statsmodels attains at its own answer is off the target by 1e-4 or
  more (its power is NaN near the root and a fallback solver returns a
  wrong point), the case goes to `solve_effect_statsmodels_wrong`.
Cases where statsmodels' solve_power itself fails (NaN with a
ConvergenceWarning, or a ValueError) are printed and left out.
"""
import json
import os
import sys
import warnings

import numpy as np
import scipy
import statsmodels
from scipy import optimize, stats
from statsmodels.stats.power import TTestIndPower, TTestPower
from statsmodels.tools import sm_exceptions  # noqa: F401  (its import sets a warning filter; ours comes after)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixture_file import write_fixture  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "StatsTests", "Fixtures", "power_cases.json")
rng = np.random.default_rng(20181026)
# statsmodels warns (ConvergenceWarning) and returns NaN when solve_power fails; those cases are
# counted and left out below
warnings.simplefilter("ignore")


def number(v):
    v = float(v)
    if np.isnan(v):
        return "nan"
    if np.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


# --------------------------------------------------------------------- Fisher
tables = [
    [2, 3, 0, 5], [0, 5, 2, 3],             # seed protocol: 2 of 5 plain runs stuck, none augmented
    [1, 4, 2, 3], [3, 3, 3, 3], [1, 2, 2, 1], [5, 0, 0, 5], [0, 5, 5, 0],
    [8, 2, 1, 5], [1, 9, 11, 3], [7, 12, 0, 1], [0, 0, 3, 4], [2, 0, 3, 0],
    [1, 0, 0, 0], [10, 10, 10, 10], [20, 5, 6, 19], [0, 20, 20, 0],
    [100, 200, 150, 180], [1200, 800, 1100, 900], [1500, 1500, 1499, 1501], [3, 2000, 12, 1990],
    [2500, 10, 2480, 30], [0, 1000, 1000, 0],
]
for _ in range(40):
    tables.append([int(v) for v in rng.integers(0, 15, 4)])
for _ in range(10):
    tables.append([int(v) for v in rng.integers(0, 400, 4)])
fisher = []
for a, b, c, d in tables:
    for alternative in ["two-sided", "greater", "less"]:
        res = stats.fisher_exact([[a, b], [c, d]], alternative=alternative)
        fisher.append({"table": [a, b, c, d], "alternative": alternative,
                       "odds_ratio": number(res.statistic), "p": float(res.pvalue)})

# ------------------------------------------------------ noncentral t (Boost)
nct = []
for df in [1.0, 2.5, 4.0, 9.0, 30.0, 98.0, 500.0, 5000.0]:
    for nc in [-8.0, -2.0, -0.3, 0.0, 0.1, 0.7, 2.0, 5.0, 12.0, 30.0]:
        for t in [-6.0, -1.5, 0.0, 0.4, 2.0, 3.5, 10.0, 40.0]:
            cdf, sf = float(stats.nct.cdf(t, df, nc)), float(stats.nct.sf(t, df, nc))
            if np.isfinite(cdf) and np.isfinite(sf):
                nct.append({"t": t, "df": df, "nc": nc, "cdf": cdf, "sf": sf})

# ---------------------------------------------------------------- t power
def analysis(test, ratio):
    return TTestPower() if test == "t-paired" else TTestIndPower()


def power_of(test, ratio, effect, n, alpha, alternative):
    if test == "t-paired":
        return TTestPower().power(effect, n, alpha, alternative=alternative)
    return TTestIndPower().power(effect, n, alpha, ratio=ratio, alternative=alternative)


ALTERNATIVES = ["two-sided", "larger", "smaller"]
designs = [("t-paired", 1.0), ("t-independent", 1.0)]
power, power_nan = [], []
for test, ratio in designs + [("t-independent", 0.5), ("t-independent", 2.0)]:
    effects = [-0.4, 0.05, 0.2, 0.5, 0.8, 1.3, 2.5] if ratio == 1 else [0.3, 0.9]
    sizes = [2.0, 2.5, 3.0, 5.0, 10.0, 33.3, 100.0, 1000.0] if ratio == 1 else [4.0, 25.0]
    for effect in effects:
        for n in sizes:
            for alpha in [0.01, 0.05, 0.1]:
                for alternative in ALTERNATIVES:
                    p = float(power_of(test, ratio, effect, n, alpha, alternative))
                    case = {"test": test, "ratio": ratio, "effect_size": effect, "n": n, "alpha": alpha,
                            "alternative": alternative}
                    if np.isnan(p):
                        upper = power_of(test, ratio, effect, n, alpha / 2, "larger") if alternative == "two-sided" else np.nan
                        if np.isfinite(upper):
                            power_nan.append({**case, "upper_tail": float(upper)})
                        continue
                    power.append({**case, "power": p})


def scalar(value):
    """solve_power returns a 1-element array when its fsolve fallback ran."""
    return float(np.ravel(value)[0])


def tight_root(f, guess):
    """Root of f near statsmodels' answer (which is within its xtol=1e-5), to 1e-13. A narrow
    bracket keeps away from parameters where scipy's nctdtr returns NaN; None if it meets one."""
    lo, hi = guess - 1e-3 * abs(guess), guess + 1e-3 * abs(guess)
    try:
        while f(lo) * f(hi) > 0:
            lo, hi = lo - (hi - lo), hi + (hi - lo)
        return float(optimize.brentq(f, lo, hi, xtol=1e-13, rtol=4 * np.finfo(float).eps, maxiter=500))
    except ValueError:
        return None


failed = []


solve_n, solve_n_no_solution = [], []
for test, ratio in designs:
    cls = analysis(test, ratio)
    key = "nobs" if test == "t-paired" else "nobs1"
    for effect in [0.1, 0.3, 0.5, 0.8, 1.2, 2.0, -0.6]:
        for target in [0.5, 0.8, 0.9, 0.95]:
            for alpha in [0.01, 0.05, 0.1]:
                for alternative in ALTERNATIVES:
                    case = {"test": test, "effect_size": effect, "power": target, "alpha": alpha,
                            "alternative": alternative}
                    if (alternative == "larger" and effect < 0) or (alternative == "smaller" and effect > 0):
                        solve_n_no_solution.append(case)
                        continue
                    n = scalar(cls.solve_power(effect_size=effect, power=target, alpha=alpha,
                                              alternative=alternative, **{key: None}))
                    if np.isnan(n):  # statsmodels' solvers failed (the answer lies below its bracket, n < 2)
                        failed.append({**case, "method": "solve_power(nobs=None)"})
                        continue
                    if not n > 2:  # below statsmodels' bracket (low=2, fsolve fallback); the Swift port refuses these
                        continue
                    assert abs(power_of(test, 1.0, effect, n, alpha, alternative) - target) < 1e-4, case
                    exact = tight_root(lambda v: power_of(test, 1.0, effect, v, alpha, alternative) - target, n)
                    solve_n.append({**case, "n": n, "n_exact": exact})

solve_effect, solve_effect_wrong = [], []
for test, ratio in designs:
    cls = analysis(test, ratio)
    key = "nobs" if test == "t-paired" else "nobs1"
    for n in [3.0, 5.0, 10.0, 20.0, 50.0, 200.0]:
        for target in [0.5, 0.8, 0.9]:
            for alpha in [0.01, 0.05, 0.1]:
                for alternative in ALTERNATIVES:
                    try:
                        d = scalar(cls.solve_power(effect_size=None, power=target, alpha=alpha,
                                                   alternative=alternative, **{key: n}))
                    except ValueError:  # its last-resort brentq(1e-8, 1 - 1e-8) found no sign change
                        d = np.nan
                    if np.isnan(d):
                        failed.append({"test": test, "n": n, "power": target, "alpha": alpha,
                                       "alternative": alternative, "method": "solve_power(effect_size=None)"})
                        continue
                    attained = power_of(test, 1.0, d, n, alpha, alternative)
                    if not abs(attained - target) < 1e-4:
                        # statsmodels' power is NaN near the root (nctdtr), and its fallback returns a
                        # wrong root; kept apart: the Swift test checks its own answer attains the power
                        solve_effect_wrong.append({"test": test, "n": n, "power": target, "alpha": alpha,
                                                   "alternative": alternative, "effect_size": d,
                                                   "attained_power": float(attained)})
                        continue
                    exact = tight_root(lambda v: power_of(test, 1.0, v, n, alpha, alternative) - target, d)
                    solve_effect.append({"test": test, "n": n, "power": target, "alpha": alpha,
                                         "alternative": alternative, "effect_size": d, "effect_size_exact": exact})

out = {
    "generator": "scripts/stats/make_power_fixtures.py",
    "scipy_version": scipy.__version__,
    "statsmodels_version": statsmodels.__version__,
    "numpy_version": np.__version__,
    "fisher": fisher,
    "nct": nct,
    "power": power,
    "power_statsmodels_nan": power_nan,
    "solve_n": solve_n,
    "solve_n_no_solution": solve_n_no_solution,
    "solve_effect": solve_effect,
    "solve_effect_statsmodels_wrong": solve_effect_wrong,
}
write_fixture(OUT, out)
print("statsmodels failed (NaN, left out):", failed)
