#!/usr/bin/env bash
# Training throughput of the seed CNN: OneNeuron vs Keras (TensorFlow CPU) vs PyTorch, alternated
# over several rounds on this machine, each run a fresh process; then per variant the median and
# range of samples/s, the ratios (median and range of the same round's pairs), the CPU, and the
# measured FMA ceiling with each variant's fraction of it.
#
#   bench/compare.sh [--rounds R] [--threads N] [--epochs E] [--batch-size B] [--channels C]
#                    [--frameworks oneneuron,keras,pytorch] [--no-bf16] [--no-winograd] [--skip-oneneuron]
#                    [--keep-outputs DIR]
#
# Defaults: 5 rounds, 2 threads, 4 epochs (the first is an untimed warm-up), batch 128, 3 channels,
# all three frameworks. Variants: OneNeuron fp32, Keras fp32, PyTorch fp32; when the CPU has
# avx512f (and no --no-winograd), OneNeuron fp32 Winograd (`--conv-algorithm winograd`); when it has
# avx512_bf16 (and no --no-bf16), OneNeuron bf16 and Keras mixed_bfloat16. Round R runs them in
# that order rotated by R-1. First run creates bench/.venv and installs tensorflow-cpu and torch
# from PyPI (several GB). BENCH_VENV=/path overrides the virtualenv, BENCH_PIP_PACKAGES what is
# installed (default "tensorflow-cpu torch"); ONENEURON_BIN=/path/one-neuron skips the Swift build.
# --keep-outputs DIR copies every run's raw stdout/stderr there. Needs gcc for the FMA ceiling
# (bench/fma_peak.c, built in a temp dir). Not part of CI. See bench/README.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
rounds=5 threads=2 epochs=4 batch_size=128 channels=3 bf16=1 winograd=1 frameworks="oneneuron,keras,pytorch" keep=""

usage() { sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
die() { echo "compare.sh: $*" >&2; exit 2; }
positive() { [[ "$2" =~ ^[1-9][0-9]*$ ]] || die "$1 expects a whole number >= 1, got '$2'"; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds|--threads|--epochs|--batch-size|--channels)
      [[ $# -ge 2 ]] || die "$1 needs a value"
      positive "$1" "$2"
      case "$1" in
        --rounds) rounds="$2" ;; --threads) threads="$2" ;; --epochs) epochs="$2" ;;
        --batch-size) batch_size="$2" ;; --channels) channels="$2" ;;
      esac
      shift 2 ;;
    --frameworks)
      [[ $# -ge 2 ]] || die "$1 needs a value"
      [[ "$2" =~ ^(oneneuron|keras|pytorch)(,(oneneuron|keras|pytorch))*$ ]] ||
        die "--frameworks expects a comma list of oneneuron, keras, pytorch, got '$2'"
      frameworks="$2"; shift 2 ;;
    --no-bf16) bf16=0; shift ;;
    --no-winograd) winograd=0; shift ;;
    --keep-outputs) [[ $# -ge 2 ]] || die "$1 needs a directory"; keep="$2"; shift 2 ;;
    --skip-oneneuron) frameworks="$(echo "$frameworks" | tr ',' '\n' | grep -vx oneneuron | paste -sd, || true)"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown argument '$1' (try --help)" ;;
  esac
done
[[ "$epochs" -ge 2 ]] || die "--epochs must be at least 2: epoch 1 is the untimed warm-up"
[[ -n "$frameworks" ]] || die "no framework left to run"
wants() { [[ ",$frameworks," == *",$1,"* ]]; }

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# The machine: CPU model, cores, the ISA flags that matter for these kernels.
cpu_model=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || true)
cpu_flags=" $(grep -m1 '^flags' /proc/cpuinfo | cut -d: -f2- || true) "
flag_list=""
for flag in avx2 fma avx512f avx512_bf16 avx512_vnni amx_tile amx_bf16; do
  if [[ "$cpu_flags" == *" $flag "* ]]; then flag_list+=" $flag"; else flag_list+=" no-$flag"; fi
done
cpu_line="CPU: ${cpu_model:-unknown}; $(nproc) cores online ($(lscpu 2>/dev/null | awk -F: '/^Thread\(s\) per core/ {gsub(/ /, "", $2); print $2}' || true) thread(s) per core); flags:$flag_list"
echo "== $cpu_line"
has_bf16=0
[[ "$cpu_flags" == *" avx512_bf16 "* ]] && has_bf16=1

