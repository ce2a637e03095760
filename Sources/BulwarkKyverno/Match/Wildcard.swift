/// Kyverno's wildcard matching: `*` matches any run of characters, `?` exactly one.
/// Everything else is literal. Iterative with backtracking on the last `*`, so it is
/// linear for the patterns policies use and never recurses on user input.
public enum Wildcard {
    public static func containsWildcard(_ s: String) -> Bool {
        s.utf8.contains(UInt8(ascii: "*")) || s.utf8.contains(UInt8(ascii: "?"))
    }

    public static func match(_ pattern: String, _ text: String) -> Bool {
        if pattern == "*" { return true }
        if !containsWildcard(pattern) { return pattern == text }
        let p = Array(pattern.unicodeScalars)
        let t = Array(text.unicodeScalars)
        var pi = 0, ti = 0
        var starP = -1, starT = 0
        while ti < t.count {
            if pi < p.count, p[pi] == "?" || (p[pi] != "*" && p[pi] == t[ti]) {
                pi += 1
                ti += 1
            } else if pi < p.count, p[pi] == "*" {
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
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
