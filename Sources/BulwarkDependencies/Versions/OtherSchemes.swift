import Foundation

/// RubyGems (Gem::Version): segments split at dots and at letter/digit boundaries; a
/// segment with letters makes the version a pre-release (`1.0.a` < `1.0`); numbers
/// compare numerically, strings below numbers, trailing zero segments ignored.
public enum RubyGemsVersion {
    static func segments(_ v: String) -> [Any]? {
        let s = v.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "-", with: ".pre.")
        guard !s.isEmpty, s.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == ".") }) else { return nil }
        var out: [Any] = []
        for part in s.split(separator: ".") {
            var current = ""
            var isNum: Bool?
            func flush(_ numeric: Bool) -> Bool {
                if numeric {
                    guard let n = Int(current) else { return false }  // beyond Int: not a version we can order
                    out.append(n)
                } else {
                    out.append(current)
                }
                current = ""
                return true
            }
            for c in part {
                let n = c.isNumber
                if let k = isNum, k != n { guard flush(k) else { return nil } }
                current.append(c)
                isNum = n
            }
            if let k = isNum { guard flush(k) else { return nil } }
        }
        // Trailing zeros are insignificant (1.0 == 1), but only after the last string segment.
        while let last = out.last as? Int, last == 0, out.count > 1 { out.removeLast() }
        return out
    }

    public static func compare(_ a: String, _ b: String) -> Int? {
        guard var x = segments(a), var y = segments(b) else { return nil }
        let n = max(x.count, y.count)
        while x.count < n { x.append(0) }
        while y.count < n { y.append(0) }
        for i in 0..<n {
            switch (x[i], y[i]) {
            case let (p as Int, q as Int): if p != q { return sign(p - q) }
            case let (p as String, q as String): if p != q { return p < q ? -1 : 1 }
            case (is String, is Int): return -1
            case (is Int, is String): return 1
            default: return nil
            }
        }
        return 0
    }
}

/// Maven's ComparableVersion: items split at `.`, `-` and digit/letter changes; numbers
/// compare numerically; qualifiers order alpha < beta < milestone < rc = cr < snapshot
/// < "" = ga = final = release < sp, unknown qualifiers after those, alphabetically;
/// trailing zeros and empty qualifiers are ignored.
public enum MavenVersion {
    static let known: [String: Int] = ["alpha": 0, "a": 0, "beta": 1, "b": 1, "milestone": 2, "m": 2, "rc": 3, "cr": 3,
                                       "snapshot": 4, "": 5, "ga": 5, "final": 5, "release": 5, "sp": 6]

    enum Item { case number(Int), qualifier(String) }

    static func items(_ v: String) -> [Item] {
        var out: [Item] = []
        var current = ""
        var isNum: Bool?
        func flush() {
            guard let k = isNum else { return }
            out.append(k ? .number(Int(current) ?? Int.max) : .qualifier(current.lowercased()))
            current = ""
            isNum = nil
        }
        for c in v.trimmingCharacters(in: .whitespaces) {
            if c == "." || c == "-" || c == "_" { flush(); continue }
            let n = c.isASCII && c.isNumber
            if let k = isNum, k != n {
                // "1.0alpha1": letters after digits start a qualifier, digits after letters a number.
                flush()
            }
            current.append(c)
            isNum = n
        }
        flush()
        // Normalise: drop trailing zeros and release qualifiers.
        while let last = out.last {
            switch last {
            case .number(0): out.removeLast()
            case .qualifier(let q) where known[q] == 5: out.removeLast()
            default: return out
            }
        }
        return out
    }

    static func rank(_ q: String) -> (Int, String) { known[q].map { ($0, "") } ?? (7, q) }

    static func cmp(_ x: Item?, _ y: Item?) -> Int {
        switch (x, y) {
        case let (.number(a)?, .number(b)?): return sign(a - b)
        case (.number?, .qualifier?): return 1
        case (.qualifier?, .number?): return -1
        case let (.qualifier(a)?, .qualifier(b)?):
            let ra = rank(a), rb = rank(b)
            return ra.0 != rb.0 ? sign(ra.0 - rb.0) : (ra.1 == rb.1 ? 0 : (ra.1 < rb.1 ? -1 : 1))
        case (.number(let a)?, nil): return a == 0 ? 0 : 1
        case (nil, .number(let b)?): return b == 0 ? 0 : -1
        case (.qualifier(let a)?, nil): return sign(rank(a).0 - 5)
        case (nil, .qualifier(let b)?): return sign(5 - rank(b).0)
        case (nil, nil): return 0
        }
    }

    public static func compare(_ a: String, _ b: String) -> Int? {
        guard !a.isEmpty, !b.isEmpty else { return nil }
        let x = items(a), y = items(b)
        for i in 0..<max(x.count, y.count) {
            let c = cmp(i < x.count ? x[i] : nil, i < y.count ? y[i] : nil)
            if c != 0 { return c }
        }
        return 0
    }
}

/// Composer's ordering for Packagist: `v` prefix dropped, numeric segments (up to four), then
/// stability dev < alpha (a) < beta (b) < RC < stable < patch (pl, p), each with its number.
public enum PackagistVersion {
    static func parse(_ v: String) -> ([Int], Int, Int)? {
        var s = v.lowercased().trimmingCharacters(in: .whitespaces)
        if s.hasPrefix("v") { s.removeFirst() }
        if s.hasPrefix("dev-") { return nil }
        let stabilities: [(String, Int)] = [("dev", 0), ("alpha", 1), ("a", 1), ("beta", 2), ("b", 2), ("rc", 3), ("patch", 5), ("pl", 5), ("p", 5)]
        var stability = 4, number = 0
        var core = s
        if let r = s.range(of: "[-._]?(dev|alpha|beta|rc|patch|pl|a|b|p)[.-]?([0-9]*)$", options: .regularExpression) {
            let tail = s[r].trimmingCharacters(in: CharacterSet(charactersIn: "-._"))
            for (name, rank) in stabilities where tail.hasPrefix(name) {
                stability = rank
                number = Int(tail.dropFirst(name.count).trimmingCharacters(in: CharacterSet(charactersIn: ".-"))) ?? 0
                break
            }
            core = String(s[..<r.lowerBound])
        }
        let parts = core.split(separator: ".")
        guard (1...4).contains(parts.count) else { return nil }
        var nums: [Int] = []
        for p in parts { guard let n = Int(p) else { return nil }; nums.append(n) }
        while nums.count < 4 { nums.append(0) }
        return (nums, stability, number)
    }

    public static func compare(_ a: String, _ b: String) -> Int? {
        guard let x = parse(a), let y = parse(b) else { return nil }
        for i in 0..<4 where x.0[i] != y.0[i] { return sign(x.0[i] - y.0[i]) }
        if x.1 != y.1 { return sign(x.1 - y.1) }
        return sign(x.2 - y.2)
    }
}
