/// The literal text every match of a regex starts with, one string per alternative.
///
/// When each alternative starts with one of the rule's keywords, a match can only start
/// where the keyword automaton already found a keyword, so the rule is tried *anchored*
/// at those offsets instead of scanning windows: one attempt per hit. Anything the
/// analysis does not understand (a class, a quantifier, `^`) yields nil: windowed mode.
public enum RegexPrefix {
    public static func literalAlternatives(_ pattern: String) -> [String]? {
        var p = Reader(Array(pattern.utf8))
        guard let result = p.alternatives() else { return nil }
        return result.contains(where: \.isEmpty) ? nil : result
    }

    /// `(?i)[\w.-]{0,N}?REST` → (`(?i)REST`, N). gitleaks writes its context rules this way so
    /// the match shows the whole variable name; the lazy prefix never changes what REST matches.
    public static func strippingIdentifierPrefix(_ pattern: String) -> (String, Int)? {
        var flags = ""
        var rest = Substring(pattern)
        if rest.hasPrefix("(?i)") { flags = "(?i)"; rest = rest.dropFirst(4) }
        for cls in ["[\\w.-]{0,", "[\\w.\\-]{0,", "[\\w\\-.]{0,"] where rest.hasPrefix(cls) {
            let afterClass = rest.dropFirst(cls.count)
            guard let close = afterClass.firstIndex(of: "}"), let n = Int(afterClass[..<close]) else { return nil }
            let tail = afterClass[afterClass.index(after: close)...]
            guard tail.hasPrefix("?") else { return nil }
            return (flags + tail.dropFirst(), n)
        }
        return nil
    }

    /// True when every match begins at one of `keywords` (lower-case; the automaton is case-insensitive).
    public static func isAnchoredOnKeywords(_ pattern: String, keywords: [String]) -> Bool {
        guard let prefixes = literalAlternatives(pattern), !keywords.isEmpty else { return false }
        return prefixes.allSatisfy { p in
            let lower = p.lowercased()
            return keywords.contains { !$0.isEmpty && lower.hasPrefix($0) }
        }
    }

    private struct Reader {
        let b: [UInt8]
        var i = 0
        init(_ b: [UInt8]) { self.b = b }
        var atEnd: Bool { i >= b.count }
        var peek: UInt8? { i < b.count ? b[i] : nil }

        /// Prefixes of the top-level alternatives from here to the closing ')' or the end.
        mutating func alternatives() -> [String]? {
            var out: [String] = []
            while true {
                guard let branch = branchPrefixes() else { return nil }
                out += branch
                skipToBranchEnd()
                if peek == UInt8(ascii: "|") { i += 1; continue }
                return out
            }
        }

        /// Skips the rest of the current branch (balanced), stopping at '|' or ')' of this level.
        mutating func skipToBranchEnd() {
            var depth = 0
            var inClass = false
            while let c = peek {
                if c == UInt8(ascii: "\\") { i += 2; continue }
                if inClass { if c == UInt8(ascii: "]") { inClass = false }; i += 1; continue }
                if c == UInt8(ascii: "[") { inClass = true; i += 1; if peek == UInt8(ascii: "]") { i += 1 }; continue }
                if c == UInt8(ascii: "(") { depth += 1 } else if c == UInt8(ascii: ")") {
                    if depth == 0 { return }
                    depth -= 1
                } else if c == UInt8(ascii: "|"), depth == 0 { return }
                i += 1
            }
        }

