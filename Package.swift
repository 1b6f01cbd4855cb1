// swift-tools-version: 6.0
import PackageDescription

// Module layering (each module knows only what is below it):
//   one-neuron (executable) -> OneNeuron (umbrella) -> Experiment -> Report, Neuron, EEG, Stats
//   Neuron -> Training -> NN (layers, losses, optimizers) -> Tensor, Backend -> CDNNL (oneDNN)
// Stats, EEG and Report import nothing from training.
let package = Package(
    name: "OneNeuron",
    products: [
        .library(name: "OneNeuron", targets: ["OneNeuron"]),
        .executable(name: "one-neuron", targets: ["one-neuron"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
    ],
    targets: [
        .systemLibrary(name: "CDNNL", path: "Sources/CDNNL"),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .target(name: "Backend", dependencies: ["CDNNL"]),
        .target(name: "Tensor", dependencies: ["CZlib"]),
        .target(name: "NN", dependencies: ["Backend", "Tensor", .product(name: "RealModule", package: "swift-numerics")]),
        .target(name: "Training", dependencies: ["NN", "Backend", "Tensor"]),
        .target(name: "Neuron", dependencies: ["Training", "NN", "Backend", "Tensor"]),
        .target(name: "Stats"),
        .target(name: "EEG", dependencies: ["Tensor"]),
        .target(name: "Report", dependencies: ["Stats", "Tensor", "CZlib"]),
        .target(name: "Experiment", dependencies: ["Neuron", "Training", "NN", "Backend", "Tensor", "EEG", "Stats", "Report"]),
        .target(name: "OneNeuron", dependencies: ["Backend", "Tensor", "NN", "Training", "Neuron", "Stats", "EEG", "Report", "Experiment"]),
        .executableTarget(name: "one-neuron", dependencies: [
            "OneNeuron", "Experiment", "Neuron", "Training", "Backend", "EEG", "Stats", "Tensor",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "augment-example", dependencies: ["OneNeuron"], path: "Examples/augment-example"),
        .testTarget(name: "BackendTests", dependencies: ["Backend"]),
        .testTarget(name: "TensorTests", dependencies: ["Tensor"], exclude: ["Fixtures"]),
        .testTarget(name: "NNTests", dependencies: ["NN", "Backend", "Tensor"]),
        .testTarget(name: "TrainingTests", dependencies: ["Training", "NN", "Tensor", "Backend"]),
        .testTarget(name: "NeuronTests", dependencies: ["Neuron", "Training", "NN", "Tensor"]),
        .testTarget(name: "StatsTests", dependencies: ["Stats"], resources: [.copy("Fixtures")]),
        .testTarget(name: "EEGTests", dependencies: ["EEG", "Tensor"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ReportTests", dependencies: ["Report"]),
        .testTarget(name: "ExperimentTests", dependencies: ["Experiment"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
