/// Upper bound of how many bytes a regex can match, or nil when it is unbounded.
///
/// The scanner confirms a rule only in a window around each keyword hit; a bounded rule
/// (most provider tokens: `ghp_[0-9A-Za-z]{36}`) needs a window no wider than its longest
/// match on each side, which keeps confirmation work proportional to the hits.
/// The analysis is conservative: anything it does not understand counts as unbounded.
public enum RegexLength {
    public static func maxLength(_ pattern: String) -> Int? {
        var p = Analyzer(Array(pattern.utf8))
        guard let n = p.alternation(), p.i == p.b.count else { return nil }
        return n == Analyzer.unbounded ? nil : n
    }

    private struct Analyzer {
        static let unbounded = Int.max / 4
        let b: [UInt8]
        var i = 0
        init(_ b: [UInt8]) { self.b = b }

        var peek: UInt8? { i < b.count ? b[i] : nil }

        mutating func alternation() -> Int? {
            var best = 0
            while true {
                guard let n = sequence() else { return nil }
                best = max(best, n)
                if peek == UInt8(ascii: "|") { i += 1; continue }
                return best
            }
        }

        mutating func sequence() -> Int? {
            var total = 0
            while let c = peek, c != UInt8(ascii: "|"), c != UInt8(ascii: ")") {
                guard let atom = atom() else { return nil }
                guard let quantified = quantify(atom) else { return nil }
                total = min(Analyzer.unbounded, total + quantified)
            }
            return total
        }

        mutating func atom() -> Int? {
            let c = b[i]
            switch c {
            case UInt8(ascii: "^"), UInt8(ascii: "$"): i += 1; return 0
            case UInt8(ascii: "["): return charClass()
            case UInt8(ascii: "("): return group()
            case UInt8(ascii: "\\"): return escape()
            default: i += 1; return 1
            }
        }

        mutating func escape() -> Int? {
            i += 1
            guard let e = peek else { return nil }
            i += 1
            switch e {
            case UInt8(ascii: "b"), UInt8(ascii: "B"), UInt8(ascii: "A"), UInt8(ascii: "z"), UInt8(ascii: "Z"), UInt8(ascii: "G"): return 0
            case UInt8(ascii: "x"):
                if peek == UInt8(ascii: "{") { while let d = peek, d != UInt8(ascii: "}") { i += 1 }; i += 1 } else { i = min(b.count, i + 2) }
                return 1
            case UInt8(ascii: "p"), UInt8(ascii: "P"):
                if peek == UInt8(ascii: "{") { while let d = peek, d != UInt8(ascii: "}") { i += 1 }; i += 1 } else { i += 1 }
                return 4  // a Unicode property can match a multi-byte character
            case UInt8(ascii: "Q"):
                let start = i
                while i + 1 < b.count, !(b[i] == UInt8(ascii: "\\") && b[i + 1] == UInt8(ascii: "E")) { i += 1 }
                let n = i - start
                i = min(b.count, i + 2)
                return n
            default: return 1
            }
        }

        mutating func charClass() -> Int? {
            i += 1
            if peek == UInt8(ascii: "^") { i += 1 }
            if peek == UInt8(ascii: "]") { i += 1 }
            while let c = peek, c != UInt8(ascii: "]") {
                if c == UInt8(ascii: "\\") { i += 2; continue }
                if c == UInt8(ascii: "["), i + 1 < b.count, b[i + 1] == UInt8(ascii: ":") {
                    while i + 1 < b.count, !(b[i] == UInt8(ascii: ":") && b[i + 1] == UInt8(ascii: "]")) { i += 1 }
                    i += 2
                    continue
                }
                i += 1
            }
            guard peek == UInt8(ascii: "]") else { return nil }
            i += 1
            return 1
        }

        mutating func group() -> Int? {
            i += 1
            var zeroWidth = false
            if peek == UInt8(ascii: "?") {
                i += 1
                guard let k = peek else { return nil }
                switch k {
                case UInt8(ascii: ":"), UInt8(ascii: ">"): i += 1
                case UInt8(ascii: "="), UInt8(ascii: "!"): i += 1; zeroWidth = true
                case UInt8(ascii: "<") where i + 1 < b.count && (b[i + 1] == UInt8(ascii: "=") || b[i + 1] == UInt8(ascii: "!")):
                    i += 2; zeroWidth = true
                case UInt8(ascii: "P"), UInt8(ascii: "<"), UInt8(ascii: "'"):
                    // Named group: (?P<name>...), (?<name>...), (?'name'...).
                    if k == UInt8(ascii: "P") { i += 1 }
                    let close = peek == UInt8(ascii: "'") ? UInt8(ascii: "'") : UInt8(ascii: ">")
                    i += 1
                    while let d = peek, d != close { i += 1 }
                    i += 1
                default:
                    // Flags: (?i) applies to the rest and matches nothing; (?i:...) is a group.
                    while let d = peek, d != UInt8(ascii: ")"), d != UInt8(ascii: ":") { i += 1 }
                    if peek == UInt8(ascii: ")") { i += 1; return 0 }
                    i += 1
                }
            }
            guard let inner = alternation(), peek == UInt8(ascii: ")") else { return nil }
            i += 1
            return zeroWidth ? 0 : inner
        }

        mutating func quantify(_ n: Int) -> Int? {
            guard let c = peek else { return n }
            var result = n
            switch c {
            case UInt8(ascii: "*"), UInt8(ascii: "+"): i += 1; result = n == 0 ? 0 : Analyzer.unbounded
            case UInt8(ascii: "?"): i += 1
            case UInt8(ascii: "{"):
                var j = i + 1
                var lo = 0, hi: Int? = nil, digits = 0
                while j < b.count, b[j] >= 0x30, b[j] <= 0x39 { lo = lo * 10 + Int(b[j] - 0x30); j += 1; digits += 1 }
                if j < b.count, b[j] == UInt8(ascii: ",") {
                    j += 1
                    var h = 0, hd = 0
                    while j < b.count, b[j] >= 0x30, b[j] <= 0x39 { h = h * 10 + Int(b[j] - 0x30); j += 1; hd += 1 }
                    if hd > 0 { hi = h }
                } else { hi = lo }
                guard digits > 0, j < b.count, b[j] == UInt8(ascii: "}") else { return n }  // a literal '{'
                i = j + 1
                if let hi { result = n == Analyzer.unbounded ? n : min(Analyzer.unbounded, n * hi) } else { result = n == 0 ? 0 : Analyzer.unbounded }
            default: return n
            }
            if let q = peek, q == UInt8(ascii: "?") || q == UInt8(ascii: "+") { i += 1 }
            return result
        }
    }
}
