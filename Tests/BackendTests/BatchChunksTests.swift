import Backend
import XCTest

/// The batch split depends on the batch size alone: contiguous, balanced, at most 8 chunks.
final class BatchChunksTests: XCTestCase {
    func testSplitIsContiguousBalancedAndFixed() {
        XCTAssertEqual(BatchChunks(batch: 128).starts, [0, 16, 32, 48, 64, 80, 96, 112, 128])
        XCTAssertEqual(BatchChunks(batch: 97).starts, [0, 13, 25, 37, 49, 61, 73, 85, 97])
        XCTAssertEqual(BatchChunks(batch: 97).sizes, [13, 12])
        XCTAssertEqual(BatchChunks(batch: 3).starts, [0, 1, 2, 3])
        for batch in 1...300 {
            let chunks = BatchChunks(batch: batch)
            XCTAssertEqual(chunks.count, min(batch, BatchChunks.maximumCount))
            XCTAssertEqual(chunks.starts.first, 0)
            XCTAssertEqual(chunks.starts.last, batch)
            let sizes = (0..<chunks.count).map(chunks.size)
            XCTAssertLessThanOrEqual(sizes.max()! - sizes.min()!, 1, "batch \(batch): \(sizes)")
        }
    }
}
