#!/usr/bin/env bash
# Runs the whole test suite (release build: the numeric tests are sized for it), then the
# thread-invariance, cross-check and fingerprint tests again under every lower instruction set
# oneDNN would pick on another x86-64 machine: AVX2 on AVX-512 CPUs, and AVX512_CORE on CPUs with
# more (VNNI, bf16, AMX). oneDNN fixes its ISA at first use, so each is a new process with
# ONEDNN_MAX_CPU_ISA set.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
# Every target declares exactly the modules it imports.
python3 scripts/check-imports.py
# The code is laid out as the formatter lays it out (.swift-format; fix with
# `swift format format -i -r Sources Tests Examples`).
swift format lint --strict -r Package.swift Sources Tests Examples
# A warning in the project's own code fails the run (CI builds from a clean clone, so it sees every file).
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
swift build -c release --build-tests 2>&1 | tee "$log"
if grep -E "/(Sources|Tests|Examples)/[^ ]*:[0-9]+:[0-9]+: warning:" "$log" | grep -v "/\.build"; then
  echo "the build printed warnings in the project's code (above); fix them" >&2
  exit 1
fi
swift test -c release --skip-build --disable-swift-testing
# `experiment` and `train` share one definition of every common flag (the same --help text).
python3 scripts/check-cli-help.py

flags=" $(grep -m1 '^flags' /proc/cpuinfo | cut -d: -f2) "
caps=()
[[ "$flags" == *" avx512f "* && "$flags" == *" avx2 "* ]] && caps+=(AVX2)
if [[ "$flags" == *" avx512bw "* ]] && [[ "$flags" == *" avx512_vnni "* || "$flags" == *" avx512_bf16 "* || "$flags" == *" amx_tile "* ]]; then
  caps+=(AVX512_CORE)
fi
invariance='ThreadInvarianceTests|DNNLCrossCheckTests|WinogradConvolutionTests|FitTests.testSeedCNNResultsDoNotDependOnTheThreadCount|ExperimentTests.testTwoRunThreeEpochEEGExperimentWritesReportWithFiguresAndTable|PortableFingerprintTests|GANTrainerTests.testSameBitsAtOneAndTwoThreads'
for isa in "${caps[@]}"; do
  echo "== again with ONEDNN_MAX_CPU_ISA=$isa: $invariance"
  ONEDNN_MAX_CPU_ISA="$isa" swift test -c release --skip-build --disable-swift-testing --filter "$invariance"
done

# The README's "Use it from Swift" block is the compiled example: same text, and it runs.
awk '/^## Use it from Swift/{s=1} s&&/^```swift$/{c=1;next} c&&/^```$/{exit} c' README.md | diff - Examples/augment-example/main.swift \
  || { echo "README's 'Use it from Swift' block differs from Examples/augment-example/main.swift" >&2; exit 1; }
.build/release/augment-example
# A user program of the public API: two trainers, the neuron, weights saved and loaded in both formats.
.build/release/weights-example
# The products that must not link oneDNN, used alone from a scratch package.
bash scripts/check-products.sh
bash scripts/check-docs.sh

# The README's Slurm array job, run for real on a one-machine cluster (installs slurm-wlm and munge
# when missing; starts and stops its own daemons, as root).
if [ "$(id -u)" -eq 0 ]; then
  bash scripts/slurm-check.sh
else
  echo "scripts/slurm-check.sh skipped: it installs packages and runs the Slurm daemons as root (CI runs it)" >&2
fi
