/// A problem with a lab option or a lab folder, with what to do about it.
enum LabError: Error, CustomStringConvertible, Equatable {
    case badTask(String, String)
    case badOption(String, String)
    case mismatchedFolder(String, String)

    var description: String {
        switch self {
        case .badTask(let text, let problem):
            return "--task \"\(text)\": \(problem). Accepted: \(LabTask.forms)"
        case .badOption(let option, let problem):
            return "\(option): \(problem)"
        case .mismatchedFolder(let folder, let problem):
            return "\(folder): \(problem)"
        }
    }
}
