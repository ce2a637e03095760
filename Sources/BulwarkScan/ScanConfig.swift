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
    /// `secrets.enabled: false` turns the secret scan off.
    public var secretsEnabled = true
    /// `secrets.config`: a gitleaks-format rule file (relative to the scan root).
    public var secretsConfig: String?
    public var secretsMaxFileSize: Int?
    public var secretsMaxMinifiedSize: Int?
    /// `dependencies.osvDatabase`: a directory of OSV records (relative to the scan root).
    public var osvDatabase: String?
    /// `level`: the compliance level for the whole scan (a bundled id or a level file).
    public var level: String?
    /// `levels`: glob → level, in the order written; the first matching pattern decides.
    public var levelPins: [(pattern: String, level: String)] = []
    /// `frameworks`: a directory of the team's own framework files (relative to the scan root).
    public var frameworks: String?

    public init() {}

    static let keys: Set<String> = ["include", "exclude", "rules", "policies", "format", "failOn", "kubernetes", "secrets", "dependencies", "level", "levels", "frameworks"]

    /// `10485760`, `"10MB"`, `"512KB"`, `"2GB"`; 0 means no limit.
    static func byteSize(_ v: Value) -> Int? {
        if case .int(let n) = v, n >= 0 { return n }
        return v.stringValue.flatMap(byteSize)
    }

    public static func byteSize(_ text: String) -> Int? {
        let s = text.uppercased().replacingOccurrences(of: " ", with: "")
        for (suffix, scale) in [("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10), ("B", 1)] where s.hasSuffix(suffix) {
            return Int(s.dropLast(suffix.count)).map { $0 * scale }
        }
        return Int(s)
    }

    public static func parse(_ text: String, file: String) throws -> ScanConfig {
        guard let doc = try YAMLLoader.load(text, file: file).first else { return ScanConfig() }
        guard case .object(let o) = doc.value else {
            throw BulwarkError(.schema, "the configuration must be a mapping", at: doc.span(at: []))
        }
        var c = ScanConfig()
        func fail(_ message: String, _ path: [PathComponent]) -> BulwarkError {
            BulwarkError(.schema, message, at: doc.span(at: path))
        }
        for k in o.keys where !keys.contains(k) {
            throw fail("unknown key '\(k)' (expected one of \(keys.sorted().joined(separator: ", ")))", [.key(k)])
        }
        c.include = try doc.strings(at: [.key("include")]).map(Glob.init)
        c.exclude = try doc.strings(at: [.key("exclude")]).map(Glob.init)
        c.policyPaths = try doc.strings(at: [.key("policies")])
        c.format = o["format"]?.stringValue
        c.failOn = try doc.severity(at: [.key("failOn")])
        if let rules = o["rules"] {
            guard case .object(let r) = rules else { throw fail("rules must be a mapping", [.key("rules")]) }
            for k in r.keys where !["disable", "severity"].contains(k) { throw fail("unknown key '\(k)' in rules (expected disable, severity)", [.key("rules"), .key(k)]) }
            c.disabledRules = Set(try doc.strings(at: [.key("rules"), .key("disable")]))
            for (id, level) in try doc.severities(at: [.key("rules"), .key("severity")]) { c.severityOverrides[id] = level }
        }
        if let k8s = o["kubernetes"] {
            guard case .object(let m) = k8s else { throw fail("kubernetes must be a mapping", [.key("kubernetes")]) }
            for k in m.keys where k != "allowedRegistries" { throw fail("unknown key '\(k)' in kubernetes (expected allowedRegistries)", [.key("kubernetes"), .key(k)]) }
            c.allowedRegistries = try doc.strings(at: [.key("kubernetes"), .key("allowedRegistries")])
        }
        if let secrets = o["secrets"] {
            guard case .object(let m) = secrets else { throw fail("secrets must be a mapping", [.key("secrets")]) }
            let allowed = ["enabled", "config", "maxFileSize", "maxMinifiedSize"]
            for k in m.keys where !allowed.contains(k) { throw fail("unknown key '\(k)' in secrets (expected \(allowed.joined(separator: ", ")))", [.key("secrets"), .key(k)]) }
            if let e = m["enabled"] {
                guard let b = e.boolValue else { throw fail("secrets.enabled must be true or false", [.key("secrets"), .key("enabled")]) }
                c.secretsEnabled = b
            }
            if let p = m["config"] {
                guard let s = p.stringValue else { throw fail("secrets.config must be a path", [.key("secrets"), .key("config")]) }
                c.secretsConfig = s
            }
            for key in ["maxFileSize", "maxMinifiedSize"] {
                guard let v = m[key] else { continue }
                guard let n = byteSize(v) else { throw fail("secrets.\(key) must be a size such as 10MB, 512KB or a number of bytes", [.key("secrets"), .key(key)]) }
                if key == "maxFileSize" { c.secretsMaxFileSize = n } else { c.secretsMaxMinifiedSize = n }
            }
        }
        if let l = o["level"] {
            guard let name = l.stringValue, !name.isEmpty else { throw fail("level must name a compliance level (standard, pci, sox, hipaa) or a level file", [.key("level")]) }
            c.level = name
        }
        if let pins = o["levels"] {
            guard let m = pins.objectValue else { throw fail("levels must map path patterns to compliance levels, e.g. services/payments/**: pci", [.key("levels")]) }
            for (pattern, v) in m {
                guard let name = v.stringValue, !name.isEmpty else { throw fail("the level for \(pattern) must name a compliance level or a level file", [.key("levels"), .key(pattern)]) }
                c.levelPins.append((pattern, name))
            }
        }
        if let f = o["frameworks"] {
            guard let dir = f.stringValue, !dir.isEmpty else { throw fail("frameworks must be a directory of framework files", [.key("frameworks")]) }
            c.frameworks = dir
        }
        if let deps = o["dependencies"] {
            guard case .object(let m) = deps else { throw fail("dependencies must be a mapping", [.key("dependencies")]) }
            for k in m.keys where k != "osvDatabase" { throw fail("unknown key '\(k)' in dependencies (expected osvDatabase)", [.key("dependencies"), .key(k)]) }
            guard let p = m["osvDatabase"]?.stringValue else { throw fail("dependencies.osvDatabase must be a path", [.key("dependencies"), .key("osvDatabase")]) }
            c.osvDatabase = p
        }
        return c
    }
}
