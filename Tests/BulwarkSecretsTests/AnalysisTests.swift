import Foundation
@testable import BulwarkSecrets
import Testing

/// The regex analyses that size windows and decide anchoring: wrong answers here lose
/// secrets silently, so each is checked against PCRE2 itself on generated inputs.
@Suite struct AnalysisTests {
    @Test(arguments: [
        (#"ghp_[0-9A-Za-z]{36}"#, 40), (#"\b(ab|cde)\b"#, 3), (#"a{2,5}b?"#, 6), (#"(?i)x[a-z]+"#, nil),
        (#"[\]x]{3}"#, 3), (#"\Qa.b\E"#, 3), (#"(?:ab){2}(?=c)"#, 4), (#"a{,3}"#, 5), (#"x*"#, nil),
    ] as [(String, Int?)])
    func maxLength(pattern: String, expected: Int?) {
        #expect(RegexLength.maxLength(pattern) == expected)
    }

    @Test func maxLengthBoundsEveryMatch() throws {
        var rng = SplitMix64(seed: 11)
        let matcher = PCREMatcher()
        for rule in try SecretConfig.bundled().rules {
            guard let regex = rule.regex, let bound = rule.maxMatchLength else { continue }
            for (n, example) in rule.examples.enumerated() {
                let text = ExamplePlaceholders.expand(example, seed: rng.next() &+ UInt64(n))
                let bytes = Array(text.utf8)
                for m in bytes.withUnsafeBufferPointer({ matcher.matches(regex, in: $0, range: 0..<$0.count) }) {
                    #expect(m.range.count <= bound, "\(rule.id): a \(m.range.count)-byte match exceeds its bound \(bound)")
                }
            }
        }
    }

    @Test func literalPrefixes() {
        #expect(RegexPrefix.literalAlternatives(#"\b((?:AKIA|ASIA)[A-Z]{16})\b"#) == ["AKIA", "ASIA"])
        #expect(RegexPrefix.literalAlternatives(#"(?i:twilio)[\w.-]{0,20}"#) == ["twilio"])
        #expect(RegexPrefix.literalAlternatives(#"\b(sk\.eyJ[A-Z]+)|dp\.pt\.x"#) == ["sk.eyJ", "dp.pt.x"])
        #expect(RegexPrefix.literalAlternatives(#"ab?c"#) == ["a"])
        #expect(RegexPrefix.literalAlternatives(#"passw(?:or)?d[=]"#) == ["passwd", "password"])
        #expect(RegexPrefix.literalAlternatives(#"(?-i:[Aa]pi|API)x"#) == ["api", "API"])
        #expect(RegexPrefix.strippingIdentifierPrefix(#"(?i)[\w.-]{0,50}?(?:key)="#)?.1 == 50)
        #expect(RegexPrefix.literalAlternatives(#"[a-z]+x"#) == nil)
        #expect(RegexPrefix.literalAlternatives(#"(?:ab)?c"#) == nil)
        #expect(RegexPrefix.isAnchoredOnKeywords(#"(?i)(?:api|apikey)x"#, keywords: ["api"]))
        #expect(!RegexPrefix.isAnchoredOnKeywords(#"(?:db_pass)x"#, keywords: ["_pass"]))
    }

    /// Anchored and windowed evaluation must find the same secrets for every default rule.
    @Test func anchoredModeAgreesWithWindowedMode() throws {
        let config = try SecretConfig.bundled()
        var windowed = config
        for i in windowed.rules.indices { windowed.rules[i].anchoredRegex = nil }
        let a = SecretEngine(config: config), w = SecretEngine(config: windowed)
        let matcher = PCREMatcher()
        var text = ""
        for (r, rule) in config.rules.enumerated() where rule.examplePath == nil {
            for (n, ex) in rule.examples.enumerated() { text += "x \(ExamplePlaceholders.expand(ex, seed: UInt64(r * 7 + n))) y\n" }
        }
        let bytes = Array(text.utf8)
        let ha = bytes.withUnsafeBufferPointer { a.scan($0, path: "f.py", matcher: matcher) }
        let hw = bytes.withUnsafeBufferPointer { w.scan($0, path: "f.py", matcher: matcher) }
        #expect(ha.count > 150)
        #expect(ha.map { "\($0.ruleID)@\($0.secretRange)" } == hw.map { "\($0.ruleID)@\($0.secretRange)" })
    }

    @Test func assignmentShapeIsANecessaryCondition() throws {
        let pattern = #"(?i)(?:api|key)[\w.-]{0,10}?[ \t'"]{0,2}(?:=|:)[ ]{0,3}([a-z0-9]{8,})"#
        let shape = try #require(AssignmentShape.derive(pattern))
        let regex = try PCRERegex(pattern, anchored: true)
        let matcher = PCREMatcher()
        var rng = SplitMix64(seed: 5)
        let alphabet = Array("apikey_.-: ='\"\tx0123456789abc\n".utf8)
        for _ in 0..<20_000 {
            let len = Int(rng.next() % 40) + 3
            var bytes = Array("key".utf8)
            for _ in 0..<len { bytes.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
            bytes.withUnsafeBufferPointer { b in
                let matched = matcher.matchAnchored(regex, in: b, at: 0, end: b.count) != nil
                if matched { #expect(shape.mayMatch(b, keywordEnd: 3), "pre-check rejected a match: \(String(decoding: bytes, as: UTF8.self))") }
            }
        }
    }

    @Test func automatonFindsWhatNaiveSearchFinds() {
        var rng = SplitMix64(seed: 9)
        let keywords = ["ab", "b", "abc", "bca", "cab", "aaaa", "x_y", "Q."]
        let automaton = KeywordAutomaton(keywords: keywords)
        let alphabet = Array("abcABCxy_q.Q".utf8)
        for size in [0, 1, 5, 100, 4095, 4096, 5000, 20_000] {
            var bytes: [UInt8] = []
            for _ in 0..<size { bytes.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
            var hits: [(keyword: Int32, end: Int32)] = []
            bytes.withUnsafeBufferPointer { automaton.collect($0, into: &hits) }
            var expected: [(Int, Int)] = []
            let lower = bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
            for end in 1...max(1, bytes.count) where end <= bytes.count {
                for (k, word) in automaton.keywords.enumerated() where end >= word.count && Array(lower[(end - word.count)..<end]) == word {
                    expected.append((k, end))
                }
            }
            let got = hits.map { (Int($0.keyword), Int($0.end)) }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            #expect(got.map(\.0) == expected.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.0), "size \(size)")
            #expect(got.map(\.1) == expected.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.1), "size \(size)")
        }
    }

    @Test func vectorscanAgreesWithTheAutomaton() throws {
        let automaton = KeywordAutomaton(keywords: ["ab", "b", "abc", "bca", "cab", "aaaa", "x_y", "Q.", "key", "token"])
        let literals = try #require(LiteralScanner(keywords: automaton.keywords))
        var rng = SplitMix64(seed: 13)
        let alphabet = Array("abcABCxy_q.QkeyTOKEN ".utf8)
        let scratch = LiteralScanner.Scratch()
        for size in [0, 1, 7, 100, 5000, 70_000] {
            var bytes: [UInt8] = []
            for _ in 0..<size { bytes.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
            var a: [(keyword: Int32, end: Int32)] = [], v: [(keyword: Int32, end: Int32)] = []
            bytes.withUnsafeBufferPointer { automaton.collect($0, into: &a) }
            let ok = bytes.withUnsafeBufferPointer { literals.collect($0, scratch: scratch, into: &v) }
            #expect(ok)
            let key: ((keyword: Int32, end: Int32)) -> String = { "\($0.end):\($0.keyword)" }
            #expect(a.map(key).sorted() == v.map(key).sorted(), "size \(size)")
        }
    }

    @Test func fastEntropyEqualsTheTextbookFormula() {
        var rng = SplitMix64(seed: 77)
        let alphabets: [[UInt8]] = [Array("ab".utf8), Array("0123456789abcdef".utf8), (33...126).map { UInt8($0) }, (0...255).map { UInt8($0) }]
        for length in [1, 2, 7, 8, 16, 20, 40, 64, 511, 512, 700, 4096] {
            for alphabet in alphabets {
                let bytes = (0..<length).map { _ in alphabet.randomElement(using: &rng)! }
                let fast = bytes.withUnsafeBufferPointer { Entropy.shannon($0) }
                // The textbook form, −Σ p·log2(p).
                let counts = Dictionary(bytes.map { ($0, 1) }, uniquingKeysWith: +)
                let reference = counts.values.reduce(0.0) { h, c in
                    let p = Double(c) / Double(length)
                    return h - p * log2(p)
                }
                #expect(abs(fast - reference) < 1e-12, "length \(length): \(fast) vs \(reference)")
            }
        }
        #expect(Entropy.shannon("aaaa") == 0 && Entropy.shannon("") == 0)
        #expect(Entropy.shannon("abcdefgh") == 3, "eight distinct bytes are exactly three bits")
    }
}
