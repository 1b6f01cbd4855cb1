/// Detects the "path to infinity" the theory predicts when f0 cannot put every training point at
/// margin >= 1: the augmented loss then has no local minimum, so instead of converging the
/// neuron's parameters drift off — either its scale |a| keeps falling while b keeps rising, or
/// its weights keep growing (the neuron sharpens onto single training points).
///
/// Over the last `window` epochs (and only after `2 * window` epochs, so early learning is not flagged):
/// - (A) |a| fell by at least `factor` and fell in at least `consistency` of the epoch-to-epoch steps,
///   while b rose by at least `minRise`, rising in at least `consistency` of the steps; or
/// - (B) the norm of (w, b) rose by at least `minGrowth` (relative) and rose in at least
///   `consistency` of the steps, while |a| did not converge (it fell by less than `factor`).
public struct DivergenceDetector: Sendable {
    public var window = 20
    public var factor = 1.5
    public var minRise = 0.5
    public var minGrowth = 0.03
    public var consistency = 0.8

    public init() {}

    private func fraction(_ v: [Double], _ step: (Double, Double) -> Bool) -> Double {
        Double(zip(v, v.dropFirst()).filter { step($0, $1) }.count) / Double(max(v.count - 1, 1))
    }

    /// Whether the per-epoch series (oldest first) show the drift at their end.
    /// `weightNorm` is |(w, b)| per epoch.
    public func isDiverging(scale a: [Double], bias b: [Double], weightNorm: [Double]) -> Bool {
        guard a.count >= 2 * window, b.count == a.count, weightNorm.count == a.count else { return false }
        let aw = a.suffix(window).map(abs), bw = Array(b.suffix(window)), nw = Array(weightNorm.suffix(window))
        let scaleFalls = aw.last! > 0 && aw.first! / aw.last! >= factor && fraction(aw, { $1 < $0 }) >= consistency
        let biasRises = bw.last! - bw.first! >= minRise && fraction(bw, { $1 > $0 }) >= consistency
        if scaleFalls && biasRises { return true }
        let grows = nw.first! > 0 && nw.last! / nw.first! - 1 >= minGrowth && fraction(nw, { $1 > $0 }) >= consistency
        return grows && !scaleFalls
    }
}
