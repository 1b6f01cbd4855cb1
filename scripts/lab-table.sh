#!/bin/bash
# The landscape lab's Safran-Shamir table: `one-neuron lab --task relu-teacher:N,K` for K = N
# (and N+1 with --overparameterized) over the sizes given, 1000 starts each, the arms given,
# into results/lab/relu-teacher-N-K; prints each run's summary and the total wall time.
# Usage: scripts/lab-table.sh [--arms plain,neuron] [--starts 1000] [--lambda 0.1] [--overparameterized] N1 N2 ...
# Rerunning resumes every unfinished size (kill -9 safe).
set -euo pipefail
cd "$(dirname "$0")/.."
arms=plain,neuron starts=1000 lambda=0.1 extra=0 sizes=()
while [ $# -gt 0 ]; do
  case "$1" in
    --arms) arms=$2; shift 2 ;;
    --starts) starts=$2; shift 2 ;;
    --lambda) lambda=$2; shift 2 ;;
    --overparameterized) extra=1; shift ;;
    *) sizes+=("$1"); shift ;;
  esac
done
[ ${#sizes[@]} -gt 0 ] || sizes=(6 7 8 9 10 11 12)
binary=.build/release/one-neuron
[ -x "$binary" ] || swift build -c release --product one-neuron
began=$(date +%s.%N)
for n in "${sizes[@]}"; do
  k=$((n + extra))
  "$binary" lab --task "relu-teacher:$n,$k" --starts "$starts" --arms "$arms" --lambda "$lambda" \
    --out "results/lab/relu-teacher-$n-$k-lambda-$lambda" --quiet
done
ended=$(date +%s.%N)
echo "total wall time: $(echo "$ended - $began" | bc) s on $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p'))"
