import BulwarkCore
import BulwarkJMESPath

/// Version ranges as Kyverno's `semver_compare` reads them (blang/semver syntax):
/// space-separated comparators are ANDed, `||` ORs groups, `x` wildcards allowed.
enum SemverRange {
    static func satisfies(_ v: SemanticVersion, _ range: String) throws -> Bool {
        for group in range.components(separatedBy: "||") {
            let comparators = group.split(separator: " ").map(String.init).filter { !$0.isEmpty }
            guard !comparators.isEmpty else { continue }
            var ok = true
            for c in comparators where !(try check(v, c)) { ok = false; break }
            if ok { return true }
        }
        return false
    }

    private static func check(_ v: SemanticVersion, _ comparator: String) throws -> Bool {
        var op = ""
        var rest = Substring(comparator)
        for candidate in [">=", "<=", "!=", "==", ">", "<", "=", "!"] where rest.hasPrefix(candidate) {
            op = candidate
            rest = rest.dropFirst(candidate.count)
            break
        }
        let parts = rest.split(separator: ".").map(String.init)
        if parts.contains(where: { $0 == "x" || $0 == "X" || $0 == "*" }) {
            // Wildcard: 1.x matches 1.*.*
            let nums = [v.major, v.minor, v.patch]
            for (i, p) in parts.enumerated() where i < 3 {
                if p == "x" || p == "X" || p == "*" { break }
                guard let n = Int(p) else { throw KyvernoFunctions.fail("semver_compare", "invalid range '\(comparator)'") }
                if nums[i] != n { return op == "!" || op == "!=" }
            }
            return !(op == "!" || op == "!=")
        }
        guard let target = SemanticVersion(String(rest)) else {
            throw KyvernoFunctions.fail("semver_compare", "invalid range '\(comparator)'")
        }
        let c = v.compare(target)
        switch op {
        case "", "=", "==": return c == 0
        case "!", "!=": return c != 0
        case ">": return c > 0
        case ">=": return c >= 0
        case "<": return c < 0
        case "<=": return c <= 0
        default: return false
        }
    }
}
