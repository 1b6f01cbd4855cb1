"""Prints the comparison table of compare.sh from the three benchmarks' captured stdout.

Usage: compare_report.py ONENEURON_OUT KERAS_OUT TORCH_OUT
Each file is a benchmark's stdout, or a first line "SKIPPED: why" / "FAILED: why" written by
compare.sh. A benchmark's result is the last line of its stdout that is a JSON object.
Exit status 0 when every benchmark that was asked for gave a result, 1 otherwise.
"""

import json
import sys

KEYS = ["samples_per_sec", "ms_per_step", "gflops", "peak_fraction", "peak_rss_mb"]


def last_json_line(path):
    """(result dict, None) or (None, reason) for one captured stdout."""
    try:
        with open(path) as handle:
            lines = handle.read().splitlines()
    except OSError as error:
        return None, f"no output file {path}: {error}"
    if lines and lines[0].startswith(("SKIPPED:", "FAILED:")):
        return None, lines[0]
    for line in reversed(lines):
        line = line.strip()
        if line.startswith("{"):
            try:
                value = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(value, dict):
                missing = [k for k in ("samples_per_sec", "ms_per_step") if k not in value]
                if missing:
                    return None, f"FAILED: JSON line in {path} lacks key(s) {', '.join(missing)}"
                return value, None
    return None, f"FAILED: no JSON line on stdout ({path}, {len(lines)} lines)"


def cell(value, digits):
    if value is None:
        return "-"
    return f"{value:.{digits}f}"


def main(paths):
    names = ["OneNeuron", "Keras", "PyTorch"]
    results, problems = {}, {}
    for name, path in zip(names, paths):
        result, problem = last_json_line(path)
        if result is not None:
            results[name] = result
        else:
            problems[name] = problem

    implied_peak = None
    one = results.get("OneNeuron")
    if one and one.get("peak_fraction") and one.get("gflops"):
        implied_peak = one["gflops"] / one["peak_fraction"]

    print()
    print("Versions:")
    if "Keras" in results:
        r = results["Keras"]
        print(f"  tensorflow {r.get('tensorflow_version')}  keras {r.get('keras_version')}"
              f"  (jit_compile={r.get('jit_compile')}, oneDNN opts={r.get('onednn_opts')})")
    if "PyTorch" in results:
        r = results["PyTorch"]
        print(f"  torch {r.get('torch_version')}  ({r.get('memory_format')}, "
              f"cpu capability {r.get('cpu_capability')})")
    print()
    header = (f"{'framework':<10} {'samples/s':>10} {'ms/step':>9} {'GFLOP/s':>8} "
              f"{'peak frac':>9} {'peak RSS MB':>11} {'other cores':>11}")
    print(header)
    print("-" * len(header))
    for name in names:
        if name not in results:
            print(f"{name:<10} {problems[name]}")
            continue
        r = results[name]
        fraction = r.get("peak_fraction")
        fraction_text = cell(fraction, 3)
        if fraction is None and implied_peak and r.get("gflops"):
            fraction_text = cell(r["gflops"] / implied_peak, 3) + "*"
        print(f"{name:<10} {cell(r.get('samples_per_sec'), 1):>10} {cell(r.get('ms_per_step'), 2):>9} "
              f"{cell(r.get('gflops'), 2):>8} {fraction_text:>9} {cell(r.get('peak_rss_mb'), 1):>11} "
              f"{cell(r.get('other_processes_cores'), 2):>11}")
    if implied_peak:
        print(f"* peak fraction against OneNeuron's peak ({implied_peak:.1f} GFLOP/s)")
    print("'other cores': CPU cores other processes used during the timed epochs "
          "(above ~0.2 the machine was busy and the numbers are low)")
    print()
    for other in ("Keras", "PyTorch"):
        label = f"OneNeuron/{other} samples/s:"
        if "OneNeuron" in results and other in results:
            ratio = results["OneNeuron"]["samples_per_sec"] / results[other]["samples_per_sec"]
            print(f"{label:<30} {ratio:.2f}x")
        else:
            why = problems.get("OneNeuron") or problems.get(other)
            print(f"{label:<30} n/a ({why})")
    failed = [n for n, p in problems.items() if not p.startswith("SKIPPED:")]
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1:]))
