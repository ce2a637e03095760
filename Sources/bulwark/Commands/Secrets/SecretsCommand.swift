import ArgumentParser
import BulwarkCore
import BulwarkSecrets
import Foundation

/// `bulwark secrets rules|test`: inspect and test secret rule files (Bulwark's or gitleaks').
struct SecretsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "secrets",
        abstract: "Inspect and test secret rules (gitleaks-compatible TOML).",
        subcommands: [SecretsRules.self, SecretsTest.self])
}

struct SecretsRules: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rules", abstract: "Load a rule file and list its rules (default: Bulwark's).")

    @Option(help: "A gitleaks-format TOML file ([extend] useDefault = true adds Bulwark's rules).")
    var config: String?

    @Flag(help: "Print only the summary line.")
    var summary = false

    func run() throws {
        let c = try config.map { try SecretConfig.load(path: $0) } ?? SecretConfig.bundled()
        let engine = SecretEngine(config: c)
        if !summary {
            for r in c.rules {
                let mode = r.regex == nil ? "path" : r.anchoredRegex != nil ? "anchored" : "windowed"
                print("\(r.id)\t\(r.severity.rawValue)\t\(mode)\t\(r.keywords.joined(separator: ","))\t\(r.description)")
            }
        }
        let jit = c.rules.compactMap(\.regex).filter(\.isJIT).count
        print("\(c.source): \(c.rules.count) rules (\(c.rules.filter { $0.regex != nil }.count) regex, \(jit) JIT-compiled, "
              + "\(engine.anchoredRuleCount) anchored on keywords, \(c.rules.filter { $0.regex == nil }.count) path-only), "
              + "\(c.allowlists.count) global allowlist(s)")
    }
}

struct SecretsTest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run every rule's examples (must be found) and negatives (must not): Bulwark's keys in the rule file.")

    @Option(help: "A gitleaks-format TOML file (default: Bulwark's rules).")
    var config: String?

    func run() throws {
        let c = try config.map { try SecretConfig.load(path: $0) } ?? SecretConfig.bundled()
        let engine = SecretEngine(config: c)
        let matcher = PCREMatcher()
        var failures = 0, checks = 0
        for rule in c.rules {
            let path = rule.examplePath ?? "src/config.py"
            for (n, text) in rule.examples.enumerated() + rule.negatives.enumerated().map({ ($0.offset + 1000, $0.element) }) {
                let expanded = ExamplePlaceholders.expand(text, seed: UInt64(n + 1) &* 0x9E37_79B9)
                let bytes = Array(("\n" + expanded + "\n").utf8)
                let found = bytes.withUnsafeBufferPointer { engine.scan($0, path: path, matcher: matcher) }.contains { $0.ruleID == rule.id }
                let shouldFind = n < 1000
                checks += 1
                if found != shouldFind {
                    failures += 1
                    Terminal.error("\(rule.location.map { "\($0): " } ?? "")\(rule.id): \(shouldFind ? "example not found" : "negative found"): \(expanded.prefix(80))")
                }
            }
        }
        print("\(c.source): \(c.rules.count) rules, \(checks) examples and negatives, \(failures) failing")
        if failures > 0 { throw ExitCode(1) }
    }
}