# Variants in round-1 order; the skipped ones get a .skipped file with the reason.
variants=()
skip() { echo "SKIPPED: $2" >"$out/$1.skipped"; echo "== ${1}: skipped ($2)"; }
bf16_reason=""
[[ $bf16 -eq 1 ]] || bf16_reason="--no-bf16"
[[ $bf16 -eq 0 || $has_bf16 -eq 1 ]] || bf16_reason="the CPU has no avx512_bf16"
winograd_reason=""
[[ $winograd -eq 1 ]] || winograd_reason="--no-winograd"
[[ $winograd -eq 0 || "$cpu_flags" == *" avx512f "* ]] || winograd_reason="the CPU has no avx512f (oneDNN's Winograd kernels are AVX-512 only)"
for v in oneneuron-fp32 keras-fp32 pytorch-fp32 oneneuron-winograd oneneuron-bf16 keras-mixed_bfloat16; do
  framework="${v%%-*}"
  if ! wants "$framework"; then skip "$v" "not in --frameworks $frameworks"
  elif [[ "$v" == oneneuron-winograd && -n "$winograd_reason" ]]; then skip "$v" "$winograd_reason"
  elif [[ "$v" == *-bf16 || "$v" == *-mixed_bfloat16 ]] && [[ -n "$bf16_reason" ]]; then skip "$v" "$bf16_reason"
  else variants+=("$v"); fi
