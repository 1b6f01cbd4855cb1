/// Flattens each sample to one axis in row-major (height, width, channels) order, as Keras' `Flatten` does for channels-last data.
/// Inside a `Sequential` (below the last layer) it copies nothing: its output is the buffer below it.
public final class Flatten: ReshapingLayer {
    public var name: String
    public init(name: String = "flatten") { self.name = name }

    public func build(inputShape: [Int], context: BuildContext) throws -> [Int] {
        [inputShape.reduce(1, *)]
    }

    public func forward(_ input: Activations, _ output: Activations, training: Bool) throws {
        output.pointer.update(from: input.pointer, count: input.count)
    }

    public func backward(input: Activations, output: Activations, gradOutput: Activations, gradInput: Activations?) throws {
        gradInput?.pointer.update(from: gradOutput.pointer, count: gradOutput.count)
    }
}
