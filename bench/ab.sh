#!/usr/bin/env bash
# A/B throughput of `one-neuron bench` for two or more builds, alternated so that a slow spell of
# the machine hits every build alike; prints each build's samples/s per round and the median.
#
#   bench/ab.sh [--rounds 5] [--threads 2] [--epochs 3] BINARY_A BINARY_B [...]
#
# E.g. keep the binary of the commit before a change: `cp .build/release/one-neuron /tmp/before`,
# rebuild, then `bench/ab.sh /tmp/before .build/release/one-neuron`. Not part of CI.
set -euo pipefail
rounds=5 threads=2 epochs=3 binaries=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --epochs) epochs="$2"; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) [[ -x "$1" ]] || { echo "ab.sh: '$1' is not an executable one-neuron binary" >&2; exit 2; }; binaries+=("$1"); shift ;;
  esac
done
[[ ${#binaries[@]} -ge 2 ]] || { echo "ab.sh: give at least two binaries (try --help)" >&2; exit 2; }
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'); threads $threads, $epochs timed epochs, $rounds rounds"
declare -A results
for ((r = 1; r <= rounds; r++)); do
  for b in "${binaries[@]}"; do
    s=$("$b" bench --threads "$threads" --epochs "$epochs" --json | python3 -c 'import json,sys; print(round(json.load(sys.stdin)["samples_per_sec"]))')
    results[$b]="${results[$b]:-} $s"
    echo "round $r  $b  $s samples/s"
  done
done
for b in "${binaries[@]}"; do
  echo "${results[$b]}" | python3 -c "import sys,statistics; v=[float(x) for x in sys.stdin.read().split()]; print('median %6.0f samples/s  (min %.0f, max %.0f)  $b' % (statistics.median(v), min(v), max(v)))"
done
