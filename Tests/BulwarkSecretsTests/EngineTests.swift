import BulwarkCore
@testable import BulwarkSecrets
import Foundation
import Testing

/// The engine's gitleaks semantics, one behaviour per test.
@Suite struct EngineTests {
    func engine(_ toml: String) throws -> SecretEngine {
        SecretEngine(config: try SecretConfig.parse(toml, file: "test.toml", extendDefault: nil))
    }

    func scan(_ e: SecretEngine, _ text: String, path: String = "app.py") -> [SecretHit] {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { e.scan($0, path: path, matcher: PCREMatcher()) }
    }

    static let token = """
        [[rules]]
        id = "acme-token"
        description = "Acme token"
        regex = '''\\b(acme_[a-z0-9]{20})\\b'''
        keywords = ["acme_"]
        """

    @Test func findsWithLineColumnAndRedacts() throws {
        let e = try engine(Self.token)
        let hits = scan(e, "x = 1\n  key = \"acme_abcdefghij0123456789\"\n")
        #expect(hits.count == 1)
        let h = try #require(hits.first)
        #expect(h.line == 2 && h.column == 10)
        #expect(h.secret == "acme_abcdefghij0123456789")
        #expect(h.redacted == "acme*****")
        #expect(h.redactedLine == "  key = \"acme*****\"")
        #expect(h.fingerprint(path: "app.py").hasPrefix("acme-token:app.py:"))
        #expect(h.fingerprint(path: "app.py") != scan(e, "acme_abcdefghij0123456780")[0].fingerprint(path: "app.py"))
    }

    @Test func keywordIsRequiredNearby() throws {
        // Same regex, but the keyword is elsewhere: the rule only runs near its keyword.
        let e = try engine("""
            [[rules]]
            id = "hex"
            regex = '''\\b([0-9a-f]{32})\\b'''
            keywords = ["hexkey"]
            """)
        #expect(scan(e, "v = 0123456789abcdef0123456789abcdef").isEmpty)
        #expect(scan(e, "hexkey = 0123456789abcdef0123456789abcdef").count == 1)
    }

    @Test func secretGroupAndFirstNonEmptyGroup() throws {
        let e = try engine("""
            [[rules]]
            id = "g2"
            regex = '''(user|svc)=(\\w+):(\\w{8,})'''
            secretGroup = 3
            keywords = ["user=", "svc="]
            [[rules]]
            id = "first"
            regex = '''tok(?:(A)|(B))([0-9]{6})'''
            keywords = ["tok"]
            """)
        let hits = scan(e, "user=bob:hunter2hunter2 tokB123456")
        #expect(hits.map(\.secret) == ["hunter2hunter2", "B"])
    }

    @Test func entropyFloorAndGenericNeedsADigit() throws {
        let e = try engine("""
            [[rules]]
            id = "generic-x"
            regex = '''secret=([A-Za-z0-9]{12,})'''
            entropy = 3.0
            keywords = ["secret="]
            """)
        #expect(scan(e, "secret=aaaaaaaaaaaaaaaa").isEmpty, "low entropy")
        #expect(scan(e, "secret=AbCdEfGhIjKlMnOp").isEmpty, "generic without a digit")
        #expect(scan(e, "secret=AbCdEf9hIjKlMnOp").count == 1)
    }

    @Test func allowlistsTargetsConditionsAndStopwords() throws {
        let e = try engine(Self.token + """

            [[rules.allowlists]]
            regexTarget = "line"
            regexes = ['''fixture''']
            [[rules.allowlists]]
            condition = "AND"
            paths = ['''^tests/''']
            stopwords = ["zzz"]

            [allowlist]
            regexes = ['''0000000000$''']
            """)
        #expect(scan(e, "acme_abcdefghij0123456789 # fixture").isEmpty, "line target")
        #expect(scan(e, "acme_abcdefghijzzz4567890", path: "tests/a.py").isEmpty, "AND: path and stopword")
        #expect(scan(e, "acme_abcdefghijzzz4567890", path: "src/a.py").count == 1, "AND: stopword alone is not enough")
        #expect(scan(e, "acme_abcdefghij0000000000").isEmpty, "global allowlist")
        #expect(scan(e, "acme_abcdefghij0123456789 // gitleaks:allow").isEmpty, "inline marker")
    }

    @Test func pathRulesAndPathFilters() throws {
        let e = try engine("""
            [[rules]]
            id = "keystore"
            path = '''\\.p12$'''
            [[rules]]
            id = "env-only"
            regex = '''PASS=(\\S{8,})'''
            path = '''\\.env$'''
            keywords = ["pass="]
            """)
        let m = PCREMatcher()
        #expect(e.pathRuleHits("certs/client.p12", matcher: m) == [0])
        #expect(scan(e, "PASS=longpassword1", path: "x.py").isEmpty)
        #expect(scan(e, "PASS=longpassword1", path: "prod.env").count == 1)
    }

    @Test func genericYieldsToSpecificRuleOnTheSameSecret() throws {
        let config = try SecretConfig.bundled()
        let e = SecretEngine(config: config)
        let text = "GITHUB_TOKEN=" + ExamplePlaceholders.expand("ghp_{{alnum:36}}", seed: 3)
        #expect(scan(e, text).map(\.ruleID) == ["github-pat"])
    }

