/// How bad a finding is. Ordered so thresholds (`--fail-on high`) compare naturally.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case info, low, medium, high, critical

    public static func < (a: Severity, b: Severity) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// Lenient parse (`HIGH`, `High`); Kyverno's annotations use lower case.
    public init?(lenient raw: String) {
        self.init(rawValue: raw.lowercased())
    }
}

/// A compliance control a check evidences, e.g. `soc2:CC6.1`, `pci:2.2.1`.
public struct ControlRef: Sendable, Hashable, Codable, CustomStringConvertible {
    public var framework: String
    public var id: String

    public init(_ framework: String, _ id: String) {
        self.framework = framework
        self.id = id
    }

    /// Parses `framework:id`.
    public init?(parsing s: String) {
        guard let colon = s.firstIndex(of: ":") else { return nil }
        framework = String(s[s.startIndex..<colon])
        id = String(s[s.index(after: colon)...])
        guard !framework.isEmpty, !id.isEmpty else { return nil }
    }

    public var description: String { "\(framework):\(id)" }
}

/// What every rule, whatever its form (Kyverno YAML, Swift), declares about itself.
public struct RuleMetadata: Sendable {
    public var id: String
    public var title: String
    public var severity: Severity
    public var pack: String
    public var rationale: String
    public var remediation: String
    public var controls: [ControlRef]
    /// Equivalent ids in other tools (Checkov `CKV_K8S_16`, …), so their skip comments work.
    public var aliases: [String]
    /// Off unless a compliance level enables it: checks that are right for a cardholder-data
    /// environment (customer-managed keys, mesh mTLS) but noise for an internal tool.
    public var optIn: Bool

    public init(id: String, title: String, severity: Severity, pack: String, rationale: String, remediation: String,
                controls: [ControlRef] = [], aliases: [String] = [], optIn: Bool = false) {
        self.optIn = optIn
        self.id = id
        self.title = title
        self.severity = severity
        self.pack = pack
        self.rationale = rationale
        self.remediation = remediation
        self.controls = controls
        self.aliases = aliases
    }
}

/// The thing a finding is about: a Kubernetes object, a Dockerfile stage, a workflow job.
public struct ResourceRef: Sendable, Hashable {
    public var kind: String
    public var name: String
    public var namespace: String?

    public init(kind: String, name: String, namespace: String? = nil) {
        self.kind = kind
        self.name = name
        self.namespace = namespace
    }

    public var description: String {
        if let namespace, !namespace.isEmpty { return "\(kind)/\(namespace)/\(name)" }
        return "\(kind)/\(name)"
    }
}

/// Why a finding does not count against the build.
public struct Suppression: Sendable, Hashable {
    public enum Kind: String, Sendable { case inline, annotation, waiver, baseline }
    public var kind: Kind
    public var reason: String
    public var expires: String?
    public var owner: String?

    public init(kind: Kind, reason: String, expires: String? = nil, owner: String? = nil) {
        self.kind = kind
        self.reason = reason
        self.expires = expires
        self.owner = owner
    }
}

/// One problem found at one place.
public struct Finding: Sendable {
    public var ruleId: String
    public var severity: Severity
    public var title: String
    public var message: String
    public var location: SourceSpan
    public var resource: ResourceRef?
    /// Where inside the resource (`spec.containers[0].image`): part of the fingerprint,
    /// so a finding keeps its identity when lines move.
    public var attributePath: String
    public var controls: [ControlRef]
    public var aliases: [String]
    public var remediation: String
    public var suppression: Suppression?
    /// What reports quote instead of the source line; secret findings set it to the line
    /// with the secret redacted, because the raw line is the secret.
    public var snippet: String?
    /// The compliance level in force where the finding is (`pci`); nil when the scan used none.
    public var level: String?

    public init(ruleId: String, severity: Severity, title: String, message: String, location: SourceSpan,
                resource: ResourceRef? = nil, attributePath: String = "", controls: [ControlRef] = [], aliases: [String] = [],
                remediation: String = "", suppression: Suppression? = nil) {
        self.ruleId = ruleId
        self.severity = severity
        self.title = title
        self.message = message
        self.location = location
        self.resource = resource
        self.attributePath = attributePath
        self.controls = controls
        self.aliases = aliases
        self.remediation = remediation
        self.suppression = suppression
    }

    public init(_ meta: RuleMetadata, message: String? = nil, at location: SourceSpan, resource: ResourceRef? = nil,
                attributePath: String = "") {
        self.init(ruleId: meta.id, severity: meta.severity, title: meta.title, message: message ?? meta.title, location: location,
                  resource: resource, attributePath: attributePath, controls: meta.controls, aliases: meta.aliases,
                  remediation: meta.remediation)
    }

    /// Stable identity: rule + file + resource + attribute path, never line numbers.
    public var fingerprint: String {
        Fingerprint.hex("\(ruleId)|\(location.file)|\(resource?.description ?? "")|\(attributePath)")
    }

    /// Deterministic report order: file, line, column, rule.
    public static func ordered(_ a: Finding, _ b: Finding) -> Bool {
        if a.location.file != b.location.file { return a.location.file < b.location.file }
        if a.location.line != b.location.line { return a.location.line < b.location.line }
        if a.location.column != b.location.column { return a.location.column < b.location.column }
        if a.ruleId != b.ruleId { return a.ruleId < b.ruleId }
        return a.attributePath < b.attributePath
    }
}

/// A 64-bit FNV-1a fingerprint, rendered as 16 hex digits: stable across runs and
/// platforms (Swift's `Hasher` is seeded per process, so it cannot be used).
public enum Fingerprint {
    public static func hex(_ s: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01b3
        }
        let digits = String(h, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
