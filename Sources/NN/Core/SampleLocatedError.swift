/// An error raised by one sample of a batch (e.g. the exponential neuron's exponent overflowing on
/// it): the trainer turns the position in the batch into the sample's index in the training data,
/// so the message can name the sample.
public protocol SampleLocatedError: Error {
    /// Position of the offending sample in its batch, when the error came from one sample.
    var batchSample: Int? { get }
}
