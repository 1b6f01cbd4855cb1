#!/usr/bin/env bash
# The portable-mode fingerprint: SHA-256 of the result files of a short EEG experiment run with
# --portable (oneDNN capped at AVX2). Every x86-64 machine must print the same hashes; the tests
# (ExperimentTests/PortableFingerprintTests) compare them with the committed fixture. The "numbers:" lines
# hash every number of those files apart from their layout, so a change of format that moves the byte
# hashes can still show that no number moved.
#
#   bash scripts/portable-fingerprint.sh            # print this machine's fingerprint
#   bash scripts/portable-fingerprint.sh --update   # rewrite the fixture (only after a change that
#                                                   # is meant to change the bits; say why in the commit)
set -euo pipefail
cd "$(dirname "$0")/.."
fixture=Tests/ExperimentTests/Fixtures/portable-fingerprint.txt
eeg="${ONE_NEURON_EEG_DATA:-../shared/data/eeg}"
bash scripts/ensure-deps.sh
swift build -c release --product one-neuron >/dev/null
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
# Keep these arguments in step with PortableFingerprintTests.arguments.
.build/release/one-neuron experiment --eeg "$eeg" --runs 1 --epochs 3 --neuron-init zero-w --portable --quiet --out "$out/run" >/dev/null
hashes="$(cd "$out/run" && sha256sum epochs.jsonl runs.jsonl)"
# The numbers fingerprint: the same numbers whatever the files' layout (see scripts/results-numbers.py).
hashes="$hashes
$(python3 scripts/results-numbers.py "$out/run")"
echo "$hashes"
if [[ "${1:-}" == "--update" ]]; then
  cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  cpu="$cpu ($(grep -m1 '^flags' /proc/cpuinfo | tr ' ' '\n' | grep -E '^(avx2|avx512f|avx512_vnni|avx512_bf16|amx_tile)$' | tr '\n' ' ' | sed 's/ $//'))"
  {
    echo "# one-neuron experiment --eeg ../shared/data/eeg --runs 1 --epochs 3 --neuron-init zero-w --portable"
    echo "# made by scripts/portable-fingerprint.sh --update on: $cpu"
    echo "$hashes"
  } > "$fixture"
  echo "wrote $fixture"
fi