        /// The literal prefixes one branch can start with.
        mutating func branchPrefixes() -> [String]? {
            // Zero-width items that do not move the start: \b, inline flags.
            while true {
                if peek == UInt8(ascii: "\\"), i + 1 < b.count, b[i + 1] == UInt8(ascii: "b") { i += 2; continue }
                if peek == UInt8(ascii: "("), i + 2 < b.count, b[i + 1] == UInt8(ascii: "?") {
                    var j = i + 2
                    while j < b.count, isFlag(b[j]) { j += 1 }
                    if j < b.count, b[j] == UInt8(ascii: ")"), j > i + 2 { i = j + 1; continue }
                }
                break
            }
            guard let c = peek else { return nil }
            if c == UInt8(ascii: "(") {
                // A group: capturing, (?:...), (?i:...), (?P<n>...). Its prefixes are the branch's.
                i += 1
                if peek == UInt8(ascii: "?") {
                    i += 1
                    if peek == UInt8(ascii: "P") || peek == UInt8(ascii: "<") {
                        while let d = peek, d != UInt8(ascii: ">") { i += 1 }
                        i += 1
                    } else {
                        while let d = peek, isFlag(d) { i += 1 }
                        guard peek == UInt8(ascii: ":") else { return nil }  // lookaround or unknown
                        i += 1
                    }
                }
                guard let inner = alternatives(), peek == UInt8(ascii: ")") else { return nil }
                i += 1
                if let q = peek, q == UInt8(ascii: "?") || q == UInt8(ascii: "*") || q == UInt8(ascii: "{") { return nil }
                return inner
            }
            var literal: [UInt8] = []
            while let d = peek {
                var ch: UInt8
                var width = 1
                if d == UInt8(ascii: "\\") {
                    guard i + 1 < b.count else { break }
                    let e = b[i + 1]
                    // Only escaped punctuation is a literal; \d, \w, \s, \x.. end the prefix.
                    guard !isAlnum(e) else { break }
                    ch = e
                    width = 2
                } else if d == UInt8(ascii: "["), i + 3 < b.count, b[i + 3] == UInt8(ascii: "]"), b[i + 1] | 0x20 == b[i + 2] | 0x20,
                          b[i + 1] != b[i + 2], b[i + 1] | 0x20 >= 0x61, b[i + 1] | 0x20 <= 0x7A {
                    // [Aa]: one letter in either case; the automaton is case-insensitive anyway.
                    ch = b[i + 1] | 0x20
                    width = 4
                } else if d == UInt8(ascii: "("), let (optional, after) = optionalLiteralGroup(at: i) {
                    // passw(?:or)?d → "passwd" and "password": both spellings are prefixes.
                    var j = after
                    var tail: [UInt8] = []
                    while j < b.count, isAlnum(b[j]) || b[j] == UInt8(ascii: "_") || b[j] == UInt8(ascii: "-") {
                        if j + 1 < b.count, "*?{+".utf8.contains(b[j + 1]) { break }
                        tail.append(b[j]); j += 1
                    }
                    i = j
                    return [String(decoding: literal + tail, as: UTF8.self), String(decoding: literal + optional + tail, as: UTF8.self)]
                } else if "[]().|*+?{}^$".utf8.contains(d) {
                    break
                } else {
                    ch = d
                }
                // A quantified character is not guaranteed.
                if i + width < b.count, "*?{".utf8.contains(b[i + width]) { break }
                if i + width < b.count, b[i + width] == UInt8(ascii: "+") { literal.append(ch); break }
                literal.append(ch)
                i += width
            }
            return [String(decoding: literal, as: UTF8.self)]
        }

        /// `(?:abc)?` at `at`: its literal text and the index after it.
        func optionalLiteralGroup(at: Int) -> ([UInt8], Int)? {
            guard b[at...].starts(with: Array("(?:".utf8)) else { return nil }
            var j = at + 3
            var text: [UInt8] = []
            while j < b.count, isAlnum(b[j]) || b[j] == UInt8(ascii: "_") || b[j] == UInt8(ascii: "-") { text.append(b[j]); j += 1 }
            guard !text.isEmpty, j + 1 < b.count, b[j] == UInt8(ascii: ")"), b[j + 1] == UInt8(ascii: "?") else { return nil }
            return (text, j + 2)
        }

        func isFlag(_ c: UInt8) -> Bool { "imsxU-".utf8.contains(c) }
        func isAlnum(_ c: UInt8) -> Bool { isASCIIAlphanumeric(c) }
    }
}

/// ASCII letter or digit, for the regex readers.
func isASCIIAlphanumeric(_ c: UInt8) -> Bool { (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) }
