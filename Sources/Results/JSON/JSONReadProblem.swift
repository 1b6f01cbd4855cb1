import Foundation

/// What was wrong with JSON that `JSONDecoder` refused, for a reader: the position of a syntax
/// error (line and column, 1-based) and the problem, naming the key when there is one.
///
/// Foundation's `JSONDecoder` on Linux reports every syntax error, and a number that does not fit
/// its key's type (1.5 or -1 for an integer), as "The given data was not valid JSON." with no
/// position and no key (`FoundationJSONTests.testDecoderNamesNoPositionOrKeyForBadInput`).
/// `JSONSerialization` does name the character of a syntax error, so it is asked for the position.
public struct JSONReadProblem: Sendable {
    public let line: Int?
    public let column: Int?
    public let message: String
    /// True for a syntax error (the text is not JSON), false for a schema problem.
    public let isSyntax: Bool

    public init(_ error: Error, in data: Data) {
        if case DecodingError.dataCorrupted(let context) = error, context.codingPath.isEmpty {
            do {
                _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            } catch {
                let (line, column) = Self.position(of: error, in: data)
                self.init(line: line, column: column, message: "malformed JSON: \(Self.describe(error))", isSyntax: true)
                return
            }
            self.init(
                line: nil, column: nil, message: "a number does not fit its key (a fraction, a negative or too large number where a count belongs)",
                isSyntax: false)
            return
        }
        self.init(line: nil, column: nil, message: (error as? DecodingError)?.keyAndProblem ?? "\(error)", isSyntax: false)
    }

    private init(line: Int?, column: Int?, message: String, isSyntax: Bool) {
        self.line = line
        self.column = column
        self.message = message
        self.isSyntax = isSyntax
    }

    /// `JSONSerialization`'s reason, e.g. "Invalid value around character 10.", without its final period.
    private static func describe(_ error: Error) -> String {
        let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
        return text.hasSuffix(".") ? String(text.dropLast()) : text
    }

    /// Line and column of the 0-based character offset `JSONSerialization` names ("around character 10").
    private static func position(of error: Error, in data: Data) -> (Int?, Int?) {
        let text = describe(error)
        guard let range = text.range(of: "character "), let offset = Int(text[range.upperBound...].prefix { $0.isNumber }) else { return (nil, nil) }
        let prefix = data.prefix(offset)
        let line = prefix.filter { $0 == 0x0a }.count + 1
        let lineStart = prefix.lastIndex(of: 0x0a).map { $0 + 1 } ?? data.startIndex
        return (line, offset - (lineStart - data.startIndex) + 1)
    }
}

extension DecodingError {
    /// "key \"a.b\": problem": the problem, naming the key path when there is one.
    public var keyAndProblem: String {
        let (path, problem): ([CodingKey], String)
        switch self {
        case .keyNotFound(let key, let context): (path, problem) = (context.codingPath + [key], "is missing")
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            (path, problem) = (context.codingPath, context.debugDescription)
        @unknown default: return "\(self)"
        }
        guard !path.isEmpty else { return problem }
        let name = path.map { $0.intValue != nil ? "[\($0.intValue!)]" : "." + $0.stringValue }.joined().dropFirst(path[0].intValue == nil ? 1 : 0)
        return "key \"\(name)\" \(problem)"
    }
}
