"""Prints the summary of compare.sh from the captured outputs of all rounds.

Usage: compare_report.py --dir OUT --rounds N [--cpu-line TEXT] [--threads T]

OUT holds, per variant V (see VARIANTS) and round R (1..N), the file V.R: the benchmark's
stdout, or a first line "FAILED: why" written by compare.sh; V.skipped (one line "SKIPPED: why")
when the variant was not run at all; busy.R, the cores other processes used just before round
R; fma_peak.* (JSON lines of fma_peak.c, one per kind, from the measurements before and after
the rounds; the best per kind is used). A benchmark's result is the last line of its stdout
that is a JSON object.

Exit status 0 when every variant that was asked for gave a result in every round, 1 otherwise.
"""

import argparse
import glob
import json
import os
import statistics

# (file name, label) in the order of the tables.
VARIANTS = [
    ("oneneuron-fp32", "OneNeuron fp32"),
    ("oneneuron-winograd", "OneNeuron fp32 Winograd"),
    ("oneneuron-bf16", "OneNeuron bf16"),
    ("keras-fp32", "Keras fp32"),
    ("keras-mixed_bfloat16", "Keras mixed_bf16"),
    ("pytorch-fp32", "PyTorch fp32"),
]
LABELS = dict(VARIANTS)
# Ratios of samples/s, numerator over denominator, each from the same round's two runs.
RATIOS = [
    ("oneneuron-fp32", "keras-fp32"),
    ("oneneuron-fp32", "pytorch-fp32"),
    ("oneneuron-winograd", "keras-fp32"),
    ("oneneuron-winograd", "oneneuron-fp32"),
    ("oneneuron-bf16", "keras-fp32"),
    ("oneneuron-bf16", "keras-mixed_bfloat16"),
    ("oneneuron-bf16", "oneneuron-fp32"),
    ("keras-mixed_bfloat16", "keras-fp32"),
]
BF16_VARIANTS = {"oneneuron-bf16", "keras-mixed_bfloat16"}


def last_json_line(path):
    """(result dict, None) or (None, reason) for one captured stdout."""
    try:
        with open(path) as handle:
            lines = handle.read().splitlines()
    except OSError as error:
        return None, f"FAILED: no output file {os.path.basename(path)}: {error.strerror}"
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
                    return None, f"FAILED: JSON line lacks key(s) {', '.join(missing)}"
                return value, None
    return None, f"FAILED: no JSON line on stdout ({len(lines)} lines)"


def read_first_line(path):
    try:
        with open(path) as handle:
            return handle.readline().strip()
    except OSError:
        return None


def fma_ceilings(directory):
    """{kind: best fma_peak record} over every fma_peak.* file."""
    best = {}
    for path in sorted(glob.glob(os.path.join(directory, "fma_peak.*"))):
        with open(path) as handle:
            for line in handle:
                try:
                    record = json.loads(line)
                except json.JSONDecodeError:
                    continue
                if not isinstance(record, dict) or "kind" not in record or "gflops" not in record:
                    continue
                kind = record["kind"]
                if kind not in best or record["gflops"] > best[kind]["gflops"]:
                    best[kind] = record
    return best


def number(value, digits):
    return "-" if value is None else f"{value:.{digits}f}"


def median_range(values, digits, suffix=""):
    """'median (min-max)' of a non-empty list."""
    if not values:
        return "-"
    text = f"{statistics.median(values):.{digits}f}{suffix}"
    if len(values) > 1:
        text += f" ({min(values):.{digits}f}-{max(values):.{digits}f})"
    return text


def median_of(results, key):
    values = [r[key] for r in results if r.get(key) is not None]
    return statistics.median(values) if values else None