    @Test func configErrorsArePositioned() throws {
        let cases: [(String, Int)] = [
            ("[[rules]]\nid = \"x\"\nregex = '''(unclosed'''\n", 3),
            ("[[rules]]\nid = \"x\"\nregex = '''a(b)'''\nsecretGroup = 4\n", 4),
            ("[[rules]]\nid = \"x\"\n", 1),
            ("title = \"a\"\n[[rules]]\nid = 3\nregex = 'a'\n", 3),
            ("[[rules]]\nid = \"x\"\nregex = 'a'\n[[rules]]\nid = \"x\"\nregex = 'b'\n", 4),
            ("[[rules]]\nid = \"x\"\nregex = \"\\d\"\n", 3),
        ]
        for (toml, line) in cases {
            do {
                _ = try SecretConfig.parse(toml, file: "c.toml", extendDefault: nil)
                Issue.record("accepted: \(toml)")
            } catch let e as BulwarkError {
                #expect(e.location?.file == "c.toml")
                #expect(e.location?.line == line, "\(e)")
            }
        }
    }

    @Test func extendAddsDisablesAndRefines() throws {
        let toml = """
            [extend]
            useDefault = true
            disabledRules = ["jwt"]
            [[rules]]
            id = "acme-token"
            regex = '''acme_[a-z]{10}'''
            keywords = ["acme_"]
            [[rules]]
            id = "github-pat"
            [[rules.allowlists]]
            regexes = ['''^ghp_0000''']
            """
        let c = try SecretConfig.parse(toml, file: "x.toml", extendDefault: { try SecretConfig.bundled() })
        let ids = Set(c.rules.map(\.id))
        #expect(ids.contains("acme-token") && !ids.contains("jwt") && ids.contains("aws-access-key-id"))
        let pat = try #require(c.rules.first { $0.id == "github-pat" })
        #expect(pat.regex != nil, "refining keeps the base regex")
        #expect(pat.allowlists.count == 1)
    }

    @Test func chunkedReadingFindsSecretsAcrossChunkBoundaries() throws {
        let e = try engine(Self.token)
        // Secrets placed every ~37 KB, including across 64 KB chunk borders; line numbers must stay right.
        var text = ""
        var expected: [Int] = []
        var line = 1
        for i in 0..<60 {
            let filler = String(repeating: "lorem ipsum dolor sit amet\n", count: 1370 + i % 3)
            text += filler
            line += 1370 + i % 3
            text += "k = acme_\(String(format: "%020d", i))\n"
            expected.append(line)
            line += 1
        }
        let path = NSTemporaryDirectory() + "bulwark-chunk-\(UUID().uuidString).txt"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var limits = SecretScanLimits()
        limits.chunkSize = 64 * 1024
        limits.maxFileSize = 0
        let r = SecretFileScanner(engine: e, limits: limits).scanFile(at: path, relativePath: "big.txt", matcher: PCREMatcher())
        #expect(r.skipped == nil)
        #expect(r.hits.map(\.line) == expected)
        #expect(r.hits.allSatisfy { $0.column == 5 })
        #expect(r.bytesScanned == text.utf8.count)
    }

    @Test func chunkedReadingKeepsColumnsOnOneLongLine() throws {
        let e = try engine(Self.token)
        let text = String(repeating: "x", count: 200_000) + " acme_abcdefghij0123456789 " + String(repeating: "y", count: 100_000)
        let path = NSTemporaryDirectory() + "bulwark-line-\(UUID().uuidString).txt"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var limits = SecretScanLimits()
        limits.chunkSize = 64 * 1024
        limits.maxFileSize = 0
        limits.maxMinifiedSize = 0
        let r = SecretFileScanner(engine: e, limits: limits).scanFile(at: path, relativePath: "one.txt", matcher: PCREMatcher())
        #expect(r.hits.map { "\($0.line):\($0.column)" } == ["1:200002"])
    }

    @Test func skipsBinaryArchivesMinifiedAndOversized() throws {
        let e = try engine(Self.token)
        let dir = NSTemporaryDirectory() + "bulwark-skip-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data([0x7F, 0x45, 0x4C, 0x46, 0, 0, 1]).write(to: URL(fileURLWithPath: dir + "/tool"))
        try Data([0x50, 0x4B, 0x03, 0x04, 1, 2]).write(to: URL(fileURLWithPath: dir + "/bundle.dat"))
        try Data(repeating: 0x61, count: 600_000).write(to: URL(fileURLWithPath: dir + "/app.min.js"))
        try Data(repeating: 0x61, count: 2_000).write(to: URL(fileURLWithPath: dir + "/big.txt"))
        var limits = SecretScanLimits()
        limits.maxFileSize = 1_000
        let s = SecretFileScanner(engine: e, limits: limits)
        let m = PCREMatcher()
        #expect(s.scanFile(at: dir + "/tool", relativePath: "tool", matcher: m).skipped == .binary)
        #expect(s.scanFile(at: dir + "/bundle.dat", relativePath: "bundle.dat", matcher: m).skipped == .archive)
        limits.maxFileSize = 0
        #expect(SecretFileScanner(engine: e, limits: limits).scanFile(at: dir + "/app.min.js", relativePath: "app.min.js", matcher: m).skipped == .minified(600_000))
        #expect(s.scanFile(at: dir + "/big.txt", relativePath: "big.txt", matcher: m).skipped == .tooLarge(2_000))
        #expect(s.scanFile(at: dir + "/missing", relativePath: "missing", matcher: m).skipped != nil)
    }

    @Test func invalidUTF8AndNoNewlines() throws {
        let e = try engine(Self.token)
        var bytes: [UInt8] = [0xFF, 0xFE, 0xC3]
        bytes += Array("acme_abcdefghij0123456789".utf8) + [0xE2, 0x82]
        bytes += [UInt8](repeating: 0x41, count: 100_000)
        let hits = bytes.withUnsafeBufferPointer { e.scan($0, path: "x", matcher: PCREMatcher()) }
        #expect(hits.count == 1 && hits[0].line == 1 && hits[0].column == 4)
    }
}
