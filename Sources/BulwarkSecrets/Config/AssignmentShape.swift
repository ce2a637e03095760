/// A cheap necessary condition for "keyword, name characters, then an operator" rules.
///
/// Generic and context rules (`api_key = "…"`, `TWILIO_AUTH_TOKEN: …`) start at a keyword
/// and continue `[\w.-]{0,N}? [ \t'"]{0,M} (?:=|:|=>|…)`. In source code the keywords
/// (key, token, secret) occur far more often than assignments to them, and a regex attempt
/// per occurrence dominated scan time. Because the operator's first bytes are outside the
/// classes before it, a walk over those classes from the keyword's end must stop exactly on
/// an operator byte within N+M bytes (plus slack for longer keyword alternatives); when it
/// does not, the regex cannot match there. Derived from the regex; nil when the shape differs.
public final class AssignmentShape: @unchecked Sendable {
    /// Per byte: 1 when it may sit between the keyword and the operator, 2 when an operator starts with it.
    /// Immutable after init; a raw table because this runs once per keyword hit.
    private let table: UnsafeMutablePointer<UInt8>
    /// How far past the keyword's end the operator may start.
    let reach: Int

    init(gap: [Bool], operatorStart: [Bool], reach: Int) {
        table = .allocate(capacity: 256)
        for k in 0..<256 { table[k] = (gap[k] ? 1 : 0) | (operatorStart[k] ? 2 : 0) }
        self.reach = reach
    }

    deinit { table.deallocate() }

    /// Whether an anchored match starting at a keyword ending at `keywordEnd` is still possible.
    @inline(__always)
    func mayMatch(_ bytes: UnsafeBufferPointer<UInt8>, keywordEnd: Int) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var q = keywordEnd
        let limit = min(bytes.count, keywordEnd + reach + 1)
        while q < limit, table[Int(base[q])] & 1 != 0 { q += 1 }
        return q < limit && table[Int(base[q])] & 2 != 0
    }

    public static func derive(_ pattern: String) -> AssignmentShape? {
        var p = ShapeReader(Array(pattern.utf8))
        return p.read()
    }
}

private struct ShapeReader {
    let b: [UInt8]
    var i = 0
    init(_ b: [UInt8]) { self.b = b }
    var peek: UInt8? { i < b.count ? b[i] : nil }

    mutating func read() -> AssignmentShape? {
        // Leading flags and \b, then one group of literal keyword alternatives.
        while true {
            if b[i...].starts(with: Array("(?i)".utf8)) { i += 4; continue }
            if b[i...].starts(with: Array("\\b".utf8)) { i += 2; continue }
            break
        }
        guard peek == UInt8(ascii: "("), i + 1 < b.count, b[i + 1] == UInt8(ascii: "?") else { return nil }
        i += 2
        while let c = peek, c != UInt8(ascii: ":") { guard "imsx-".utf8.contains(c) else { return nil }; i += 1 }
        i += 1
        var longestAlternative = 0, current = 0
        while let c = peek, c != UInt8(ascii: ")") {
            if c == UInt8(ascii: "|") { current = 0 } else if isPlainLiteral(c) { current += 1; longestAlternative = max(longestAlternative, current) } else { return nil }
            i += 1
        }
        guard peek == UInt8(ascii: ")") else { return nil }
        i += 1
        // Then one or more bounded classes: [set]{0,N} or [set]{0,N}?
        var gap = [Bool](repeating: false, count: 256)
        var reach = 0
        var classes = 0
        while true {
            // A class, or a class wrapped in (?: ) as gitleaks writes it: (?:[ \t\w.-]{0,20})
            var wrapped = false
            if b[i...].starts(with: Array("(?:[".utf8)) { wrapped = true; i += 3 }
            guard peek == UInt8(ascii: "[") else { break }
            guard let set = charClass(), let n = zeroToN() else { return nil }
            if wrapped {
                guard peek == UInt8(ascii: ")") else { return nil }
                i += 1
            }
            for k in 0..<256 where set[k] { gap[k] = true }
            reach += n
            classes += 1
        }
        guard classes > 0 else { return nil }
        // Then a non-capturing group of operator alternatives, each starting with a literal byte.
        guard b[i...].starts(with: Array("(?:".utf8)) else { return nil }
        i += 3
        var starts = [Bool](repeating: false, count: 256)
        var atStart = true
        var depth = 0
        while let c = peek {
            if depth == 0 && c == UInt8(ascii: ")") { break }
            if atStart {
                var lit = c
                if c == UInt8(ascii: "\\") {
                    guard i + 1 < b.count, !isAlnum(b[i + 1]) else { return nil }
                    lit = b[i + 1]
                    i += 1
                } else if "([.^$".utf8.contains(c) { return nil }
                starts[Int(lit)] = true
                atStart = false
            } else if c == UInt8(ascii: "\\") {
                i += 1
            } else if c == UInt8(ascii: "(") { depth += 1 } else if c == UInt8(ascii: ")") { depth -= 1 } else if c == UInt8(ascii: "|"), depth == 0 {
                atStart = true
            }
            i += 1
        }
        guard peek == UInt8(ascii: ")") else { return nil }
        // Sound only when no operator byte can also be a gap byte.
        for k in 0..<256 where starts[k] && gap[k] { return nil }
        // Slack: a longer keyword alternative than the one the automaton reported.
        return AssignmentShape(gap: gap, operatorStart: starts, reach: reach + longestAlternative)
    }

