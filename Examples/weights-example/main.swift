// Two trainers, the neuron, and weights saved and loaded (NumPy .npz and Keras 3 .weights.h5):
// the public API a user program calls, compiled and run by CI (scripts/test.sh).
import Foundation
import OneNeuron

// Two Gaussian blobs in 4-D, labelled +1/-1.
var generator = SeededGenerator(seed: 3)
var xs: [Float] = [], ys: [Float] = []
for i in 0..<300 {
    let label: Float = i % 2 == 0 ? 1 : -1
    xs += (0..<4).map { _ in label * 0.8 + generator.uniform(-1, 1) }
    ys.append(label)
}
let x = try Tensor(shape: [300, 4], scalars: xs), y = try Tensor(shape: [300], scalars: ys)
let loss = PolynomialHinge(power: 3)

// Trainer 1: the plain network.
let plain = try Sequential([Dense(units: 8, activation: .relu), Dense(units: 1)], inputShape: [4])
let plainTrainer = try Trainer(model: plain, loss: loss, optimizer: Adam(learningRate: 0.01), seed: 1)
_ = try plainTrainer.fit(x: x, y: y, batchSize: 30, epochs: 30, progress: .quiet)

// Trainer 2: the same architecture with the neuron, started from the plain network's weights.
let folder = FileManager.default.temporaryDirectory.appendingPathComponent("weights-example-\(ProcessInfo.processInfo.processIdentifier)")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: folder) }
let plainFile = folder.appendingPathComponent("plain.weights.h5")
try KerasWeights.save(plain.parameters, to: plainFile)
let augmented = try Sequential([Dense(units: 8, activation: .relu), Dense(units: 1)], inputShape: [4]).augmented(lambda: 0.1)
let augmentedTrainer = try Trainer(model: augmented, loss: loss, optimizer: RMSprop(learningRate: 0.001), seed: 2)
// The file has no neuron: it sets the base network, and the neuron keeps its seeded draw.
try KerasWeights.load(from: plainFile, into: augmented.parameters, optionalLayers: 1)
let startsAsPlain = try augmented.base.predict(x) == plain.predict(x)
_ = try augmentedTrainer.fit(x: x, y: y, batchSize: 30, epochs: 10, progress: .quiet)

// Save the augmented model in both formats, load each into a fresh model: the same outputs.
let npz = folder.appendingPathComponent("augmented.npz"), keras = folder.appendingPathComponent("augmented.weights.h5")
try saveWeights(augmented.parameters, to: npz)
try KerasWeights.save(augmented.parameters, to: keras)
let outputs = try augmented.predict(x)
var reloadedEqual = true
for file in [npz, keras] {
    let fresh = try Sequential([Dense(units: 8, activation: .relu), Dense(units: 1)], inputShape: [4]).augmented(lambda: 0.1)
    if file == npz { try loadWeights(into: fresh.parameters, from: file) } else { try KerasWeights.load(from: file, into: fresh.parameters) }
    reloadedEqual = try reloadedEqual && fresh.predict(x) == outputs
}
let plainAccuracy = try plain.evaluate(x: x, y: y, loss: loss).accuracy
let augmentedAccuracy = try augmented.evaluate(x: x, y: y, loss: loss).accuracy
print("plain accuracy \(plainAccuracy), augmented accuracy \(augmentedAccuracy), a = \(augmented.neuron.a.value[0])")
print("augmented base starts as the plain network: \(startsAsPlain); reloaded .npz and .weights.h5 give the same outputs: \(reloadedEqual)")
guard startsAsPlain, reloadedEqual, plainAccuracy > 0.9, augmentedAccuracy > 0.9 else {
    fatalError("unexpected result: see the two lines above")
}
