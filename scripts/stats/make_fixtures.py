#!/usr/bin/env python3
"""Writes Tests/StatsTests/Fixtures/stats_cases.json: expected values from
scipy (1.17.1) and numpy for the Swift Stats module.

Run from the repository root:  python3 scripts/stats/make_fixtures.py

Sections
- mann_whitney: scipy.stats.mannwhitneyu for every (method, alternative,
  use_continuity) combination on samples of sizes 1..30 with and without
  ties; `resolved` is the method scipy actually used (its own
  _mwu_choose_method for 'auto').  'exact' with ties is accepted by scipy
  but refused by the Swift port; those go to `mann_whitney_exact_with_ties`.
  Cases where scipy returns NaN (every value equal, no continuity
  correction: 0/0) go to `mann_whitney_scipy_nan` without a p-value.
- wilcoxon: scipy.stats.wilcoxon(x, y, zero_method='wilcox', correction=...,
  alternative=..., method=...); `resolved` is 'exact', 'asymptotic' or
  'sign-flip' (auto's PermutationMethod path), each checked below by
  recomputing the p-value with that explicit method.
- t_quantiles: scipy.stats.t.ppf on a grid of df and probabilities.
- t_intervals: scipy.stats.t.interval(level, n-1, loc=mean, scale=sem).
- rank_biserial: 2*U/(nx*ny) - 1 with U from mannwhitneyu.
- cohens_d: pooled-sd Cohen's d computed with numpy (ddof=1).
"""
import json
import os
import sys

import numpy as np
import scipy
from scipy import stats
from scipy.stats._mannwhitneyu import _mwu_choose_method
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixture_file import write_fixture  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "StatsTests", "Fixtures", "stats_cases.json")
ALTERNATIVES = ["two-sided", "greater", "less"]
rng = np.random.default_rng(20180613)


def floats(a):
    return [float(v) for v in a]


def continuous(n, shift=0.0):
    return floats(np.round(rng.normal(shift, 1.0, n), 6))


def tied(n, shift=0.0, levels=5):
    return floats(rng.integers(0, levels, n) + shift)


def has_ties(values):
    return len(set(values)) < len(values)


# ---------------------------------------------------------------- Mann-Whitney
SEED_X = [0.831, 0.825, 0.822, 0.819, 0.830]   # every run with the neuron ...
SEED_Y = [0.814, 0.812, 0.808, 0.810, 0.816]   # ... beats every run without
mw_samples = [("seed 5 vs 5 separated", SEED_X, SEED_Y)]
for nx, ny, shift in [(1, 1, 0.5), (1, 5, 0.3), (2, 3, 1.0), (3, 3, -0.5), (4, 7, 0.8), (5, 5, 0.2),
                      (6, 8, 1.5), (8, 8, 0.4), (8, 20, 0.7), (9, 9, -0.3), (10, 12, 0.9),
                      (15, 15, 0.1), (20, 25, 0.6), (30, 30, 0.5), (1, 30, 0.0), (7, 30, 1.2), (30, 2, -1.0)]:
    mw_samples.append((f"continuous {nx} vs {ny}", continuous(nx, shift), continuous(ny)))
for nx, ny, levels in [(3, 4, 4), (5, 5, 3), (8, 8, 4), (6, 12, 5), (10, 10, 6), (20, 30, 8), (30, 30, 4)]:
    mw_samples.append((f"ties {nx} vs {ny}", tied(nx, 0.5, levels), tied(ny, 0.0, levels)))
mw_samples.append(("separated 30 vs 30 (tiny p)", floats(np.arange(30) + 100.5), floats(np.arange(30))))
mw_samples.append(("separated 12 vs 9", floats(np.arange(12) * 0.1 + 5), floats(np.arange(9) * 0.2)))
mw_samples.append(("all values equal 2 vs 2", [1.0, 1.0], [1.0, 1.0]))
mw_samples.append(("one shared value 1 vs 1", [3.0], [3.0]))
mw_samples.append(("x ties with y 4 vs 3", [1.0, 2.0, 2.0, 5.0], [2.0, 3.0, 0.5]))

