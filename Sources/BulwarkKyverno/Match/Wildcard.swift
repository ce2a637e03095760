/// Kyverno's wildcard matching: `*` matches any run of characters, `?` exactly one.
/// Everything else is literal. Iterative with backtracking on the last `*`, so it is
/// linear for the patterns policies use and never recurses on user input.
public enum Wildcard {
    public static func containsWildcard(_ s: String) -> Bool {
        for b in s.utf8 where b == UInt8(ascii: "*") || b == UInt8(ascii: "?") { return true }
        return false
    }

    public static func match(_ pattern: String, _ text: String) -> Bool {
        if pattern == "*" { return true }
        if !containsWildcard(pattern) { return pattern == text }
        // ASCII text and pattern: match bytes directly (`?` is one byte = one character).
        let p = Array(pattern.utf8), t = Array(text.utf8)
        if p.allSatisfy({ $0 < 0x80 }) && t.allSatisfy({ $0 < 0x80 }) {
            return match(p, t, star: UInt8(ascii: "*"), any: UInt8(ascii: "?"))
        }
        return match(Array(pattern.unicodeScalars), Array(text.unicodeScalars), star: "*", any: "?")
    }

    private static func match<C: Equatable>(_ p: [C], _ t: [C], star: C, any: C) -> Bool {
        var pi = 0, ti = 0
        var starP = -1, starT = 0
        while ti < t.count {
            if pi < p.count, p[pi] == any || (p[pi] != star && p[pi] == t[ti]) {
                pi += 1
                ti += 1
            } else if pi < p.count, p[pi] == star {
                starP = pi
                starT = ti
                pi += 1
            } else if starP >= 0 {
                pi = starP + 1
                starT += 1
                ti = starT
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == star { pi += 1 }
        return pi == p.count
    }
}
