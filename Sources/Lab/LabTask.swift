import Foundation

/// A landscape-lab task: a network, data (or a population) with known bad minima, a start
/// generator and a success criterion. `--task` values:
/// - `relu-teacher:n,k` — Safran & Shamir (ICML 2018): k ReLU students learn n ReLU teachers
///   V = I_n, x ~ N(0, I_n), exact population loss; start W = randn(n, k)/sqrt(n); success F < 1e-3.
/// - `sign-teacher:n,k` — the same teacher's output thresholded at its median on a fixed sample,
///   polynomial hinge loss (p = 3); success: every training margin >= 0.99 (see `SampleNetworkObjective.marginTarget`).
/// - `yun-3point` — Yun, Sra & Jadbabaie (ICLR 2019, Thm 2) data, 2-2-1 ReLU network with biases,
///   squared loss; half the starts near the known local minimum of risk 1/3, half at random.
/// - `xor` / `xor:h` — a 2-h-1 ReLU network with biases (h = 2 by default) on the four XOR points.
/// - `circle-xor:K` / `circle-xor:K,H` — the multi-class task: 2K points on the unit circle, class
///   j mod K at angle pi j / K (antipodal points share a class; K = 2 is XOR), one-hot targets, a
///   2-H-K ReLU network with biases (H = 2K by default), risk 1/2 sum_t sum_k (f_k(x_t) - y_tk)^2,
///   whose global minimum 0 is attained (`SampleProblems.circleXorZeroRisk`); success: risk < 1e-3.
///   The neuron arm adds K neurons, one per output (`MultiOutputObjective`).
public enum LabTask: Sendable, Equatable {
    case reluTeacher(n: Int, k: Int)
    case signTeacher(n: Int, k: Int)
    case yunThreePoint
    case xor(hidden: Int)
    case circleXor(classes: Int, hidden: Int)

    /// The accepted forms, for error messages.
    public static let forms = "relu-teacher:N,K, sign-teacher:N,K, yun-3point, xor or xor:H, circle-xor:K or circle-xor:K,H (e.g. relu-teacher:6,6)"

    /// Parses a `--task` value; throws `LabError.badTask` naming the problem and the accepted forms.
    public init(parsing text: String) throws {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        let name = parts.first ?? ""
        func sizes(_ what: String) throws -> (Int, Int) {
            guard parts.count == 2 else { throw LabError.badTask(text, problem: "\(what) needs sizes N,K, e.g. \(what):6,6") }
            let numbers = parts[1].split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard numbers.count == 2, let n = numbers[0], let k = numbers[1] else {
                throw LabError.badTask(text, problem: "\(what) needs two whole numbers N,K after the colon, e.g. \(what):6,6")
            }
            guard (1...64).contains(n), (1...64).contains(k) else {
                throw LabError.badTask(text, problem: "N and K must be between 1 and 64, got \(n) and \(k)")
            }
            return (n, k)
        }
        switch name {
        case "relu-teacher":
            let (n, k) = try sizes(name)
            self = .reluTeacher(n: n, k: k)
        case "sign-teacher":
            let (n, k) = try sizes(name)
            self = .signTeacher(n: n, k: k)
        case "yun-3point":
            guard parts.count == 1 else { throw LabError.badTask(text, problem: "yun-3point takes no sizes") }
            self = .yunThreePoint
        case "xor":
            if parts.count == 1 { self = .xor(hidden: 2); return }
            guard let h = Int(parts[1]), (1...64).contains(h) else {
                throw LabError.badTask(text, problem: "xor:H needs a hidden width H between 1 and 64, e.g. xor:3")
            }
            self = .xor(hidden: h)
        case "circle-xor":
            guard parts.count == 2 else {
                throw LabError.badTask(
                    text, problem: "circle-xor needs the number of classes K (and optionally the hidden width H), e.g. circle-xor:3 or circle-xor:3,6")
            }
            let numbers = parts[1].split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard (1...2).contains(numbers.count), let classes = numbers[0], numbers.count == 1 || numbers[1] != nil else {
                throw LabError.badTask(text, problem: "circle-xor needs whole numbers K or K,H after the colon, e.g. circle-xor:3,6")
            }
            guard (2...16).contains(classes) else { throw LabError.badTask(text, problem: "K (classes) must be between 2 and 16, got \(classes)") }
            let smallest = SampleProblems.circleXorSmallestWidth(classes: classes)
            let hidden = numbers.count == 2 ? numbers[1]! : 2 * classes
            guard (smallest...64).contains(hidden) else {
                throw LabError.badTask(
                    text,
                    problem:
                        "H must be between \(smallest) and 64 for K = \(classes), got \(hidden) (below \(smallest) hidden units the global minimum of the risk is not known to be 0)"
                )
            }
            self = .circleXor(classes: classes, hidden: hidden)
        default:
            throw LabError.badTask(text, problem: "unknown task \"\(name)\"")
        }
    }

    /// The canonical name (what `lab_config.json` records and the start seeds hash).
    public var name: String {
        switch self {
        case .reluTeacher(let n, let k): return "relu-teacher:\(n),\(k)"
        case .signTeacher(let n, let k): return "sign-teacher:\(n),\(k)"
        case .yunThreePoint: return "yun-3point"
        case .xor(let h): return "xor:\(h)"
        case .circleXor(let k, let h): return "circle-xor:\(k),\(h)"
        }
    }

    /// The task's default step size (its protocol's).
    var defaultStep: Double {
        switch self {
        case .reluTeacher, .signTeacher: return 0.1
        case .yunThreePoint, .xor, .circleXor: return 0.1
        }
    }

    /// Output units of the task's network (and neurons of its neuron arm: one per output).
    public var outputs: Int {
        if case .circleXor(let classes, _) = self { return classes }
        return 1
    }

    /// Whether a step that raises the objective restarts the run with half the step. On for the
    /// smooth population loss of `relu-teacher` (where a rise means the step is too large and the
    /// neuron arm would otherwise lock into 2-cycles); off for the sample tasks, whose ReLU losses
    /// have kinks that a step can cross with a small rise however small the step, so the rule
    /// would only shrink the step.
    var restartsOnIncrease: Bool {
        if case .reluTeacher = self { return true }
        return false
    }

    /// What "success" means, for the report.
    var successCriterion: String {
        switch self {
        case .reluTeacher: return "the original network's population loss F(W) < 1e-3 at the stop (Safran & Shamir's rule: spurious iff F >= 1e-3)"
        case .signTeacher:
            return
                "every training margin y f(x) >= 0.99 for the original network (the theorem's margin 1, less 1%: gradient descent on the p = 3 hinge approaches margin 1 only like 1/t)"
        case .yunThreePoint: return "the original network's risk < 1e-3 (the known bad local minimum has risk 1/3)"
        case .xor: return "the original network's risk < 1e-3 (every XOR point fitted)"
        case .circleXor:
            return
                "the original network's risk 1/2 sum_t sum_k (f_k(x_t) - y_tk)^2 < 1e-3 at the stop (every output within 0.045 of its one-hot target, so every point classified correctly; the global minimum is 0); every other run is a failure: converged at a spurious critical point with risk >= 1e-3, out of steps with risk >= 1e-3, or diverged"
        }
    }
}