def main():
    parser = argparse.ArgumentParser(description="compare.sh's summary")
    parser.add_argument("--dir", required=True)
    parser.add_argument("--rounds", type=int, required=True)
    parser.add_argument("--cpu-line", default=None)
    parser.add_argument("--threads", type=int, default=None)
    args = parser.parse_args()
    rounds = range(1, args.rounds + 1)

    skipped, results, problems = {}, {}, {}
    for variant, _ in VARIANTS:
        reason = read_first_line(os.path.join(args.dir, f"{variant}.skipped"))
        if reason is not None:
            skipped[variant] = reason
            continue
        results[variant], problems[variant] = {}, {}
        for r in rounds:
            result, problem = last_json_line(os.path.join(args.dir, f"{variant}.{r}"))
            if result is not None:
                results[variant][r] = result
            else:
                problems[variant][r] = problem
    run_variants = [v for v, _ in VARIANTS if v in results]
    ceilings = fma_ceilings(args.dir)

    print()
    print("=" * 100)
    print_machine(args, results, ceilings)
    print_versions(results)
    print_rounds(args, rounds, run_variants, results)
    print_summary(args, run_variants, results, ceilings)
    failures = [(v, r, p) for v in run_variants for r, p in problems[v].items()]
    if skipped or failures:
        print()
        print("Not run or failed:")
    for variant, reason in skipped.items():
        print(f"  {LABELS[variant]}: {reason}")
    for variant, r, problem in failures:
        print(f"  {LABELS[variant]} round {r}: {problem}")
    print_ratios(rounds, results)
    return 1 if failures else 0


def print_machine(args, results, ceilings):
    print("Machine")
    if args.cpu_line:
        print(f"  {args.cpu_line}")
    one = next((results[v][r] for v in ("oneneuron-fp32", "oneneuron-bf16") if v in results
                for r in sorted(results[v])), None)
    if one is not None:
        print(f"  oneDNN ISA (OneNeuron): {one.get('isa', '?')}; OneNeuron's nominal fp32 peak "
              f"(clock x width, not measured): {number(one.get('peak_gflops'), 1)} GFLOP/s")
        for variant in ("oneneuron-fp32", "oneneuron-winograd", "oneneuron-bf16"):
            first = next((results[variant][r] for r in sorted(results.get(variant, {}))), None)
            if first is not None and first.get("convolution_kernels"):
                print(f"  {LABELS[variant]} conv2 kernels (fwd/bwd-data/bwd-weights): "
                      f"{'/'.join(first['convolution_kernels'])}")
    threads = f"{args.threads} threads, " if args.threads else ""
    fp32 = ceilings.get("fp32")
    if fp32:
        print(f"  Measured fp32 FMA ceiling: {fp32['gflops']:.1f} GFLOP/s ({threads}{fp32['instruction']}, "
              f"2 FLOP per lane; best of 3 x ~1 s, before and after the rounds)")
    else:
        print("  Measured fp32 FMA ceiling: n/a (fma_peak did not build or run; see above)")
    bf16 = ceilings.get("bf16")
    if bf16:
        print(f"  Measured bf16 dot-product ceiling: {bf16['gflops']:.1f} GFLOP/s ({bf16['instruction']}: "
              "each fp32 lane accumulates 2 bf16 products, counted as 4 FLOP per lane)")
    print()


def print_versions(results):
    versions = []
    keras = next((results[v][r] for v in ("keras-fp32", "keras-mixed_bfloat16") if v in results
                  for r in sorted(results[v])), None)
    if keras is not None:
        versions.append(f"tensorflow {keras.get('tensorflow_version')}, keras {keras.get('keras_version')} "
                        f"(jit_compile={keras.get('jit_compile')}, oneDNN opts={keras.get('onednn_opts')})")
    torch = next((results["pytorch-fp32"][r] for r in sorted(results.get("pytorch-fp32", {}))), None)
    if torch is not None:
        versions.append(f"torch {torch.get('torch_version')} ({torch.get('memory_format')}, "
                        f"cpu capability {torch.get('cpu_capability')})")
    if versions:
        print("Versions: " + "; ".join(versions))
        print()


