import Diagnostics
/// The validated header of a `.npy` file: `{'descr': ..., 'fortran_order': ..., 'shape': (...)}`.
struct NPYHeader {
    let type: NPYElementType
    let shape: [Int]
    /// `shape.product`, checked for overflow.
    let count: Int

    /// Parses and validates header bytes that start at byte `headerStart` of `source`.
    static func parse(_ bytes: [UInt8], utf8: Bool, headerStart: Int, source: String) throws -> NPYHeader {
        func malformed(_ location: FileLocation, _ problem: String) -> FileError {
            FileError(
                .malformedHeader, file: source, at: location, problem: problem,
                fix: "re-save the array with np.save(path, x); the header must be a dict with 'descr', 'fortran_order' and 'shape'")
        }
        // Versions 1.0 and 2.0 are latin-1; 3.0 is UTF-8. Only ASCII matters for valid headers.
        if !utf8, let offset = bytes.firstIndex(where: { $0 >= 0x80 }) {
            throw malformed(.byte(headerStart + offset), "non-ASCII byte \(bytes[offset]) in a version 1/2 header")
        }
        let literal: PythonLiteral
        do {
            literal = try PythonLiteralParser.parse(bytes)
        } catch let error as PythonLiteralSyntaxError {
            throw malformed(.described("header byte \(headerStart + error.offset)"), error.message)
        }
        guard case .dict(let pairs) = literal else {
            throw malformed(.described("header at byte \(headerStart)"), "header is \(literal.pythonText.prefix(60)), not a dictionary")
        }
        var fields: [String: PythonLiteral] = [:]
        for (key, value) in pairs {
            guard case .string(let name) = key else {
                throw malformed(.described("header at byte \(headerStart)"), "header key \(key.pythonText) is not a string")
            }
            guard ["descr", "fortran_order", "shape"].contains(name) else {
                throw malformed(.headerField(name), "unexpected header field '\(name)'")
            }
            fields[name] = value
        }
        for name in ["descr", "fortran_order", "shape"] where fields[name] == nil {
            throw malformed(.headerField(name), "header field '\(name)' is missing")
        }

        let shape = try parseShape(fields["shape"]!, malformed: malformed)
        var count = 1
        for size in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: size)
            guard !overflow else { throw malformed(.headerField("shape"), "shape \(shape) has more elements than fit in memory") }
            count = product
        }

        guard case .boolean(let fortranOrder) = fields["fortran_order"]! else {
            throw malformed(.headerField("fortran_order"), "'fortran_order' is \(fields["fortran_order"]!.pythonText), not True or False")
        }
        // With at most one axis longer than 1, Fortran and C order lay out the same bytes.
        if fortranOrder && shape.filter({ $0 > 1 }).count > 1 {
            throw FileError(
                .fortranOrder, file: source, at: .headerField("fortran_order"),
                problem: "array of shape \(shape) is stored in Fortran (column-major) order; only C order is read",
                fix: "re-save with np.save(path, np.ascontiguousarray(x))")
        }

        let type: NPYElementType
        switch fields["descr"]! {
        case .string(let descr):
            switch NPYElementType.interpret(descr) {
            case .supported(let t): type = t
            case .unsupported(let problem, let fix):
                throw FileError(.unsupportedDType, file: source, at: .headerField("descr"), problem: problem, fix: fix)
            }
        case let other:
            throw FileError(
                .unsupportedDType, file: source, at: .headerField("descr"),
                problem: "dtype \(other.pythonText.prefix(80)) is a structured (record) dtype",
                fix: "save each field as its own array, e.g. np.savez(path, a=x['a'].astype('<f4'), ...)")
        }
        return NPYHeader(type: type, shape: shape, count: count)
    }

    private static func parseShape(_ value: PythonLiteral, malformed: (FileLocation, String) -> FileError) throws -> [Int] {
        let items: [PythonLiteral]
        switch value {
        case .tuple(let t): items = t
        case .list(let l): items = l
        case .integer: items = [value]
        default: throw malformed(.headerField("shape"), "'shape' is \(value.pythonText.prefix(60)), not a tuple of integers")
        }
        return try items.map { item in
            guard case .integer(let size) = item, size >= 0 else {
                throw malformed(.headerField("shape"), "'shape' holds \(item.pythonText), not a non-negative integer")
            }
            return size
        }
    }
}