    func isPlainLiteral(_ c: UInt8) -> Bool { isAlnum(c) || c == UInt8(ascii: "_") || c == UInt8(ascii: "-") }
    func isAlnum(_ c: UInt8) -> Bool { isASCIIAlphanumeric(c) }

    /// `{0,N}` optionally followed by `?`; N.
    mutating func zeroToN() -> Int? {
        guard b[i...].starts(with: Array("{0,".utf8)) else { return nil }
        i += 3
        var n = 0, digits = 0
        while let c = peek, c >= 0x30, c <= 0x39 { n = n * 10 + Int(c - 0x30); i += 1; digits += 1 }
        guard digits > 0, peek == UInt8(ascii: "}") else { return nil }
        i += 1
        if peek == UInt8(ascii: "?") { i += 1 }
        return n
    }

    /// A simple character class: literals, ranges, \w \d \s \t \xHH and escaped punctuation.
    mutating func charClass() -> [Bool]? {
        i += 1
        guard peek != UInt8(ascii: "^") else { return nil }
        var set = [Bool](repeating: false, count: 256)
        var prev: UInt8?
        while let c = peek, c != UInt8(ascii: "]") {
            var single: UInt8?
            if c == UInt8(ascii: "\\") {
                guard i + 1 < b.count else { return nil }
                let e = b[i + 1]
                i += 2
                switch e {
                case UInt8(ascii: "w"): for k in 0..<256 where isAlnum(UInt8(k)) || k == 0x5F { set[k] = true }
                case UInt8(ascii: "d"): for k in 0x30...0x39 { set[k] = true }
                case UInt8(ascii: "s"): for k in [0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D] { set[k] = true }
                case UInt8(ascii: "t"): single = 0x09
                case UInt8(ascii: "n"): single = 0x0A
                case UInt8(ascii: "r"): single = 0x0D
                case UInt8(ascii: "x"):
                    guard i + 2 <= b.count, let v = UInt8(String(decoding: b[i..<(i + 2)], as: UTF8.self), radix: 16) else { return nil }
                    single = v
                    i += 2
                default:
                    guard !isAlnum(e) else { return nil }
                    single = e
                }
                prev = single
                if let s = single { set[Int(s)] = true }
                continue
            }
            if c == UInt8(ascii: "-"), let lo = prev, i + 1 < b.count, b[i + 1] != UInt8(ascii: "]") {
                let hi = b[i + 1]
                guard hi >= lo else { return nil }
                for k in lo...hi { set[Int(k)] = true }
                i += 2
                prev = nil
                continue
            }
            set[Int(c)] = true
            prev = c
            i += 1
        }
        guard peek == UInt8(ascii: "]") else { return nil }
        i += 1
        return set
    }
}
