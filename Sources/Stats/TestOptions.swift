/// Direction of the alternative hypothesis, spelled as in scipy.stats.
///
/// `.greater` means "x tends to be larger than y" (Mann-Whitney) or "the
/// differences x - y tend to be positive" (Wilcoxon).
public enum Alternative: String, Sendable, Codable, CaseIterable {
    case twoSided = "two-sided"
    case greater
    case less
}

/// How a p-value is computed, spelled as in scipy.stats.
///
/// `.auto` is only a request; results always carry the resolved method
/// (`.exact` or `.asymptotic`).
public enum TestMethod: String, Sendable, Codable, CaseIterable {
    case auto
    case exact
    case asymptotic
}
