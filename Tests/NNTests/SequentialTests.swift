import Backend
import NN
import Tensor
import XCTest

final class SequentialTests: XCTestCase {
    func testSeedCNNShapesAndNames() throws {
        let model = try seedCNN()
        XCTAssertEqual(model.layerShapes, [[28, 28, 32], [26, 26, 32], [13, 13, 32], [5408], [10], [1]])
        XCTAssertEqual(
            model.parameters.map(\.name),
            [
                "conv2d/kernel", "conv2d/bias", "conv2d_1/kernel", "conv2d_1/bias",
                "dense/kernel", "dense/bias", "dense_1/kernel", "dense_1/bias"
            ])
        XCTAssertTrue(model.summary().contains("total params 64245"))
    }

    func testShapeErrorNamesLayerAndShapes() {
        XCTAssertThrowsError(try Sequential([Conv2D(filters: 4, kernelSize: 3), Dense(units: 1)], inputShape: [8, 8, 3])) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("layer dense"), text)
            XCTAssertTrue(text.contains("[6, 6, 4]"), text)
            XCTAssertTrue(text.contains("Flatten"), text)
        }
        XCTAssertThrowsError(try Sequential([Conv2D(filters: 4, kernelSize: 5)], inputShape: [3, 3, 1])) { error in
            XCTAssertTrue("\(error)".contains("conv2d"), "\(error)")
        }
        XCTAssertThrowsError(try seedCNN().predict(Tensor(shape: [2, 28, 28, 1]))) { error in
            XCTAssertTrue("\(error)".contains("[2, 28, 28, 1]"), "\(error)")
        }
    }

    func testOneDNNAndReferenceBackendsAgreeOnTheSeedCNN() throws {
        let a = try seedCNN(inputShape: [12, 10, 3]), b = try seedCNN(inputShape: [12, 10, 3], backend: ReferenceBackend())
        let sa = try ParameterStore(a.parameters), sb = try ParameterStore(b.parameters)
        var g = SeededGenerator(seed: 5)
        sa.initialize(using: &g)
        sb.restore(sa.snapshot())
        var g2 = SeededGenerator(seed: 6)
        let x = try Tensor(shape: [5, 12, 10, 3], scalars: (0..<1800).map { _ in g2.uniform(-1, 1) })
        let ya = try a.predict(x), yb = try b.predict(x)
        for (u, v) in zip(ya.scalars, yb.scalars) { XCTAssertEqual(u, v, accuracy: 1e-5) }
        // Backward through the whole stack.
        let dy: [Float] = [0.3, -0.2, 0.5, 0.1, -0.7]
        for (model, _) in [(a, sa), (b, sb)] {
            _ = try x.scalars.withUnsafeBufferPointer { try model.forward($0.baseAddress!, batchSize: 5, training: true) }
            try model.backward(gradOutput: dy, batchSize: 5)
        }
        let scale = sb.gradients.map(abs).max()!
        for i in 0..<sa.count { XCTAssertEqual(sa.gradients[i], sb.gradients[i], accuracy: 1e-4 * scale) }
    }

    /// The pooling layer applying conv2d_1's ReLU mask, conv2d_1's backward data applying conv2d's, and
    /// conv2d_1 running the pooling's passes per chunk give the outputs and gradients of the passes apart
    /// (on both backends; inputs around 0 so that many ReLUs and whole pooling windows are 0).
    func testReLUMasksAndPoolingFusedIntoNeighboursGiveTheSameBits() throws {
        var g = SeededGenerator(seed: 12)
        let x = try Tensor(shape: [6, 12, 10, 3], scalars: (0..<2160).map { _ in g.uniform(-1, 1) })
        let dy: [Float] = [0.3, -0.2, 0.5, 0.1, -0.7, 0.4]
        // bf16 and Winograd convolutions too where this CPU has them (their chunk copies sit between the passes).
        let optional = [try? DNNLBackend(precision: .bf16), try? DNNLBackend(algorithm: .winograd)].compactMap { $0 } as [any ComputeBackend]
        for backend in [DNNLBackend(), ReferenceBackend()] as [any ComputeBackend] + optional {
            func gradients(masks: Bool, pooling: Bool) throws -> [Float] {
                let model = try seedCNN(inputShape: [12, 10, 3], backend: backend)
                var w = SeededGenerator(seed: 3)
                model.store.initialize(using: &w)
                model.store.parameter(named: "conv2d_1/bias")!.value.update(repeating: -0.05)
                model.fusesReLUMasks = masks
                model.fusesPoolingIntoConvolutions = pooling
                let out = try x.scalars.withUnsafeBufferPointer { try model.forward($0.baseAddress!, batchSize: 6, training: true) }.output
                let outputs = Array(UnsafeBufferPointer(start: out, count: 6))
                model.store.gradients.update(repeating: .nan)
                try model.backward(gradOutput: dy, batchSize: 6)
                return outputs + Array(model.store.gradients)
            }
            let fused = try gradients(masks: true, pooling: true), apart = try gradients(masks: false, pooling: false)
            XCTAssertEqual(fused.map(\.bitPattern), apart.map(\.bitPattern), backend.name)
            XCTAssertEqual(try gradients(masks: true, pooling: false).map(\.bitPattern), apart.map(\.bitPattern), backend.name)
            XCTAssertTrue(fused.contains { $0 != 0 })
        }
    }

    /// Every ReLU of conv2d dead while conv2d_1 is live: conv2d's output gradient is zero only once masked. In bf16
    /// conv2d_1 leaves that mask to conv2d's backward weights, so the gradient buffer stays unmasked; the block must
    /// still be found at conv2d's output and conv2d skipped, as in float32, with the gradients of the passes apart.
    func testBlockBelowAMaskLeftToTheLowerConvolutionIsFoundAsInFloat32() throws {
        var g = SeededGenerator(seed: 15)
        let x = try Tensor(shape: [6, 12, 10, 3], scalars: (0..<2160).map { _ in g.uniform(-1, 1) })
        let dy: [Float] = [0.3, -0.2, 0.5, 0.1, -0.7, 0.4]
        let backends = [DNNLBackend(), try? DNNLBackend(precision: .bf16)].compactMap { $0 }
        for backend in backends {
            func run(masks: Bool) throws -> DeadLayerBackward {
                try deadLayerBackward(x: x, dy: dy, backend: backend, dead: "conv2d", live: "conv2d_1") { $0.fusesReLUMasks = masks }
            }
            let fused = try run(masks: true), apart = try run(masks: false)
            XCTAssertEqual(fused.gradients.map(\.bitPattern), apart.gradients.map(\.bitPattern), backend.name)
            XCTAssertEqual(fused.skipped, 1, "\(backend.name): conv2d skipped")
            XCTAssertEqual(fused.block, "conv2d_1", backend.name)
            XCTAssertTrue(fused.gradients.contains { $0 != 0 }, "\(backend.name): conv2d_1 learns")
        }
    }

    /// Every ReLU of conv2d_1 dead: with the pooling run inside conv2d_1, the zero gradient below it is still
    /// found before conv2d_1's backward (from the pooling's output gradient), reported at the pooling, and the
    /// skipped backward gives the bits of the passes run apart.
    func testDeadConvolutionBelowAFusedPoolingIsFoundAndSkippedAsWhenApart() throws {
        var g = SeededGenerator(seed: 14)
        let x = try Tensor(shape: [6, 12, 10, 3], scalars: (0..<2160).map { _ in g.uniform(-1, 1) })
        let dy: [Float] = [0.3, -0.2, 0.5, 0.1, -0.7, 0.4]
        func run(pooling: Bool) throws -> DeadLayerBackward {
            try deadLayerBackward(x: x, dy: dy, dead: "conv2d_1", live: "dense") { $0.fusesPoolingIntoConvolutions = pooling }
        }
        let fused = try run(pooling: true), apart = try run(pooling: false)
        XCTAssertEqual(fused.gradients, apart.gradients)
        XCTAssertEqual(fused.skipped, apart.skipped)
        XCTAssertEqual(fused.skipped, 2, "conv2d_1 and conv2d skipped")
        XCTAssertEqual(fused.block, "max_pooling2d")
        XCTAssertEqual(apart.block, "max_pooling2d")
    }

    /// Flatten inside a Sequential shares the buffers around it instead of copying: outputs, gradients and
    /// layer outputs are the bits of a flatten that copies (first layer, middle layer and last layer).
    func testFlattenSharingItsBuffersGivesTheBitsOfACopyingFlatten() throws {
        final class CopyingFlatten: Layer {
            var name = "copy"
            func build(inputShape: [Int], context: BuildContext) throws -> [Int] { [inputShape.reduce(1, *)] }
            func forward(_ input: Activations, _ output: Activations, training: Bool) throws { output.pointer.update(from: input.pointer, count: input.count) }
            func backward(input: Activations, output: Activations, gradOutput: Activations, gradInput: Activations?) throws {
                gradInput?.pointer.update(from: gradOutput.pointer, count: gradOutput.count)
            }
        }
        var g = SeededGenerator(seed: 21)
        let x = (0..<(4 * 6 * 6 * 2)).map { _ in g.uniform(-1, 1) }
        func run(_ flatten: () -> Layer, layout: Int) throws -> [[Float]] {
            let layers: [Layer]
            switch layout {
            case 0: layers = [flatten(), Dense(units: 3, activation: .relu), Dense(units: 2)]
            case 1: layers = [Conv2D(filters: 3, kernelSize: 3, activation: .relu), MaxPooling2D(), flatten(), Dense(units: 2)]
            default: layers = [Conv2D(filters: 2, kernelSize: 3, activation: .relu), flatten()]
            }
            let model = try Sequential(layers, inputShape: [6, 6, 2])
            var w = SeededGenerator(seed: 5)
            model.store.initialize(using: &w)
            let out = try x.withUnsafeBufferPointer { try model.forward($0.baseAddress!, batchSize: 4, training: true) }.output
            let outputs = Array(UnsafeBufferPointer(start: out, count: 4 * model.outputShape.reduce(1, *)))
            let flattened = model.layers.firstIndex { $0.name.hasPrefix("flatten") || $0.name == "copy" }!
            let layerOutput = Array(UnsafeBufferPointer(start: model.layerOutput(flattened), count: 4 * model.layerShapes[flattened][0]))
            let dy = (0..<outputs.count).map { Float($0 % 5) - 2 }
            model.store.gradients.update(repeating: .nan)
            try model.backward(gradOutput: dy, batchSize: 4)
            return [outputs, layerOutput, Array(model.store.gradients)]
        }
        for layout in 0..<3 {
            XCTAssertEqual(try run({ Flatten() }, layout: layout), try run({ CopyingFlatten() }, layout: layout), "layout \(layout)")
        }
    }

    /// A seed CNN whose dense ReLUs are all dead (the "stuck at loss 1.0" start): the skipped backward
    /// gives exactly the gradients of the full backward, and a live network skips nothing.
    func testZeroGradientSkipGivesTheFullBackwardsBits() throws {
        var g = SeededGenerator(seed: 9)
        let x = try Tensor(shape: [6, 12, 10, 3], scalars: (0..<2160).map { _ in g.uniform(0, 150) })
        let dy: [Float] = [0.3, -0.2, 0.5, 0.1, -0.7, 0.4]
        func gradients(dead: Bool, skip: Bool) throws -> (gradients: [Float], skipped: Int) {
            let model = try seedCNN(inputShape: [12, 10, 3])
            let store = try ParameterStore(model.parameters)
            var w = SeededGenerator(seed: 4)
            store.initialize(using: &w)
            if dead { store.parameter(named: "dense/bias")!.value.update(repeating: -1e6) }
            model.skipsZeroGradientBranches = skip
            _ = try x.scalars.withUnsafeBufferPointer { try model.forward($0.baseAddress!, batchSize: 6, training: true) }
            store.gradients.update(repeating: .nan)
            let pass = try model.backward(gradOutput: dy, batchSize: 6)
            return (Array(store.gradients), pass.skippedLayers)
        }
        let full = try gradients(dead: true, skip: false), skipped = try gradients(dead: true, skip: true)
        XCTAssertEqual(full.skipped, 0)
        XCTAssertEqual(skipped.skipped, 4, "conv, conv, pooling and flatten below the dead dense layer")
        XCTAssertEqual(full.gradients, skipped.gradients)
        XCTAssertTrue(skipped.gradients.contains { $0 != 0 }, "the head still learns")
        XCTAssertEqual(try gradients(dead: false, skip: true).skipped, 0)
    }
}

