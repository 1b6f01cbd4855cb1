/// The notebook's 1-second windows with 50% overlap, quirks included.
///
/// Starts are 0, 64, 128, ... while `start + 128 <= T`; the start-0 window is dropped; a window
/// takes samples `start...start+128` (pandas `.loc` slicing is inclusive, so 129 samples) where
/// the recording has them, so the last window holds 128.
public enum EEGWindowing {
    /// Samples between window starts (50% overlap of 1-second windows).
    public static let hop = 64
    /// The nominal window length (1 s at 128 Hz); actual windows hold one sample more.
    public static let nominalLength = 128

    /// Sample ranges of the windows of a recording with `sampleCount` samples.
    public static func windows(sampleCount: Int) -> [Range<Int>] {
        guard sampleCount >= nominalLength else { return [] }
        return stride(from: hop, through: sampleCount - nominalLength, by: hop).map { start in
            start..<min(start + nominalLength + 1, sampleCount)
        }
    }
}
