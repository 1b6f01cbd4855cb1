import NN

/// The passes of a trainer's last gradient computation, for callbacks that watch the model
/// (dead units, stuck gradients, an augmented model's base output). Pointers in `forward` are
/// valid until the model's next forward pass.
public struct TrainingStep {
    public let forward: ForwardPass
    public let backward: BackwardPass
}