def print_rounds(args, rounds, run_variants, results):
    print("samples/s per round (each run a fresh process; the order rotates by one each round;")
    print("'busy': cores other processes used in the second before the round)")
    width = max([len(LABELS[v]) for v in run_variants] + [9])
    print(f"{'round':>5} {'busy':>5}  " + "  ".join(f"{LABELS[v]:>{width}}" for v in run_variants))
    for r in rounds:
        busy = read_first_line(os.path.join(args.dir, f"busy.{r}")) or "-"
        cells = []
        for v in run_variants:
            result = results[v].get(r)
            cells.append(f"{result['samples_per_sec']:>{width}.1f}" if result else f"{'FAILED':>{width}}")
        print(f"{r:>5} {busy:>5}  " + "  ".join(cells))
    print()


def print_summary(args, run_variants, results, ceilings):
    fp32 = ceilings.get("fp32", {}).get("gflops")
    bf16 = ceilings.get("bf16", {}).get("gflops")
    name = max([len(LABELS[v]) for v in run_variants] + [16])
    header = (f"{'variant':<{name}} {'rounds':>6} {'samples/s (min-max)':>20} {'ms/step':>7} "
              f"{'GFLOP/s':>7} {'of fp32 ceil':>12} {'of bf16 ceil':>12} {'RSS MB':>6} {'other cores':>11}")
    print(header)
    print("-" * len(header))
    for v in run_variants:
        ok = list(results[v].values())
        throughput = [r["samples_per_sec"] for r in ok]
        gflops = median_of(ok, "gflops")
        others = [r["other_processes_cores"] for r in ok if r.get("other_processes_cores") is not None]
        print(f"{LABELS[v]:<{name}} {len(ok):>3}/{args.rounds:<2} {median_range(throughput, 0):>20} "
              f"{number(median_of(ok, 'ms_per_step'), 2):>7} {number(gflops, 1):>7} "
              f"{number(gflops / fp32 if gflops and fp32 else None, 3):>12} "
              f"{number(gflops / bf16 if gflops and bf16 and v in BF16_VARIANTS else None, 3):>12} "
              f"{number(median_of(ok, 'peak_rss_mb'), 0):>6} {number(max(others) if others else None, 2):>11}")
    print("samples/s: median (min-max) over the rounds that gave a result; ms/step, GFLOP/s, RSS: medians.")
    print("GFLOP/s: samples/s x the same nominal training FLOPs per sample for every framework and")
    print("  precision (3 x the forward pass's multiply-adds x 2). 'of ... ceil': GFLOP/s / measured ceiling.")
    fractions = [median_of(list(results[v].values()), "gflops") / c for v in run_variants
                 for c in (fp32, bf16 if v in BF16_VARIANTS else None) if c and results[v]]
    if any(f > 1 for f in fractions):
        print("  A fraction above 1: the ceiling was measured while other processes took cores, or the variant")
        print("  multiplies less than direct fp32 convolutions (bf16 multiplies twice as fast; Winograd multiplies less).")
    print("'other cores': the worst round's CPU use by other processes during the timed epochs")
    print("  (Python benchmarks report it; above ~0.2 the numbers are understated).")


def print_ratios(rounds, results):
    print()
    pairs = [(n, d) for n, d in RATIOS if n in results and d in results]
    if not pairs:
        print("Ratios: none (fewer than two of the compared variants ran)")
        return
    print("Ratio of samples/s, each from one round's pair of runs: median (min-max) over rounds")
    width = max(len(f"{LABELS[n]} / {LABELS[d]}") for n, d in pairs)
    for numerator, denominator in pairs:
        label = f"{LABELS[numerator]} / {LABELS[denominator]}"
        ratios = [results[numerator][r]["samples_per_sec"] / results[denominator][r]["samples_per_sec"]
                  for r in rounds if r in results[numerator] and r in results[denominator]]
        text = median_range(ratios, 2, "x") if ratios else "n/a (no round with both results)"
        print(f"  {label:<{width}} {text:<24} {len(ratios)} round{'s' if len(ratios) != 1 else ''}")


if __name__ == "__main__":
    raise SystemExit(main())
