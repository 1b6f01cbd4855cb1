#!/usr/bin/env bash
# The main job: a short replication of the seed experiment on the real EEG recordings
# (3 paired runs x 10 epochs), then the report. `--full` runs the seed protocol (5 runs x 400 epochs).
# Any other option is passed to `one-neuron experiment` (e.g. --standardize, --neuron-init zero-w, --split subject).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
swift build -c release --product one-neuron
eeg="${ONE_NEURON_EEG_DATA:-../shared/data/eeg}"
if [ ! -f "$eeg/ML101_KS.csv" ]; then
  echo "EEG recordings not found in $eeg: fetching them into data/eeg" >&2
  eeg=data/eeg
  .build/release/one-neuron eeg fetch --to "$eeg"
fi
runs=3 epochs=10 out=results/quick
args=()
for a in "$@"; do
  if [ "$a" = "--full" ]; then runs=5 epochs=400 out=results/seed-protocol; else args+=("$a"); fi
done
exec .build/release/one-neuron experiment --eeg "$eeg" --runs "$runs" --epochs "$epochs" --out "$out" ${args[@]+"${args[@]}"}
