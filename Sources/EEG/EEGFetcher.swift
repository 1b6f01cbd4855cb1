import Dispatch
import Foundation
import IO
import Synchronization
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Downloads the 16 session files and checks each against its git blob id.
///
/// A file is written only after its bytes hash to the expected blob, through a temporary file
/// renamed over the target, so no partial or wrong file is ever left. A file already present
/// with the right content is not downloaded again. Every file is tried; each failure is reported.
public struct EEGFetcher: Sendable {
    /// The original repository's raw files at the snapshot commit (SOURCE.md).
    public static let defaultBaseURL = URL(
        string: "https://raw.githubusercontent.com/tevisgehr/EEG-Classification/8b986d3690b85ef1f6cb2f75a91816ce004d7d90/data/")!

    /// What happened to one file.
    public enum Outcome: Sendable, Equatable {
        /// Downloaded, verified and written.
        case downloaded(bytes: Int)
        /// Already in the folder with the expected blob id; left alone.
        case alreadyPresent(bytes: Int)
        /// Not written (download error, bad status, or blob mismatch).
        case failed(EEGError)
    }

    /// Folder URL the file names are appended to.
    public var baseURL: URL
    /// Seconds before a request without progress is given up.
    public var timeout: TimeInterval
    /// Expected git blob id of each file name to fetch.
    public var expectedBlobs: [String: String]

    public init(
        baseURL: URL = EEGFetcher.defaultBaseURL, timeout: TimeInterval = 60,
        expectedBlobs: [String: String] = EEGSession.gitBlobIDs
    ) {
        self.baseURL = baseURL
        self.timeout = timeout
        self.expectedBlobs = expectedBlobs
    }

    /// Fetches every file into `directory` (created if missing), in file-name order, calling
    /// `report` after each one; returns all outcomes in the same order.
    @discardableResult
    public func fetch(to directory: URL, report: (String, Outcome) -> Void = { _, _ in }) -> [(file: String, outcome: Outcome)] {
        var outcomes: [(file: String, outcome: Outcome)] = []
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            let failure = EEGError.writeFailed(path: directory.path, reason: (error as NSError).localizedDescription)
            for name in expectedBlobs.keys.sorted() {
                outcomes.append((name, .failed(failure)))
                report(name, .failed(failure))
            }
            return outcomes
        }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout * 4
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        for name in expectedBlobs.keys.sorted() {
            let outcome = fetchOne(name, expected: expectedBlobs[name]!, into: directory, session: session)
            outcomes.append((name, outcome))
            report(name, outcome)
        }
        return outcomes
    }

    private func fetchOne(_ name: String, expected: String, into directory: URL, session: URLSession) -> Outcome {
        let target = directory.appendingPathComponent(name)
        if let existing = try? Data(contentsOf: target), SHA1.gitBlobID(existing) == expected {
            return .alreadyPresent(bytes: existing.count)
        }
        let url = baseURL.appendingPathComponent(name)
        let data: Data
        switch download(url, session: session) {
        case .failure(let failure):
            return .failed(.downloadFailed(file: name, url: url.absoluteString, reason: failure.reason))
        case .success(let body):
            data = body
        }
        let actual = SHA1.gitBlobID(data)
        guard actual == expected else {
            return .failed(.blobMismatch(file: name, expected: expected, actual: actual, bytes: data.count))
        }
        do {
            try AtomicFile.write(data, to: target)
        } catch {
            return .failed(.writeFailed(path: target.path, reason: "\(error)"))
        }
        return .downloaded(bytes: data.count)
    }

    private struct DownloadFailure: Error { let reason: String }

    /// One GET, waited for synchronously; non-200 answers are failures.
    private func download(_ url: URL, session: URLSession) -> Result<Data, DownloadFailure> {
        final class Box: Sendable { let result = Mutex<Result<Data, DownloadFailure>>(.failure(DownloadFailure(reason: "no answer"))) }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        var request = URLRequest(url: url)
        request.timeoutInterval = timeout
        let task = session.dataTask(with: request) { data, response, error in
            if let error {
                box.result.withLock { $0 = .failure(DownloadFailure(reason: error.localizedDescription)) }
            } else if let http = response as? HTTPURLResponse, http.statusCode != 200 {
                box.result.withLock { $0 = .failure(DownloadFailure(reason: "HTTP status \(http.statusCode)")) }
            } else if let data {
                box.result.withLock { $0 = .success(data) }
            }
            done.signal()
        }
        task.resume()
        done.wait()
        return box.result.withLock { $0 }
    }
}
