import BulwarkSecrets
import Testing

/// Every default rule finds its examples and none of its negatives: the rule file's
/// examples are the rules' tests.
@Suite struct RuleExampleTests {
    static let config = try! SecretConfig.bundled()
    static let engine = SecretEngine(config: config)

    static func hits(_ text: String, path: String = "src/app/config.py") -> [SecretHit] {
        let matcher = PCREMatcher()
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { engine.scan($0, path: path, matcher: matcher) }
    }

    static func seed(_ id: String, _ n: Int) -> UInt64 { UInt64(truncatingIfNeeded: id.utf8.reduce(5381) { ($0 &* 33) &+ Int($1) } &+ n) }

    @Test func ruleSetIsLargeAndDocumented() {
        let rules = Self.config.rules
        #expect(rules.count >= 120)
        for rule in rules {
            #expect(!rule.description.isEmpty, "\(rule.id) has no description")
            #expect(!rule.examples.isEmpty, "\(rule.id) has no examples")
            #expect(!rule.negatives.isEmpty, "\(rule.id) has no negatives")
            #expect(!rule.keywords.isEmpty, "\(rule.id) has no keywords")
        }
    }

    @Test(arguments: config.rules.map(\.id))
    func examplesAreFound(id: String) throws {
        let rule = try #require(Self.config.rules.first { $0.id == id })
        for (n, example) in rule.examples.enumerated() {
            for round in 0..<3 {
                let text = ExamplePlaceholders.expand(example, seed: Self.seed(id, n * 10 + round))
                let found = Self.hits("# config\n" + text + "\n", path: rule.examplePath ?? "src/app/config.py").filter { $0.ruleID == id }
                #expect(found.count == 1, "\(id) should find exactly one secret in: \(text)")
                if let hit = found.first {
                    #expect(hit.line >= 2)
                    #expect(!hit.redactedLine.contains(hit.secret), "\(id): redacted line still holds the secret")
                    #expect(!hit.redacted.contains(hit.secret))
                }
            }
        }
    }

    @Test(arguments: config.rules.map(\.id))
    func negativesAreNotFound(id: String) throws {
        let rule = try #require(Self.config.rules.first { $0.id == id })
        for (n, negative) in rule.negatives.enumerated() {
            let text = ExamplePlaceholders.expand(negative, seed: Self.seed(id, 1000 + n))
            let found = Self.hits("# config\n" + text + "\n", path: rule.examplePath ?? "src/app/config.py").filter { $0.ruleID == id }
            #expect(found.isEmpty, "\(id) should not fire on: \(text)")
        }
    }
}
