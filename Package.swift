// swift-tools-version: 6.0
import PackageDescription

// Module layering (each module knows only what is below it):
//   one-neuron (executable: argument parsing) -> Experiment, Lab, Bench, GAN and the modules below them;
//   OneNeuron (umbrella) re-exports every library module
//   Experiment (paired runs, jobs, the results files) -> Report, Neuron, Keras, EEG
//   GAN (`one-neuron gan`: PacGAN's 2D tasks and metrics, the GAN trainer, the paired study and its report) -> Neuron, Document, Stats, Plot, IO
//   Lab (the landscape lab: many tiny trainings in plain Swift, no oneDNN) -> Document, Plot, Stats, Results, IO
//   Report (the experiment report) -> Document, Plot, Stats, Results
//   Document (a report page as Markdown and HTML) -> Plot (figures, SVG, PNG through librsvg: CRSVG)
//   Bench (`one-neuron bench`: training throughput, step profile) -> Training
//   Neuron -> Training -> NN (layers, losses, optimizers) -> Tensor, Backend -> CDNNL (oneDNN)
//   Keras (Keras 3 weight files through HDF5: CHDF5, .keras archives, a model's weights and config mapped onto them) -> NN, IO
//   IO (.npy/.npz, CSV, atomic files, ZIP, zlib, SHA-1) -> Tensor; used by EEG, Training, Keras, Lab and Experiment
//   Diagnostics (FileError: the one error of every file reader; Setting and Message: errors about a
//   training's settings, named by the library and mapped to flags by the CLI) imports only Foundation; used by
//   every library module but Tensor, Stats, Plot, Document and Bench, and by the CLI
//   Results (the schema of every results file, its versions, and the results JSON writer; reading is
//   Foundation's JSONDecoder) imports only Foundation; every target declares exactly the modules it
//   imports (scripts/check-imports.py, run by scripts/test.sh); `stats --json` uses Foundation's JSONEncoder.
// Stats, EEG, IO, Plot, Document and Report import nothing from training; Plot knows nothing of experiments.
// Stats, EEG, IO and Plot are products of their own (OneNeuronStats, OneNeuronEEG, OneNeuronIO,
// OneNeuronPlot) that do not link oneDNN.
let package = Package(
    name: "OneNeuron",
    products: [
        .library(name: "OneNeuron", targets: ["OneNeuron"]),
        .library(name: "OneNeuronPlot", targets: ["Plot"]),
        .library(name: "OneNeuronIO", targets: ["IO", "Diagnostics"]),
        .library(name: "OneNeuronStats", targets: ["Stats"]),
        .library(name: "OneNeuronEEG", targets: ["EEG", "Diagnostics"]),
        .executable(name: "one-neuron", targets: ["one-neuron"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0")
    ],
    targets: [
        .systemLibrary(name: "CDNNL", path: "Sources/CDNNL"),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        // librsvg + cairo (Debian: librsvg2-dev; scripts/ensure-deps.sh installs it): renders each
        // figure's SVG to PNG. No pkgConfig: see Sources/CRSVG/shim.h.
        .systemLibrary(name: "CRSVG", path: "Sources/CRSVG"),
        // HDF5 (Debian: libhdf5-dev; scripts/ensure-deps.sh installs it): Keras 3 weight files.
        // Only Keras imports it. No pkgConfig: see Sources/CHDF5/shim.h.
        .systemLibrary(name: "CHDF5", path: "Sources/CHDF5"),
        .target(name: "Diagnostics"),
        .target(name: "Backend", dependencies: ["CDNNL", "CVectorLoops", "Diagnostics"]),
        .target(name: "Tensor"),
        .target(name: "IO", dependencies: ["Diagnostics", "Tensor", "CZlib"]),
        .target(name: "CVectorLoops"),
        .target(name: "NN", dependencies: ["Diagnostics", "Backend", "Tensor", "CVectorLoops", .product(name: "RealModule", package: "swift-numerics")]),
        .target(name: "Results", dependencies: ["Diagnostics"]),
        // Keras interop: Keras 3 weight files (HDF5, .keras archives) and the mapping of a model's weights and architecture onto them.
        .target(name: "Keras", dependencies: ["Diagnostics", "IO", "NN", "CHDF5"]),
        .target(name: "Training", dependencies: ["Diagnostics", "NN", "Tensor", "IO", "Results"]),
        // Bench: the library code of `one-neuron bench` (training throughput, the step profile, the machine's peak).
        .target(name: "Bench", dependencies: ["Training", "NN", "Backend", "Tensor"]),
        .target(name: "Neuron", dependencies: ["Diagnostics", "Training", "NN", "Backend", "Tensor"]),
        .target(name: "Stats"),
        .target(name: "EEG", dependencies: ["Diagnostics", "Tensor", "IO"]),
        .target(name: "Plot", dependencies: ["CRSVG"]),
        // Document: a report page (headings, text, tables, figures) rendered as Markdown and as one HTML file.
        .target(name: "Document", dependencies: ["Plot"]),
        .target(name: "Report", dependencies: ["Diagnostics", "Document", "Plot", "Stats", "Results"]),
        // Lab: many tiny trainings on tasks with known bad minima (plain Double loops, no oneDNN).
        .target(name: "Lab", dependencies: ["Diagnostics", "Document", "Stats", "Results", "IO", "Plot"]),
        // GAN: PacGAN's 2D mode-collapse tasks, their metrics, and a GAN trained with or without the neuron in its discriminator.
        .target(name: "GAN", dependencies: ["Diagnostics", "Neuron", "NN", "Backend", "Tensor", "IO", "Plot", "Document", "Stats"]),
        .target(name: "Experiment", dependencies: ["Diagnostics", "Neuron", "Training", "NN", "Backend", "Tensor", "IO", "Keras", "EEG", "Results", "Report"]),
        .target(
            name: "OneNeuron",
            dependencies: [
                "Diagnostics", "Backend", "Tensor", "IO", "Keras", "NN", "Training", "Bench", "Neuron", "Stats", "EEG", "Results", "Plot", "Document", "Report",
                "Experiment", "GAN"
            ]),
        .executableTarget(
            name: "one-neuron",
            dependencies: [
                "Diagnostics", "Experiment", "Lab", "Bench", "GAN", "Neuron", "NN", "Backend", "EEG", "Stats", "Results", "Tensor",
                .product(name: "ArgumentParser", package: "swift-argument-parser")
            ]),
        .executableTarget(name: "augment-example", dependencies: ["OneNeuron"], path: "Examples/augment-example"),
        .executableTarget(name: "weights-example", dependencies: ["OneNeuron"], path: "Examples/weights-example"),
        // The tests' one gradient-check helper (float64 central differences), shared by the test targets.
        .target(name: "GradientChecks", dependencies: ["Backend", "NN", "Tensor"], path: "Tests/Support/GradientChecks"),
        // The synthetic image task of the Training and Bench tests.
        .target(name: "SyntheticTasks", dependencies: ["Tensor"], path: "Tests/Support/SyntheticTasks"),
        // A test case with a temporary folder and `assertThrows`, shared by the IO and Keras tests.
        .target(name: "FileTestSupport", path: "Tests/Support/FileTestSupport"),
        .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"]),
        .testTarget(name: "BackendTests", dependencies: ["Backend", "GradientChecks"]),
        .testTarget(name: "TensorTests", dependencies: ["Tensor"]),
        .testTarget(name: "IOTests", dependencies: ["Diagnostics", "FileTestSupport", "IO", "Tensor"], exclude: ["Fixtures"]),
        .testTarget(name: "NNTests", dependencies: ["NN", "Backend", "Tensor", "GradientChecks"], exclude: ["Fixtures"]),
        .testTarget(name: "KerasTests", dependencies: ["Diagnostics", "FileTestSupport", "Keras", "IO", "NN", "Neuron", "Training"], exclude: ["Fixtures"]),
        .testTarget(
            name: "TrainingTests", dependencies: ["Keras", "SyntheticTasks", "Training", "NN", "Tensor", "IO", "Backend", "Results"], exclude: ["Fixtures"]),
        .testTarget(name: "BenchTests", dependencies: ["Bench", "SyntheticTasks", "Training", "NN", "Backend", "Tensor"]),
        .testTarget(name: "NeuronTests", dependencies: ["Neuron", "Training", "NN", "Backend", "Tensor", "GradientChecks"]),
        .testTarget(name: "StatsTests", dependencies: ["Stats"], resources: [.copy("Fixtures")]),
        .testTarget(name: "EEGTests", dependencies: ["Diagnostics", "EEG", "Tensor", "IO"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ResultsTests", dependencies: ["Diagnostics", "Results"]),
        .target(name: "PlotTestSupport", dependencies: ["CZlib"], path: "Tests/PlotTestSupport"),
        .testTarget(name: "PlotTests", dependencies: ["Plot", "PlotTestSupport"]),
        .testTarget(name: "ReportTests", dependencies: ["Diagnostics", "Report", "Document", "Plot", "Results", "PlotTestSupport"]),
        .testTarget(name: "LabTests", dependencies: ["Lab", "Results"]),
        .testTarget(name: "GANTests", dependencies: ["GAN", "Backend", "Neuron", "Tensor"], exclude: ["Fixtures"]),
        .testTarget(
            name: "ExperimentTests",
            dependencies: ["Diagnostics", "Experiment", "Backend", "EEG", "IO", "Keras", "NN", "Neuron", "Report", "Results", "Tensor"], exclude: ["Fixtures"])
    ],
    swiftLanguageModes: [.v6]
)