/// Gradients arriving at hidden layers' outputs from outside the stack.
final class SequentialExtraGradientTests: XCTestCase {
    func testExtraGradientAtAHiddenOutputEqualsBackwardFromThatLayer() throws {
        let model = try Sequential([Dense(units: 5, activation: .relu, name: "h"), Dense(units: 2, name: "out")], inputShape: [3])
        var g = SeededGenerator(seed: 8)
        let n = 4
        let x = (0..<(n * 3)).map { _ in g.uniform(-1, 1) }
        let extra = (0..<(n * 5)).map { _ in g.uniform(-1, 1) }
        _ = try x.withUnsafeBufferPointer { try model.forward($0.baseAddress!, batchSize: n, training: true) }
        // A zero gradient at the output plus `extra` at h's output: only h learns, exactly as from `extra` alone.
        let zero = [Float](repeating: 0, count: n * 2)
        _ = try zero.withUnsafeBufferPointer { z in
            try extra.withUnsafeBufferPointer { e in try model.backward(.output(z.baseAddress!), batchSize: n, addingToLayerOutputs: [0: e.baseAddress!]) }
        }
        XCTAssertTrue(
            model.parameters[2].gradient.allSatisfy { $0 == 0 } && model.parameters[3].gradient.allSatisfy { $0 == 0 }, "the output layer got no gradient")
        let withExtra = Array(model.parameters[0].gradient)
        XCTAssertTrue(withExtra.contains { $0 != 0 }, "the zero-gradient shortcut must not skip a layer that still receives gradient")
        // The same through h alone.
        let h = try Sequential([Dense(units: 5, activation: .relu, name: "h")], inputShape: [3])
        _ = h.parameters[0].value.update(fromContentsOf: model.parameters[0].value)
        _ = h.parameters[1].value.update(fromContentsOf: model.parameters[1].value)
        _ = try x.withUnsafeBufferPointer { try h.forward($0.baseAddress!, batchSize: n, training: true) }
        _ = try extra.withUnsafeBufferPointer { try h.backward(gradOutput: $0.baseAddress!, batchSize: n) }
        XCTAssertEqual(withExtra, Array(h.parameters[0].gradient))
    }

