import BulwarkCore
import BulwarkFormats

/// `.bulwark.yaml`: what to scan, which rules, how strict. Unknown keys are errors —
/// a typo must not silently turn a control off.
public struct ScanConfig: Sendable {
    public var include: [Glob] = []
    public var exclude: [Glob] = []
    public var disabledRules: Set<String> = []
    public var severityOverrides: [String: Severity] = [:]
    public var policyPaths: [String] = []
    public var format: String?
    public var failOn: Severity?
    public var allowedRegistries: [String] = []

    public init() {}

    static let keys: Set<String> = ["include", "exclude", "rules", "policies", "format", "failOn", "kubernetes"]

    public static func parse(_ text: String, file: String) throws -> ScanConfig {
        guard let doc = try YAMLLoader.load(text, file: file).first else { return ScanConfig() }
        guard case .object(let o) = doc.value else {
            throw BulwarkError(.schema, "the configuration must be a mapping", at: doc.span(at: []))
        }
        var c = ScanConfig()
        func fail(_ message: String, _ path: [PathComponent]) -> BulwarkError {
            BulwarkError(.schema, message, at: doc.span(at: path))
        }
        func strings(_ v: Value?, _ path: [PathComponent]) throws -> [String] {
            guard let v else { return [] }
            guard case .array(let a) = v, a.allSatisfy({ $0.stringValue != nil }) else { throw fail("expected a list of strings", path) }
            return a.compactMap(\.stringValue)
        }
        for k in o.keys where !keys.contains(k) {
            throw fail("unknown key '\(k)' (expected one of \(keys.sorted().joined(separator: ", ")))", [.key(k)])
        }
        c.include = try strings(o["include"], [.key("include")]).map(Glob.init)
        c.exclude = try strings(o["exclude"], [.key("exclude")]).map(Glob.init)
        c.policyPaths = try strings(o["policies"], [.key("policies")])
        c.format = o["format"]?.stringValue
        if let f = o["failOn"] {
            guard let s = f.stringValue, let sev = Severity(lenient: s) else { throw fail("failOn must be one of \(Severity.allCases.map(\.rawValue).joined(separator: ", "))", [.key("failOn")]) }
            c.failOn = sev
        }
        if let rules = o["rules"] {
            guard case .object(let r) = rules else { throw fail("rules must be a mapping", [.key("rules")]) }
            for k in r.keys where !["disable", "severity"].contains(k) { throw fail("unknown key '\(k)' in rules (expected disable, severity)", [.key("rules"), .key(k)]) }
            c.disabledRules = Set(try strings(r["disable"], [.key("rules"), .key("disable")]))
            if let sev = r["severity"] {
                guard case .object(let m) = sev else { throw fail("rules.severity must map rule ids to severities", [.key("rules"), .key("severity")]) }
                for (id, v) in m {
                    guard let s = v.stringValue, let level = Severity(lenient: s) else {
                        throw fail("severity for \(id) must be one of \(Severity.allCases.map(\.rawValue).joined(separator: ", "))", [.key("rules"), .key("severity"), .key(id)])
                    }
                    c.severityOverrides[id] = level
                }
            }
        }
        if let k8s = o["kubernetes"] {
            guard case .object(let m) = k8s else { throw fail("kubernetes must be a mapping", [.key("kubernetes")]) }
            for k in m.keys where k != "allowedRegistries" { throw fail("unknown key '\(k)' in kubernetes (expected allowedRegistries)", [.key("kubernetes"), .key(k)]) }
            c.allowedRegistries = try strings(m["allowedRegistries"], [.key("kubernetes"), .key("allowedRegistries")])
        }
        return c
    }
}
