import BulwarkCore
import BulwarkSecrets
import Foundation

/// The secret scan's part of `bulwark scan`: every discovered file (not only the ones a
/// parser claims) goes through the secret engine; hits become findings whose snippet is
/// the redacted line and whose identity is rule + path + a hash of the secret.
public struct SecretsPass: Sendable {
    public let scanner: SecretFileScanner
    public let metadata: [String: RuleMetadata]
    let matchers = MatcherPool()

    public init(config: SecretConfig, limits: SecretScanLimits = SecretScanLimits()) {
        scanner = SecretFileScanner(engine: SecretEngine(config: config), limits: limits)
        metadata = Dictionary(uniqueKeysWithValues: config.rules.map { ($0.id, SecretsPass.metadata(for: $0)) })
    }

    /// Controls a hard-coded credential violates, shared by every secret rule.
    public static let controls = [ControlRef("soc2", "CC6.1"), ControlRef("pci", "8.6.2"), ControlRef("nist", "IA-5(7)"),
                                  ControlRef("hipaa", "164.312(d)")]

    public static func metadata(for rule: SecretRule) -> RuleMetadata {
        RuleMetadata(id: rule.id, title: rule.description.isEmpty ? rule.id : rule.description, severity: rule.severity, pack: "secrets",
                     rationale: "A credential committed to a repository is readable by everyone with access to the repository and its history, forks and CI logs; it stays valid until revoked.",
                     remediation: "Revoke or rotate the credential at its provider first, then remove it from the code (and from history if the repository is shared) and load it at runtime from a secret manager or environment.",
                     controls: controls)
    }

    public struct FileResult: Sendable {
        public var findings: [Finding] = []
        public var skipped: SecretSkipReason?
        public var bytes = 0
        public var mentionsIgnore = false
    }

    /// `contents`: the file's bytes when the caller has read them already (it parses the
    /// file too); otherwise the file streams from disk in bounded chunks.
    public func scan(_ file: DiscoveredFile, contents: Data? = nil, disabled: Set<String>) -> FileResult {
        let matcher = matchers.take()
        defer { matchers.put(matcher) }
        let r = contents.map { data in
            data.withUnsafeBytes { scanner.scanBlob($0.bindMemory(to: UInt8.self), relativePath: file.relativePath, commit: nil, matcher: matcher) }
        } ?? scanner.scanFile(at: file.path, relativePath: file.relativePath, matcher: matcher)
        var out = FileResult(skipped: r.skipped, bytes: r.bytesScanned, mentionsIgnore: r.mentionsIgnore)
        let rules = scanner.engine.config.rules
        for index in r.pathRules where !disabled.contains(rules[index].id) {
            let meta = metadata[rules[index].id]!
            out.findings.append(Finding(meta, message: "\(meta.title): a file of this kind holds credentials and should not be committed",
                                        at: SourceSpan(file: file.relativePath, line: 1, column: 1), attributePath: "secret-file"))
        }
        for hit in r.hits where !disabled.contains(hit.ruleID) {
            out.findings.append(finding(hit, file: file.relativePath))
        }
        return out
    }

    public func finding(_ hit: SecretHit, file: String) -> Finding {
        let meta = metadata[hit.ruleID]!
        let entropy = String(format: "%.2f", hit.entropy)
        var f = Finding(meta, message: "\(meta.title): \(hit.redacted) (entropy \(entropy))",
                        at: SourceSpan(file: file, line: hit.line, column: hit.column),
                        attributePath: "secret:" + Redaction.hash(hit.secret))
        f.snippet = hit.redactedLine
        return f
    }
}

extension SecretsPass {
    /// A history finding: located in the file as it was in the commit that introduced it,
    /// with the commit as its resource and its author and date in the message.
    public func finding(_ h: GitHistoryScanner.Finding) -> Finding {
        var f = finding(h.hit, file: h.path)
        if let c = h.commit {
            f.resource = ResourceRef(kind: "commit", name: String(c.id.prefix(12)))
            f.message += " — introduced in \(c.id.prefix(12)) by \(c.author) <\(c.email)> on \(c.date)"
        } else {
            f.resource = ResourceRef(kind: "commit", name: "staged")
            f.message += " — in the staged changes"
        }
        return f
    }
}

/// Matchers hold per-thread PCRE2 state; a pool lets parallel file scans reuse them.
final class MatcherPool: @unchecked Sendable {
    private var free: [PCREMatcher] = []
    private let lock = NSLock()

    func take() -> PCREMatcher {
        lock.lock()
        defer { lock.unlock() }
        return free.popLast() ?? PCREMatcher()
    }

    func put(_ m: PCREMatcher) {
        lock.lock()
        free.append(m)
        lock.unlock()
    }
}
