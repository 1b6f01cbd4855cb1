#!/usr/bin/env bash
# A/B throughput of `one-neuron bench` for two or more builds, alternated so that a slow spell of
# the machine hits every build alike; prints each build's samples/s per round and the median.
#
#   bench/ab.sh [--rounds 5] [--threads 2] [--epochs 3] [--precision fp32|bf16] BINARY_A BINARY_B [...]
#   bench/ab.sh --side-by-side [--rounds 6] [--epochs 10] [--precision fp32|bf16] BINARY_A BINARY_B
#
# --side-by-side runs A and B at the same time, one thread each, each pinned to its own core (taskset),
# swapping the cores every round, and prints the per-round ratio B/A and its median: both builds live
# through the same spell of the machine and share its memory bandwidth, as the two trainings of an
# experiment do. Use it when the machine's speed drifts by more than the change you measure.
#
# E.g. keep the binary of the commit before a change: `cp .build/release/one-neuron /tmp/before`,
# rebuild, then `bench/ab.sh /tmp/before .build/release/one-neuron`. Not part of CI.
set -euo pipefail
rounds="" threads=2 epochs="" precision=fp32 side=0 binaries=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --epochs) epochs="$2"; shift 2 ;;
    --precision) precision="$2"; shift 2 ;;
    --side-by-side) side=1; shift ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) [[ -x "$1" ]] || { echo "ab.sh: '$1' is not an executable one-neuron binary" >&2; exit 2; }; binaries+=("$1"); shift ;;
  esac
done
[[ ${#binaries[@]} -ge 2 ]] || { echo "ab.sh: give at least two binaries (try --help)" >&2; exit 2; }
[[ "$precision" == fp32 || "$precision" == bf16 ]] || { echo "ab.sh: --precision must be fp32 or bf16, got '$precision'" >&2; exit 2; }
samples() { python3 -c 'import json,sys; print(round(json.load(sys.stdin)["samples_per_sec"]))'; }
cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"

if [[ $side == 1 ]]; then
  [[ ${#binaries[@]} -eq 2 ]] || { echo "ab.sh: --side-by-side takes exactly two binaries" >&2; exit 2; }
  [[ $(nproc) -ge 2 ]] || { echo "ab.sh: --side-by-side needs 2 cores, this machine has $(nproc)" >&2; exit 2; }
  rounds="${rounds:-6}" epochs="${epochs:-10}"
  a="${binaries[0]}" b="${binaries[1]}" ratios=""
  echo "CPU: $cpu; side by side, 1 thread each, $precision, $epochs timed epochs, $rounds rounds (cores swapped each round)"
  tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
  for ((r = 1; r <= rounds; r++)); do
    core_a=$(((r + 1) % 2)) core_b=$((r % 2))
    taskset -c "$core_a" "$a" bench --threads 1 --epochs "$epochs" --precision "$precision" --json > "$tmp/a" &
    pid_a=$!
    taskset -c "$core_b" "$b" bench --threads 1 --epochs "$epochs" --precision "$precision" --json > "$tmp/b" &
    wait "$pid_a" $!
    sa=$(samples < "$tmp/a") sb=$(samples < "$tmp/b")
    ratio=$(python3 -c "print('%.4f' % ($sb / $sa))")
    ratios="$ratios $ratio"
    echo "round $r  A (core $core_a) $sa samples/s   B (core $core_b) $sb samples/s   B/A $ratio"
  done
  echo "$ratios" | python3 -c "import sys,statistics; v=[float(x) for x in sys.stdin.read().split()]; print('B/A median %.4f  (min %.4f, max %.4f) over %d rounds\nA: $a\nB: $b' % (statistics.median(v), min(v), max(v), len(v)))"
  exit 0
fi

rounds="${rounds:-5}" epochs="${epochs:-3}"
echo "CPU: $cpu; threads $threads, $precision, $epochs timed epochs, $rounds rounds"
declare -A results
for ((r = 1; r <= rounds; r++)); do
  for b in "${binaries[@]}"; do
    s=$("$b" bench --threads "$threads" --epochs "$epochs" --precision "$precision" --json | samples)
    results[$b]="${results[$b]:-} $s"
    echo "round $r  $b  $s samples/s"
  done
done
for b in "${binaries[@]}"; do
  echo "${results[$b]}" | python3 -c "import sys,statistics; v=[float(x) for x in sys.stdin.read().split()]; print('median %6.0f samples/s  (min %.0f, max %.0f)  $b' % (statistics.median(v), min(v), max(v)))"
done