done
[[ ${#variants[@]} -gt 0 ]] || die "nothing to run"

# Python environment, only when a Python framework runs.
venv="${BENCH_VENV:-$here/.venv}"
if wants keras || wants pytorch; then
  packages="${BENCH_PIP_PACKAGES:-tensorflow-cpu torch}"
  if [[ ! -x "$venv/bin/python" ]]; then
    echo "== creating virtualenv $venv"
    python3 -m venv "$venv"
  fi
  modules=()
  if wants keras; then modules+=(tensorflow keras); fi
  if wants pytorch; then modules+=(torch); fi
  if ! "$venv/bin/python" -c "import $(IFS=,; echo "${modules[*]}")" >/dev/null 2>&1; then
    free_gb=$(df -Pk "$venv" | awk 'NR==2 {print int($4 / 1048576)}')
    echo "== installing $packages into $venv (PyPI; several GB; ${free_gb} GB free here)"
    [[ "$free_gb" -ge 8 ]] || echo "warning: under 8 GB free; torch from PyPI pulls CUDA wheels (~5 GB)" >&2
    # shellcheck disable=SC2086  # the package list is meant to split into words
    "$venv/bin/python" -m pip install $packages
  fi
fi

export OMP_NUM_THREADS="$threads" MKL_NUM_THREADS="$threads"
export TF_NUM_INTRAOP_THREADS="$threads" TF_NUM_INTEROP_THREADS=1 KERAS_BACKEND=tensorflow
common=(--threads "$threads" --epochs "$epochs" --batch-size "$batch_size" --channels "$channels")
# one-neuron bench --epochs counts the timed epochs after its own warm-up epoch; the Python
# benchmarks count the warm-up in --epochs. Both time epochs - 1 epochs this way.
oneneuron_args=(bench --json --threads "$threads" --epochs "$((epochs - 1))" --batch-size "$batch_size" --channels "$channels")

# OneNeuron: build once (or take ONENEURON_BIN); each round then starts the binary afresh.
oneneuron_bin="" oneneuron_problem=""
if wants oneneuron; then
  if [[ -n "${ONENEURON_BIN:-}" ]]; then
    [[ -x "$ONENEURON_BIN" ]] || die "ONENEURON_BIN=$ONENEURON_BIN is not executable"
    oneneuron_bin="$ONENEURON_BIN"
    echo "== OneNeuron: $oneneuron_bin (ONENEURON_BIN)"
  else
    echo "== building OneNeuron: (cd $root && swift build -c release --product one-neuron)"
    if (cd "$root" && swift build -c release --product one-neuron) >"$out/build.log" 2>&1; then
      oneneuron_bin="$(cd "$root" && swift build -c release --product one-neuron --show-bin-path)/one-neuron"
    else
      oneneuron_problem="FAILED: swift build -c release --product one-neuron failed"
      echo "   build FAILED; last lines of its output:"
      tail -n 15 "$out/build.log" | sed 's/^/   | /'
    fi
  fi
fi

# busy_cores SECONDS: cores that other processes kept busy over the next SECONDS (this script
# sleeps meanwhile).
busy_cores() {
  local before after
  before=$(head -n 1 /proc/stat); sleep "$1"; after=$(head -n 1 /proc/stat)
  echo "$before $after" | awk '{ n = (NF - 2) / 2; for (i = 2; i <= 9; i++) { d = $(i + n + 1) - $i; total += d;
    if (i == 5 || i == 6) idle += d } } END { printf "%.2f", (total > 0 ? (total - idle) / total * '"$(nproc)"' : 0) }'
}
busy=$(busy_cores 2)
echo "== machine: $(nproc) cores, $busy of them busy with other processes just now"
echo "== settings: $rounds rounds, threads $threads, epochs $epochs (first untimed), batch $batch_size, channels $channels"
echo "== variants (round 1 order, rotated by one each round): ${variants[*]}"
if awk -v b="$busy" 'BEGIN { exit !(b > 0.2) }'; then
  echo "warning: the machine is busy ($busy cores in use); throughput will be understated"
fi

# The measured FMA ceiling: bench/fma_peak.c built for this CPU in the temp dir.
fma_peak=""
if command -v gcc >/dev/null 2>&1 &&
   gcc -O2 -march=native -pthread -o "$out/fma_peak" "$here/fma_peak.c" 2>"$out/fma_peak.build.log"; then
  fma_peak="$out/fma_peak"
else
  echo "warning: could not build bench/fma_peak.c with gcc -O2 -march=native; no measured ceiling" >&2
  [[ -s "$out/fma_peak.build.log" ]] && tail -n 5 "$out/fma_peak.build.log" | sed 's/^/   | /' >&2
fi
# measure_ceiling WHEN: runs fma_peak (fp32, and bf16 when the bf16 variants run) into fma_peak.WHEN.
measure_ceiling() {
  [[ -n "$fma_peak" ]] || return 0
  local kind=fp32
  [[ $has_bf16 -eq 1 && -z "$bf16_reason" ]] && kind=all
  echo "== FMA ceiling ($1), $threads threads: $fma_peak --threads $threads --kind $kind"
  if "$fma_peak" --threads "$threads" --kind "$kind" >"$out/fma_peak.$1" 2>"$out/fma_peak.$1.err"; then
    sed 's/^/   /' "$out/fma_peak.$1"
  else
    echo "   fma_peak FAILED; last lines of its stderr:"
    tail -n 5 "$out/fma_peak.$1.err" | sed 's/^/   | /'
  fi
}

# run NAME OUTFILE COMMAND...: runs one benchmark, keeps its stdout, shows its stderr tail on failure.
run() {
  local name="$1" file="$2"; shift 2
  echo "== $name: $*"
  local status=0
  "$@" >"$file" 2>"$file.err" || status=$?
  if [[ $status -ne 0 ]]; then
    echo "FAILED: $name exited with status $status" >"$file"
    echo "   $name FAILED (exit $status); last lines of its stderr:"
    tail -n 15 "$file.err" | sed 's/^/   | /'
  else
    # One short line from the result (the whole JSON line is in the kept outputs).
    python3 -c "$brief" "$file" 2>/dev/null || tail -n 1 "$file" | sed 's/^/   /'
  fi
}
brief='import json, sys
r = json.loads(open(sys.argv[1]).read().splitlines()[-1])
keys = ("isa", "precision", "algorithm", "dtype_policy", "memory_format", "other_processes_cores")
extra = ", ".join("%s %s" % (k, r[k]) for k in keys if r.get(k) is not None)
print("   %.1f samples/s, %.2f ms/step, %.1f GFLOP/s; %s"
      % (r["samples_per_sec"], r["ms_per_step"], r.get("gflops") or 0, extra))'

# run_variant VARIANT ROUND
run_variant() {
  local file="$out/$1.$2"
  case "$1" in
    oneneuron-*)
      if [[ -z "$oneneuron_bin" ]]; then echo "$oneneuron_problem" >"$file"; return; fi
      local precision="${1#oneneuron-}" algorithm=direct
      if [[ "$precision" == winograd ]]; then precision=fp32 algorithm=winograd; fi
      run "$1 (round $2)" "$file" "$oneneuron_bin" "${oneneuron_args[@]}" --precision "$precision" --conv-algorithm "$algorithm" ;;
    keras-*)
      run "$1 (round $2)" "$file" "$venv/bin/python" "$here/keras_bench.py" "${common[@]}" --precision "${1#keras-}" ;;
    pytorch-fp32)
      run "$1 (round $2)" "$file" "$venv/bin/python" "$here/torch_bench.py" "${common[@]}" ;;
  esac
}

measure_ceiling before
count=${#variants[@]}
for ((r = 1; r <= rounds; r++)); do
  busy=$(busy_cores 1)
  echo "$busy" >"$out/busy.$r"
  echo "== round $r of $rounds ($busy cores busy with other processes just before)"
  for ((i = 0; i < count; i++)); do
    run_variant "${variants[$(((i + r - 1) % count))]}" "$r"
  done
done
measure_ceiling after

status=0
python3 "$here/compare_report.py" --dir "$out" --rounds "$rounds" --threads "$threads" \
  --cpu-line "$cpu_line" || status=$?
if [[ -n "$keep" ]]; then
  mkdir -p "$keep" && cp -r "$out/." "$keep/" && echo "raw outputs kept in $keep"
fi
exit "$status"