mann_whitney, mann_whitney_exact_with_ties, mann_whitney_scipy_nan = [], [], []
for name, x, y in mw_samples:
    ties = has_ties(x + y)
    for method in ["auto", "exact", "asymptotic"]:
        for alternative in ALTERNATIVES:
            for continuity in [True, False]:
                res = stats.mannwhitneyu(x, y, use_continuity=continuity, alternative=alternative, method=method)
                resolved = _mwu_choose_method(len(x), len(y), ties) if method == "auto" else method
                case = {"name": name, "x": x, "y": y, "alternative": alternative, "method": method,
                        "continuity": continuity, "u": float(res.statistic), "p": float(res.pvalue),
                        "resolved": resolved}
                if np.isnan(res.pvalue):
                    # all values equal and no continuity correction: scipy 0/0 -> NaN,
                    # the Swift port returns p = 1 (tested there, documented deviation)
                    mann_whitney_scipy_nan.append({k: v for k, v in case.items() if k != "p"})
                    continue
                (mann_whitney_exact_with_ties if resolved == "exact" and ties else mann_whitney).append(case)

# -------------------------------------------------------------------- Wilcoxon
def wilcoxon_pair(n, shift, zeros=0, ties=False):
    y = continuous(n)
    if ties:
        d = rng.integers(1, 4, n) * rng.choice([-1.0, 1.0], n) + 0.0
        d = np.where(rng.random(n) < 0.3, -d, d) + shift * 0
    else:
        d = np.round(rng.normal(shift, 1.0, n), 6)
    d[:zeros] = 0.0
    x = floats(np.array(y) + d)
    # make zero differences exact and x - y reproduce d exactly in float64
    x = [yi if di == 0 else xi for xi, yi, di in zip(x, y, d)]
    return x, y


wx_samples = [("seed pairs 5", SEED_X, SEED_Y)]
for n, shift in [(1, 0.5), (2, 1.0), (3, 0.2), (5, 0.8), (8, -0.4), (10, 0.5), (13, 0.3), (20, 0.4),
                 (30, -0.2), (50, 0.3), (51, 0.2), (60, 0.1)]:
    x, y = wilcoxon_pair(n, shift)
    wx_samples.append((f"continuous n={n}", x, y))
for n, zeros, ties in [(7, 1, False), (10, 3, False), (13, 2, False), (12, 0, True), (13, 4, True),
                       (14, 1, False), (25, 0, True), (40, 5, True), (55, 3, True)]:
    x, y = wilcoxon_pair(n, 0.3, zeros, ties)
    wx_samples.append((f"n={n} zeros={zeros} ties={ties}", x, y))
wx_samples.append(("all positive n=50 (tiny p)", floats(np.arange(1, 51) * 0.37 + 10), floats(np.full(50, 10.0))))
wx_samples.append(("all positive n=20", floats(np.arange(1, 21) * 0.5 + 1), floats(np.full(20, 1.0))))
wx_samples.append(("example 7 pairs one zero", [1, 2, 3, 4, 5, 6, 7.0], [0, 0, 0, 0, 0, 0, 7.0]))


def wilcoxon_resolution(d):
    """scipy 1.17 _wilcoxon_nd's choice for method='auto'."""
    nonzero = d[d != 0]
    tie = len(np.unique(np.abs(nonzero))) < len(nonzero)
    if len(d) > 50:
        return "asymptotic"
    if not tie and not np.any(d == 0):
        return "exact"
    return "sign-flip" if len(d) <= 13 else "asymptotic"