    func testExtraGradientsAreRefusedWhereTheyCannotArrive() throws {
        let cnn = try seedCNN(inputShape: [8, 8, 3])
        let buffer = [Float](repeating: 0, count: 4096)
        _ = try [Float](repeating: 0.5, count: 192).withUnsafeBufferPointer { try cnn.forward($0.baseAddress!, batchSize: 1, training: true) }
        try buffer.withUnsafeBufferPointer { b in
            XCTAssertThrowsError(try cnn.backward(.output(b.baseAddress!), batchSize: 1, addingToLayerOutputs: [1: b.baseAddress!])) {
                XCTAssertTrue("\($0)".contains("layer above it"), "\($0)")
            }
            XCTAssertThrowsError(try cnn.backward(.output(b.baseAddress!), batchSize: 1, addingToLayerOutputs: [5: b.baseAddress!])) {
                XCTAssertTrue("\($0)".contains("hidden layers"), "\($0)")
            }
        }
    }
}

/// The gradients, skipped-layer count and reported block of one backward pass in `deadLayerBackward`.
private typealias DeadLayerBackward = (gradients: [Float], skipped: Int, block: String?)

/// One training forward and backward of a seeded 12x10x3 seed CNN on 6 samples, with layer `dead`'s bias at -1e6 (every
/// ReLU dead) and layer `live`'s at 1 (live even on a zero input); `configure` sets the fusion under test. The gradient
/// buffer starts as NaN, so a gradient the pass skips without writing shows.
private func deadLayerBackward(
    x: Tensor, dy: [Float], backend: any ComputeBackend = DNNLBackend(), dead: String, live: String,
    configure: (Sequential) -> Void
) throws -> DeadLayerBackward {
    let model = try seedCNN(inputShape: [12, 10, 3], backend: backend)
    var w = SeededGenerator(seed: 3)
    model.store.initialize(using: &w)
    model.store.parameter(named: "\(dead)/bias")!.value.update(repeating: -1e6)
    model.store.parameter(named: "\(live)/bias")!.value.update(repeating: 1)
    configure(model)
    _ = try x.scalars.withUnsafeBufferPointer { try model.forward($0.baseAddress!, batchSize: 6, training: true) }
    model.store.gradients.update(repeating: .nan)
    let pass = try model.backward(gradOutput: dy, batchSize: 6)
    return (Array(model.store.gradients), pass.skippedLayers, pass.gradientBlock?.layerName)
}
