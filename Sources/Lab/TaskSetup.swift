import Results

/// How each task builds its objective and its starts.
extension LabTask {
    /// A fresh objective for `arm` (objectives hold scratch space: one per thread).
    public func makeObjective(arm: LabArm, lambda: Double) -> LabObjective {
        let neuronLambda: Double? = arm == .neuron ? lambda : nil
        switch self {
        case .reluTeacher(let n, let k):
            return ReLUTeacherObjective(n: n, k: k, lambda: neuronLambda)
        case .signTeacher(let n, let k):
            return SampleNetworkObjective(problem: SampleProblems.signTeacher(n: n, k: k), lambda: neuronLambda)
        case .yunThreePoint:
            return SampleNetworkObjective(problem: SampleProblems.yunThreePoint, lambda: neuronLambda)
        case .xor(let h):
            return SampleNetworkObjective(problem: SampleProblems.xor(hidden: h), lambda: neuronLambda)
        case .circleXor(let classes, let h):
            return MultiOutputObjective(problem: SampleProblems.circleXor(classes: classes, hidden: h), lambda: neuronLambda)
        }
    }

    /// The start of `start` in `arm`: the original network's weights come from stream 0 (the same
    /// in both arms), the neuron's w from stream 1 as randn(d)/sqrt(d) (or 0 with `.zeroW`), with
    /// b = 0 and a = 0, so both arms start from the same function. With one neuron per output
    /// (`outputs` > 1), neuron k's w is the k-th draw of d normals from stream 1, each neuron laid
    /// out as w_k, b_k, a_k.
    public func startParameters(arm: LabArm, seed: UInt64, start: Int, neuronInit: LabNeuronInit = .random) -> [Double] {
        var base = StartRandomness(seed: seed, task: name, start: start, stream: 0)
        var parameters: [Double]
        let inputs: Int
        switch self {
        case .reluTeacher(let n, let k):
            // Safran & Shamir: W = randn(d, k)/sqrt(d), d = n.
            parameters = base.normals(n * k, scale: 1 / Double(n).squareRoot())
            inputs = n
        case .signTeacher(let n, let k):
            parameters = SampleProblems.signTeacher(n: n, k: k).network.randomStart(&base, start: start)
            inputs = n
        case .yunThreePoint:
            parameters = SampleProblems.yunThreePoint.network.yunStart(&base, start: start)
            inputs = 2
        case .xor(let h):
            parameters = SampleProblems.xor(hidden: h).network.randomStart(&base, start: start)
            inputs = 2
        case .circleXor(let classes, let h):
            parameters = SampleProblems.circleXor(classes: classes, hidden: h).network.randomStart(&base)
            inputs = 2
        }
        if arm == .neuron {
            var neuron = StartRandomness(seed: seed, task: name, start: start, stream: 1)
            for _ in 0..<outputs {
                let w = neuron.normals(inputs, scale: 1 / Double(inputs).squareRoot())
                parameters += neuronInit == .random ? w : [Double](repeating: 0, count: inputs)
                parameters += [0, 0]
            }
        }
        return parameters
    }
}

/// How the neuron's weight vector w starts (b and a always start at 0).
public enum LabNeuronInit: String, Sendable, CaseIterable, Codable {
    /// w = randn(d)/sqrt(d), like a unit of the network.
    case random
    /// w = 0: the neuron starts as the constant a e^b.
    case zeroW = "zero-w"
}