wilcoxon, wilcoxon_exact_with_ties = [], []
for name, x, y in wx_samples:
    d = np.array(x) - np.array(y)
    nonzero = d[d != 0]
    ties_or_zeros = len(np.unique(np.abs(nonzero))) < len(nonzero) or np.any(d == 0)
    for method in ["auto", "exact", "asymptotic"]:
        for alternative in ALTERNATIVES:
            for correction in [False, True]:
                res = stats.wilcoxon(x, y, zero_method="wilcox", correction=correction,
                                     alternative=alternative, method=method)
                resolved = wilcoxon_resolution(d) if method == "auto" else method
                if method == "auto":  # confirm the resolution by recomputing explicitly
                    explicit = stats.PermutationMethod() if resolved == "sign-flip" else resolved
                    check = stats.wilcoxon(x, y, correction=correction, alternative=alternative, method=explicit)
                    assert float(check.pvalue) == float(res.pvalue), (name, method, alternative)
                case = {"name": name, "x": x, "y": y, "alternative": alternative, "method": method,
                        "continuity": correction, "statistic": float(res.statistic), "p": float(res.pvalue),
                        "resolved": resolved}
                (wilcoxon_exact_with_ties if method == "exact" and ties_or_zeros else wilcoxon).append(case)

# ------------------------------------------------------------ t distribution
levels = [0.5, 0.6, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999]
t_quantiles = []
for df in list(range(1, 101)) + [0.5, 2.5, 7.3, 150.0, 1000.0]:
    for level in levels:
        q = (1 + level) / 2
        t_quantiles.append({"p": q, "df": float(df), "t": float(stats.t.ppf(q, df))})
for df in [1, 4, 29]:
    for p in [0.001, 0.05, 0.3, 0.49, 0.51]:
        t_quantiles.append({"p": p, "df": float(df), "t": float(stats.t.ppf(p, df))})

t_intervals = []
for n in [2, 3, 5, 10, 30]:
    values = continuous(n, 0.8)
    for level in [0.5, 0.9, 0.95, 0.99]:
        m, sem = float(np.mean(values)), float(stats.sem(values))
        lo, hi = stats.t.interval(level, n - 1, loc=m, scale=sem)
        t_intervals.append({"values": values, "level": level, "center": m, "lower": float(lo), "upper": float(hi)})
t_intervals.append({"values": SEED_X, "level": 0.9, "center": float(np.mean(SEED_X)),
                    "lower": float(stats.t.interval(0.9, 4, loc=np.mean(SEED_X), scale=stats.sem(SEED_X))[0]),
                    "upper": float(stats.t.interval(0.9, 4, loc=np.mean(SEED_X), scale=stats.sem(SEED_X))[1])})

# ------------------------------------------------------------- effect sizes
rank_biserial, cohens_d = [], []
for name, x, y in mw_samples:
    if not all(np.isfinite(x + y)):
        continue
    u = float(stats.mannwhitneyu(x, y).statistic)
    rank_biserial.append({"name": name, "x": x, "y": y, "value": 2 * u / (len(x) * len(y)) - 1})
    if len(x) + len(y) >= 3:
        nx, ny = len(x), len(y)
        vx = float(np.var(x, ddof=1)) if nx > 1 else 0.0
        vy = float(np.var(y, ddof=1)) if ny > 1 else 0.0
        pooled = np.sqrt(((nx - 1) * vx + (ny - 1) * vy) / (nx + ny - 2))
        if pooled > 0:
            cohens_d.append({"name": name, "x": x, "y": y, "value": float((np.mean(x) - np.mean(y)) / pooled)})

out = {
    "generator": "scripts/stats/make_fixtures.py",
    "scipy_version": scipy.__version__,
    "numpy_version": np.__version__,
    "mann_whitney": mann_whitney,
    "mann_whitney_exact_with_ties": mann_whitney_exact_with_ties,
    "mann_whitney_scipy_nan": mann_whitney_scipy_nan,
    "wilcoxon": wilcoxon,
    "wilcoxon_exact_with_ties": wilcoxon_exact_with_ties,
    "t_quantiles": t_quantiles,
    "t_intervals": t_intervals,
    "rank_biserial": rank_biserial,
    "cohens_d": cohens_d,
}
write_fixture(OUT, out)
