#!/usr/bin/env bash
# Training throughput of the seed CNN: OneNeuron vs Keras (TensorFlow CPU) vs PyTorch, run one
# after the other on this machine, then a table and the samples/s ratios.
#
#   bench/compare.sh [--threads N] [--epochs E] [--batch-size B] [--channels C] [--skip-oneneuron]
#
# Defaults: 2 threads, 3 epochs (the first is an untimed warm-up), batch 128, 3 channels.
# First run creates bench/.venv and installs tensorflow-cpu and torch from PyPI (several GB).
# BENCH_VENV=/path overrides the virtualenv; BENCH_PIP_PACKAGES overrides what is installed
# (default "tensorflow-cpu torch"). Not part of CI. See bench/README.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
threads=2 epochs=3 batch_size=128 channels=3 skip_oneneuron=0

usage() { sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
die() { echo "compare.sh: $*" >&2; exit 2; }
positive() { [[ "$2" =~ ^[1-9][0-9]*$ ]] || die "$1 expects a whole number >= 1, got '$2'"; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --threads|--epochs|--batch-size|--channels)
      [[ $# -ge 2 ]] || die "$1 needs a value"
      positive "$1" "$2"
      case "$1" in
        --threads) threads="$2" ;; --epochs) epochs="$2" ;;
        --batch-size) batch_size="$2" ;; --channels) channels="$2" ;;
      esac
      shift 2 ;;
    --skip-oneneuron) skip_oneneuron=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown argument '$1' (try --help)" ;;
  esac
done
[[ "$epochs" -ge 2 ]] || die "--epochs must be at least 2: epoch 1 is the untimed warm-up"

venv="${BENCH_VENV:-$here/.venv}"
packages="${BENCH_PIP_PACKAGES:-tensorflow-cpu torch}"
if [[ ! -x "$venv/bin/python" ]]; then
  echo "== creating virtualenv $venv"
  python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c "import tensorflow, keras, torch" >/dev/null 2>&1; then
  free_gb=$(df -Pk "$venv" | awk 'NR==2 {print int($4 / 1048576)}')
  echo "== installing $packages into $venv (PyPI; several GB; ${free_gb} GB free here)"
  [[ "$free_gb" -ge 8 ]] || echo "warning: under 8 GB free; torch from PyPI pulls CUDA wheels (~5 GB)" >&2
  "$venv/bin/python" -m pip install $packages
fi

export OMP_NUM_THREADS="$threads" MKL_NUM_THREADS="$threads"
export TF_NUM_INTRAOP_THREADS="$threads" TF_NUM_INTEROP_THREADS=1 KERAS_BACKEND=tensorflow
common=(--threads "$threads" --epochs "$epochs" --batch-size "$batch_size" --channels "$channels")
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# busy_cores: cores that other processes kept busy over the next 2 s (this script sleeps meanwhile).
busy_cores() {
  local before after
  before=$(head -n 1 /proc/stat); sleep 2; after=$(head -n 1 /proc/stat)
  echo "$before $after" | awk '{ n = (NF - 2) / 2; for (i = 2; i <= 9; i++) { d = $(i + n + 1) - $i; total += d;
    if (i == 5 || i == 6) idle += d } } END { printf "%.2f", (total > 0 ? (total - idle) / total * '"$(nproc)"' : 0) }'
}
busy=$(busy_cores)
echo "== machine: $(nproc) cores, $busy of them busy with other processes just now"
echo "== settings: threads $threads, epochs $epochs (first untimed), batch $batch_size, channels $channels"
if awk -v b="$busy" 'BEGIN { exit !(b > 0.2) }'; then
  echo "warning: the machine is busy ($busy cores in use); throughput will be understated"
fi

# run NAME OUTFILE COMMAND...: runs one benchmark, keeps its stdout, shows its stderr tail on failure.
run() {
  local name="$1" file="$2"; shift 2
  echo "== $name: ${shown_command:-$*}"
  local status=0
  "$@" >"$file" 2>"$file.err" || status=$?
  if [[ $status -ne 0 ]]; then
    echo "FAILED: $name exited with status $status" >"$file"
    echo "   $name FAILED (exit $status); last lines of its stderr:"
    tail -n 15 "$file.err" | sed 's/^/   | /'
  else
    tail -n 1 "$file" | sed 's/^/   /'
  fi
}

if [[ $skip_oneneuron -eq 1 ]]; then
  echo "== OneNeuron: SKIPPED (--skip-oneneuron)"
  echo "SKIPPED: --skip-oneneuron" >"$out/oneneuron"
else
  shown_command="(cd $root && swift run -c release one-neuron bench --json ${common[*]})" \
    run OneNeuron "$out/oneneuron" bash -c 'cd "$0" && exec swift run -c release one-neuron bench --json "$@"' \
    "$root" "${common[@]}"
fi
run Keras "$out/keras" "$venv/bin/python" "$here/keras_bench.py" "${common[@]}"
run PyTorch "$out/torch" "$venv/bin/python" "$here/torch_bench.py" "${common[@]}"

python3 "$here/compare_report.py" "$out/oneneuron" "$out/keras" "$out/torch"
