/// The operator prefix of a string pattern (`>=`, `<=`, `>`, `<`, `!`), or a range
/// `a-b` / `a!-b`, as Kyverno's `GetOperatorFromStringPattern` reads it.
enum PatternOperator: Equatable {
    case equal, notEqual, more, moreEqual, less, lessEqual
    case inRange(String, String)
    case notInRange(String, String)

    var prefixLength: Int {
        switch self {
        case .equal, .inRange, .notInRange: return 0
        case .notEqual, .more, .less: return 1
        case .moreEqual, .lessEqual: return 2
        }
    }

    static func of(_ pattern: String) -> PatternOperator {
        guard pattern.unicodeScalars.count >= 2 else { return .equal }
        if pattern.hasPrefix(">=") { return .moreEqual }
        if pattern.hasPrefix("<=") { return .lessEqual }
        if pattern.hasPrefix(">") { return .more }
        if pattern.hasPrefix("<") { return .less }
        if pattern.hasPrefix("!") { return .notEqual }
        if let (a, b) = splitRange(pattern, separator: "!-") { return .notInRange(a, b) }
        if let (a, b) = splitRange(pattern, separator: "-") { return .inRange(a, b) }
        return .equal
    }

    /// `^(\d+(\.\d+)?)([^-]*)SEP(\d+(\.\d+)?)([^-]*)$`
    private static func splitRange(_ s: String, separator: String) -> (String, String)? {
        guard let r = s.range(of: separator) else { return nil }
        let left = String(s[s.startIndex..<r.lowerBound])
        let right = String(s[r.upperBound...])
        func valid(_ side: String) -> Bool {
            guard !side.contains("-") else { return false }
            let u = Array(side.utf8)
            var i = 0
            while i < u.count, u[i] >= 48 && u[i] <= 57 { i += 1 }
            guard i > 0 else { return false }
            if i < u.count, u[i] == UInt8(ascii: ".") {
                var j = i + 1
                while j < u.count, u[j] >= 48 && u[j] <= 57 { j += 1 }
                if j > i + 1 { i = j }
            }
            return true
        }
        if separator == "-", left.hasSuffix("!") { return nil }
        guard valid(left), valid(right) else { return nil }
        return (left, right)
    }
}
