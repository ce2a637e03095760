import BulwarkCore

/// A problem found while loading a policy: an error makes the policy unusable, a
/// warning (e.g. an unknown field Kyverno would ignore) does not.
public struct PolicyIssue: Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }
    public var severity: Severity
    public var message: String
    public var location: SourceSpan

    public var description: String { "\(location): \(severity.rawValue): \(message)" }
}

/// Walks a policy document, reporting each problem at the position of the node that
/// caused it.
struct PolicyReader {
    let document: Document
    var issues: [PolicyIssue] = []

    init(_ document: Document) { self.document = document }

    mutating func error(_ message: String, at path: [PathComponent]) {
        issues.append(PolicyIssue(severity: .error, message: message, location: document.span(at: path)))
    }

    mutating func warning(_ message: String, at path: [PathComponent]) {
        issues.append(PolicyIssue(severity: .warning, message: message, location: document.span(at: path)))
    }

    /// Reports keys of the object at `path` that are not in `known`.
    mutating func checkKeys(_ value: Value?, _ known: Set<String>, at path: [PathComponent], what: String) {
        guard case .object(let o)? = value else { return }
        for k in o.keys where !known.contains(k) {
            let suggestion = known.min(by: { editDistance($0, k) < editDistance($1, k) })
            let hint = suggestion.map { editDistance($0, k) <= 2 ? " (did you mean '\($0)'?)" : "" } ?? ""
            warning("unknown field '\(k)' in \(what)\(hint)", at: path + [.key(k)])
        }
    }

    func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.lowercased()), y = Array(b.lowercased())
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var prev = Array(0...y.count)
        for i in 1...x.count {
            var cur = [i] + Array(repeating: 0, count: y.count)
            for j in 1...y.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            prev = cur
        }
        return prev[y.count]
    }
}
