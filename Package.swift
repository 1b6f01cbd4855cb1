// swift-tools-version: 6.0
import PackageDescription

// Module layering (each module knows only what is below it):
//   one-neuron (executable) -> OneNeuron (umbrella) -> Experiment -> Report, Neuron, EEG, Stats
//   Lab (the landscape lab: many tiny trainings in plain Swift, no oneDNN) -> Report, Plot, Stats, Results, IO
//   Report (the experiment report) -> Plot (figures, SVG, PNG through librsvg: CRSVG), Stats, Results
//   Neuron -> Training -> NN (layers, losses, optimizers) -> Tensor, Backend -> CDNNL (oneDNN)
//   IO (.npy/.npz, CSV, atomic files, ZIP, zlib, Keras weight files through HDF5: CHDF5) -> Tensor; used by EEG, Training and Experiment
//   Results (the schema of every results file, its versions, and the results JSON writer; reading is
//   Foundation's JSONDecoder) imports only Foundation; every target declares exactly the modules it
//   imports (scripts/check-imports.py, run by scripts/test.sh); `stats --json` uses Foundation's JSONEncoder.
// Stats, EEG, IO, Plot and Report import nothing from training; Plot knows nothing of experiments.
// Stats, EEG, IO and Plot are products of their own (OneNeuronStats, OneNeuronEEG, OneNeuronIO,
// OneNeuronPlot) that do not link oneDNN.
let package = Package(
    name: "OneNeuron",
    products: [
        .library(name: "OneNeuron", targets: ["OneNeuron"]),
        .library(name: "OneNeuronPlot", targets: ["Plot"]),
        .library(name: "OneNeuronIO", targets: ["IO"]),
        .library(name: "OneNeuronStats", targets: ["Stats"]),
        .library(name: "OneNeuronEEG", targets: ["EEG"]),
        .executable(name: "one-neuron", targets: ["one-neuron"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
    ],
    targets: [
        .systemLibrary(name: "CDNNL", path: "Sources/CDNNL"),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        // librsvg + cairo (Debian: librsvg2-dev; scripts/ensure-deps.sh installs it): renders each
        // figure's SVG to PNG. No pkgConfig: see Sources/CRSVG/shim.h.
        .systemLibrary(name: "CRSVG", path: "Sources/CRSVG"),
        // HDF5 (Debian: libhdf5-dev; scripts/ensure-deps.sh installs it): Keras 3 weight files.
        // Only IO imports it. No pkgConfig: see Sources/CHDF5/shim.h.
        .systemLibrary(name: "CHDF5", path: "Sources/CHDF5"),
        .target(name: "Backend", dependencies: ["CDNNL"]),
        .target(name: "Tensor"),
        .target(name: "IO", dependencies: ["Tensor", "CZlib", "CHDF5"]),
        .target(name: "NN", dependencies: ["Backend", "Tensor", .product(name: "RealModule", package: "swift-numerics")]),
        .target(name: "Results"),
        .target(name: "Training", dependencies: ["NN", "Backend", "Tensor", "IO", "Results"]),
        .target(name: "Neuron", dependencies: ["Training", "NN", "Backend", "Tensor"]),
        .target(name: "Stats"),
        .target(name: "EEG", dependencies: ["Tensor", "IO"]),
        .target(name: "Plot", dependencies: ["CRSVG"]),
        .target(name: "Report", dependencies: ["Plot", "Stats", "Results"]),
        // Lab: many tiny trainings on tasks with known bad minima (plain Double loops, no oneDNN).
        .target(name: "Lab", dependencies: ["Stats", "Results", "IO", "Plot", "Report"]),
        .target(name: "Experiment", dependencies: ["Neuron", "Training", "NN", "Backend", "Tensor", "IO", "EEG", "Results", "Report"]),
        .target(name: "OneNeuron", dependencies: ["Backend", "Tensor", "IO", "NN", "Training", "Neuron", "Stats", "EEG", "Results", "Plot", "Report", "Experiment"]),
        .executableTarget(name: "one-neuron", dependencies: [
            "Experiment", "Lab", "Neuron", "Training", "NN", "Backend", "EEG", "Stats", "Results", "Tensor",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "augment-example", dependencies: ["OneNeuron"], path: "Examples/augment-example"),
        // The tests' one gradient-check helper (float64 central differences), shared by the test targets.
        .target(name: "GradientChecks", dependencies: ["Backend", "NN", "Tensor"], path: "Tests/Support/GradientChecks"),
        .testTarget(name: "BackendTests", dependencies: ["Backend", "GradientChecks"]),
        .testTarget(name: "TensorTests", dependencies: ["Tensor"]),
        .testTarget(name: "IOTests", dependencies: ["IO", "Tensor"], exclude: ["Fixtures"]),
        .testTarget(name: "NNTests", dependencies: ["NN", "Backend", "Tensor", "GradientChecks"], exclude: ["Fixtures"]),
        .testTarget(name: "TrainingTests", dependencies: ["Training", "NN", "Tensor", "IO", "Backend", "Results"], exclude: ["Fixtures"]),
        .testTarget(name: "NeuronTests", dependencies: ["Neuron", "Training", "NN", "Backend", "Tensor", "GradientChecks"]),
        .testTarget(name: "StatsTests", dependencies: ["Stats"], resources: [.copy("Fixtures")]),
        .testTarget(name: "EEGTests", dependencies: ["EEG", "Tensor", "IO"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ResultsTests", dependencies: ["Results"]),
        .target(name: "PlotTestSupport", dependencies: ["CZlib"], path: "Tests/PlotTestSupport"),
        .testTarget(name: "PlotTests", dependencies: ["Plot", "PlotTestSupport"]),
        .testTarget(name: "ReportTests", dependencies: ["Report", "Plot", "Results", "PlotTestSupport"]),
        .testTarget(name: "LabTests", dependencies: ["Lab", "Results"]),
        .testTarget(name: "ExperimentTests", dependencies: ["Experiment", "Backend", "EEG", "IO", "NN", "Neuron", "Report", "Results", "Tensor"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
