#!/usr/bin/env bash
# The library products that must not link oneDNN (OneNeuronStats, OneNeuronEEG, OneNeuronIO,
# OneNeuronPlot) used alone: a scratch package depends on this one by path, builds one small program
# per product, runs it, and `ldd` must list no libdnnl for any of them (run by scripts/test.sh).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/Sources/UsesStats" "$scratch/Sources/UsesEEG" "$scratch/Sources/UsesIO" "$scratch/Sources/UsesPlot"
cat > "$scratch/Package.swift" <<SWIFT
// swift-tools-version: 6.0
import PackageDescription
let package = Package(
    name: "ProductCheck",
    dependencies: [.package(name: "OneNeuron", path: "$repo")],
    targets: [
        .executableTarget(name: "UsesStats", dependencies: [.product(name: "OneNeuronStats", package: "OneNeuron")]),
        .executableTarget(name: "UsesEEG", dependencies: [.product(name: "OneNeuronEEG", package: "OneNeuron")]),
        .executableTarget(name: "UsesIO", dependencies: [.product(name: "OneNeuronIO", package: "OneNeuron")]),
        .executableTarget(name: "UsesPlot", dependencies: [.product(name: "OneNeuronPlot", package: "OneNeuron")]),
    ]
)
SWIFT
cat > "$scratch/Sources/UsesStats/main.swift" <<'SWIFT'
import Stats
let result = try wilcoxonSignedRank([0.81, 0.82, 0.84, 0.79, 0.80], [0.80, 0.71, 0.83, 0.78, 0.77])
print("Stats: Wilcoxon p = \(result.pValue)")
SWIFT
cat > "$scratch/Sources/UsesEEG/main.swift" <<'SWIFT'
import EEG
let layout = ElectrodeLayout(positions: [SIMD2(0, 0), SIMD2(1, 0), SIMD2(0, 1), SIMD2(1, 1.2)])
print("EEG: \(try layout.triangulation().triangles.count) triangles")
SWIFT
cat > "$scratch/Sources/UsesIO/main.swift" <<'SWIFT'
import Diagnostics
import Foundation
import IO
let array = NDArray(shape: [2, 2], float32: [1, 2, 3, 4])
print("IO: \(NPY.encode(array).count) bytes of .npy")
// The product's errors can be caught by type.
do { _ = try NPY.decode(Data([1, 2, 3]), source: "three bytes") } catch let error as FileError { print("IO: \(error.kind): \(error)") }
SWIFT
cat > "$scratch/Sources/UsesPlot/main.swift" <<'SWIFT'
import Plot
print("Plot: ticks \(NiceTicks.make(minimum: 0, maximum: 1).values)")
SWIFT
(cd "$scratch" && swift build -c release 2>&1 | grep -E "error|warning: |Compiling|Build" | grep -v "^\[" | tail -5)
status=0
for program in UsesStats UsesEEG UsesIO UsesPlot; do
  binary="$scratch/.build/release/$program"
  "$binary"
  if ldd "$binary" | grep -q dnnl; then
    echo "$program links oneDNN: $(ldd "$binary" | grep dnnl)" >&2
    status=1
  fi
done
[ "$status" -eq 0 ] && echo "OneNeuronStats, OneNeuronEEG, OneNeuronIO and OneNeuronPlot build alone and link no oneDNN"
exit "$status"
