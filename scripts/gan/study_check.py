#!/usr/bin/env python3
"""Recomputes a GAN study's paired tests with scipy, from its result files, to check the report's numbers.

Reads DIR/seed-*/{plain,augmented}/result.json (`one-neuron gan --runs N --out DIR`), pairs the arms by seed,
and prints per metric the pairs, the augmented-higher/lower/equal counts, the median difference and scipy's
Wilcoxon signed-rank p (zero differences dropped, as the report does; exact without ties or zeros, else the
normal approximation with tie correction and no continuity correction), then Fisher's exact test on
collapse (fewer than all modes) per arm.

    python3 scripts/gan/study_check.py DIR
"""
import glob
import json
import os
import statistics
import sys

from scipy import stats


def load(folder):
    runs = {}
    for path in glob.glob(os.path.join(folder, "seed-*", "*", "result.json")):
        with open(path) as f:
            result = json.load(f)
        seed = int(path.split(os.sep)[-3].split("-")[1])
        runs.setdefault(seed, {})[result["config"]["arm"]] = result
    return {s: arms for s, arms in runs.items() if len(arms) == 2}


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    runs = load(sys.argv[1])
    seeds = sorted(runs)
    modes_total = {"ring8": 8, "grid25": 25}[runs[seeds[0]]["plain"]["config"]["task"]]
    print(f"{len(seeds)} paired seeds, {modes_total} modes")
    for key, name in [("modes_captured", "modes captured"), ("high_quality_percent", "% high quality"), ("reverse_kl", "reverse KL")]:
        pairs = [(runs[s]["augmented"]["final"].get(key), runs[s]["plain"]["final"].get(key)) for s in seeds]
        d = [a - p for a, p in pairs if a is not None and p is not None]
        higher, lower = sum(x > 0 for x in d), sum(x < 0 for x in d)
        nonzero = [x for x in d if x != 0]
        ties = len(set(abs(x) for x in nonzero)) < len(nonzero)
        method = "approx" if ties or len(nonzero) < len(d) else "exact"
        p = stats.wilcoxon(nonzero, zero_method="wilcox", correction=False, method=method).pvalue if nonzero else float("nan")
        print(f"{name}: pairs {len(d)}, higher/lower/equal {higher}/{lower}/{len(d) - higher - lower}, "
              f"median difference {statistics.median(d):.3f}, Wilcoxon p = {p:.4g} ({method})")
    collapsed = {arm: sum(runs[s][arm]["final"]["modes_captured"] < modes_total for s in seeds) for arm in ("augmented", "plain")}
    n = len(seeds)
    table = [[collapsed["augmented"], n - collapsed["augmented"]], [collapsed["plain"], n - collapsed["plain"]]]
    print(f"collapsed: augmented {collapsed['augmented']} of {n}, plain {collapsed['plain']} of {n}, "
          f"Fisher exact two-sided p = {stats.fisher_exact(table).pvalue:.4g}")


if __name__ == "__main__":
    main()
