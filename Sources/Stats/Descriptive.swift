/// Arithmetic mean; NaN for an empty array.
public func mean(_ v: [Double]) -> Double {
    guard !v.isEmpty else { return .nan }
    var sum = 0.0
    for value in v { sum += value }
    return sum / Double(v.count)
}

/// Sample standard deviation with ddof 1 (numpy `std(ddof=1)`), computed in
/// two passes; NaN when fewer than 2 values.
public func sampleStandardDeviation(_ v: [Double]) -> Double {
    guard v.count >= 2 else { return .nan }
    return sampleVariance(v).squareRoot()
}

/// Sample variance with ddof 1; NaN when fewer than 2 values.
public func sampleVariance(_ v: [Double]) -> Double {
    guard v.count >= 2 else { return .nan }
    let m = mean(v)
    var sum = 0.0
    for value in v { sum += (value - m) * (value - m) }
    return sum / Double(v.count - 1)
}
