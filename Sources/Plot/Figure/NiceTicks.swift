import Foundation

/// Tick positions for one numeric axis and the range the axis spans.
public struct Ticks: Equatable, Sendable {
    public var values: [Double]
    public var step: Double
    /// The drawn range of the axis (contains all tick values).
    public var lower: Double
    public var upper: Double
    public var labels: [String]
}

/// "Nice" tick values: steps of 1, 2, 2.5 or 5 times a power of ten, and labels with just
/// enough decimals to tell neighbouring ticks apart.
public enum NiceTicks {
    /// The smallest nice step (1, 2, 2.5, 5 x 10^k; only 1, 2, 5 x 10^k when `integer`) >= `rough`.
    public static func niceStep(_ rough: Double, integer: Bool = false) -> Double {
        guard rough.isFinite, rough > 0 else { return 1 }
        let power = pow(10, floor(log10(rough)))
        let fraction = rough / power
        let candidates: [Double] = integer && power < 10 ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10]
        let chosen = candidates.first { fraction <= $0 * (1 + 1e-9) } ?? 10
        let step = chosen * power
        return integer ? max(1, step.rounded()) : step
    }

    /// Ticks covering `minimum...maximum` with about `targetCount` values.
    /// With `expand` the axis range grows to the enclosing ticks; otherwise it is the data range.
    /// Degenerate input (equal or non-finite bounds) still gives a usable axis.
    public static func make(minimum: Double, maximum: Double, targetCount: Int = 5, integer: Bool = false, expand: Bool = true) -> Ticks {
        var low = minimum, high = maximum
        if !low.isFinite || !high.isFinite {
            low = 0
            high = 1
        }
        if low > high { swap(&low, &high) }
        if high - low <= max(abs(low), abs(high)) * 1e-12 {
            let pad = integer ? 1 : (low == 0 ? 0.5 : abs(low) * 0.1)
            low -= pad
            high += pad
        }
        let step = niceStep((high - low) / Double(max(targetCount - 1, 1)), integer: integer)
        let first = (low / step + 1e-9).rounded(.down)
        let last = (high / step - 1e-9).rounded(.up)
        let startIndex = expand ? first : (low / step - 1e-9).rounded(.up)
        let endIndex = expand ? last : (high / step + 1e-9).rounded(.down)
        var values: [Double] = []
        var index = startIndex
        while index <= endIndex + 0.5 && values.count < 1000 {
            let value = index * step
            values.append(value == 0 ? 0 : value)
            index += 1
        }
        let lower = expand ? first * step : low
        let upper = expand ? last * step : high
        return Ticks(values: values, step: step, lower: lower, upper: upper, labels: labels(for: values, step: step))
    }

    /// Labels for tick values spaced `step` apart: fixed notation, or `1.5e-7` style for
    /// very large or very small magnitudes.
    public static func labels(for values: [Double], step: Double) -> [String] {
        let largest = values.map { abs($0) }.max() ?? 0
        if largest >= 1e6 || (step < 1e-4 && largest < 1e-3) {
            let exponent = Int(floor(log10(max(largest, step))))
            let scale = pow(10, Double(exponent))
            let decimals = decimalsNeeded(step / scale)
            return values.map { value in
                let mantissa = String(format: "%.\(decimals)f", value / scale)
                return value == 0 ? "0" : "\(mantissa)e\(exponent)"
            }
        }
        let decimals = decimalsNeeded(step)
        return values.map { value in
            let text = String(format: "%.\(decimals)f", value)
            return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
        }
    }

    static func decimalsNeeded(_ step: Double) -> Int {
        guard step.isFinite, step > 0 else { return 0 }
        var decimals = max(0, Int(-floor(log10(step) + 1e-9)))
        let scaled = step * pow(10, Double(decimals))
        if abs(scaled - scaled.rounded()) > 1e-6 { decimals += 1 }
        return min(decimals, 12)
    }
}
