// The README's "Use it from Swift" section, compiled and run by CI (scripts/test.sh).
import OneNeuron

// A small task: 400 points in [-1, 1]^8, labelled +1/-1 by the side of a hyperplane.
var generator = SeededGenerator(seed: 7)
let normal = (0..<8).map { _ in generator.uniform(-1, 1) }
var xs: [Float] = [], ys: [Float] = []
for _ in 0..<400 {
    let point = (0..<8).map { _ in generator.uniform(-1, 1) }
    xs += point
    ys.append(zip(normal, point).reduce(0) { $0 + $1.0 * $1.1 } > 0 ? 1 : -1)
}
let x = try Tensor(shape: [400, 8], scalars: xs), y = try Tensor(shape: [400], scalars: ys)

// Any one-output network; the model owns its weights.
let base = try Sequential([Dense(units: 16, activation: .relu), Dense(units: 1)], inputShape: [8])
// Add a * exp(w.x + b) to its output, with the penalty lambda * a^2 on a.
let model = try base.augmented(lambda: 1.0, initialization: .zeroW)
let loss = PolynomialHinge(power: 3)
let trainer = try Trainer(model: model, loss: loss, optimizer: Adam(learningRate: 0.01), seed: 1)
// The monitor records a, b, |w|, the base network alone and the identity a dL/da - dL/db = 2 lambda a^2.
let monitor = NeuronMonitor(model: model, training: try LabeledData(x: x, y: y, inputShape: [8], labels: loss.labels, name: "training data"))
let history = try trainer.fit(x: x, y: y, batchSize: 32, epochs: 200, callbacks: [monitor], progress: .quiet)

// The base network alone, on the weights it was trained with (no second trainer needed).
let alone = try model.base.evaluate(x: x, y: y, loss: loss)
let a = model.neuron.a.value[0]
let residual = history["identity_residual"]!.last!
print("a = \(a)")
print("base accuracy = \(alone.accuracy)")
print("identity residual = \(residual)")
guard abs(a) < 0.05, alone.accuracy > 0.9, residual < 1e-3 else {
    fatalError("unexpected result: the neuron's scale should shrink, the base should fit, the identity should hold")
}
