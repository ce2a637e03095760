import BulwarkCore
import Foundation

/// A set of secret rules and global allowlists, loaded from gitleaks-format TOML.
///
/// Accepted as gitleaks writes it: `[[rules]]` with `id`, `description`, `regex`,
/// `secretGroup`, `entropy`, `keywords`, `path`, `tags`, `[rules.allowlist]` and
/// `[[rules.allowlists]]`; global `[allowlist]` and `[[allowlists]]` (with `targetRules`);
/// `[extend]` with `useDefault`, `path` and `disabledRules`. Bulwark's own keys on a rule
/// (`severity`, `examples`, `negatives`) are ignored by gitleaks, so one file serves both.
public struct SecretConfig: Sendable {
    public var title: String?
    public var rules: [SecretRule]
    public var allowlists: [SecretAllowlist]
    /// Where the rules came from (file path or "default"), for reports.
    public var source: String

    public init(title: String? = nil, rules: [SecretRule], allowlists: [SecretAllowlist], source: String) {
        self.title = title
        self.rules = rules
        self.allowlists = allowlists
        self.source = source
    }

    /// Bulwark's bundled rule set (Rules/default-rules.toml).
    public static func bundled() throws -> SecretConfig {
        try parse(try bundledText(), file: "default-rules.toml", extendDefault: nil)
    }

    /// The text of Rules/default-rules.toml as installed.
    public static func bundledText() throws -> String {
        guard let url = Bundle.module.url(forResource: "default-rules", withExtension: "toml"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw BulwarkError(.io, "bundled secret rules are missing from the installation")
        }
        return text
    }

    /// Loads a gitleaks config file. `[extend] useDefault = true` extends Bulwark's default rules.
    public static func load(path: String) throws -> SecretConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BulwarkError(.io, "cannot read secret rules file", at: SourceSpan(file: path, line: 1, column: 1))
        }
        return try parse(String(decoding: data, as: UTF8.self), file: path, extendDefault: { try bundled() })
    }

    public static func parse(_ text: String, file: String, extendDefault: (() throws -> SecretConfig)?) throws -> SecretConfig {
        let doc = try TOML.parse(text, file: file)
        let reader = ConfigReader(doc: doc, file: file)
        var config = SecretConfig(title: doc.root["title"]?.stringValue, rules: [], allowlists: [], source: file)
        if let rules = doc.root["rules"] {
            guard let list = rules.arrayValue else { throw reader.error("'rules' must be an array of tables ([[rules]])", "rules") }
            for (n, value) in list.enumerated() { config.rules.append(try reader.rule(value, path: "rules[\(n)]")) }
        }
        if let single = doc.root["allowlist"] { config.allowlists.append(try reader.allowlist(single, path: "allowlist", global: true)) }
        if let many = doc.root["allowlists"]?.arrayValue {
            for (n, value) in many.enumerated() { config.allowlists.append(try reader.allowlist(value, path: "allowlists[\(n)]", global: true)) }
        }
        if let extend = doc.root["extend"] {
            var base: SecretConfig?
            if extend["useDefault"]?.boolValue == true {
                guard let extendDefault else { throw reader.error("the default rules cannot extend themselves", "extend.useDefault") }
                base = try extendDefault()
            } else if let other = extend["path"]?.stringValue {
                let resolved = other.hasPrefix("/") ? other : ((file as NSString).deletingLastPathComponent as NSString).appendingPathComponent(other)
                guard resolved != file else { throw reader.error("[extend] path refers to this file", "extend.path") }
                base = try load(path: resolved)
            }
            if var base {
                let disabled = Set(extend["disabledRules"]?.arrayValue?.compactMap(\.stringValue) ?? [])
                base.rules.removeAll { disabled.contains($0.id) }
                config = base.extended(by: config)
            }
        }
        // gitleaks accepts a rule with only a path (it flags the file); with neither it can
        // never fire, unless it refines a rule of the config it extends (merged above).
        for rule in config.rules where rule.regex == nil && rule.path == nil {
            throw BulwarkError(.parse, "rule '\(rule.id)' needs a 'regex' or a 'path'", at: rule.location)
        }
        var seen = Set<String>()
        for rule in config.rules where !seen.insert(rule.id).inserted {
            throw BulwarkError(.parse, "secret rule '\(rule.id)' is defined twice", at: rule.location)
        }
        return config
    }

    /// gitleaks' extension: a rule with a known id refines the base rule (its fields win,
    /// keywords, tags and allowlists are added); new ids are appended.
    func extended(by other: SecretConfig) -> SecretConfig {
        var merged = self
        merged.source = other.source
        merged.title = other.title ?? title
        for rule in other.rules {
            guard let index = merged.rules.firstIndex(where: { $0.id == rule.id }) else { merged.rules.append(rule); continue }
            var base = merged.rules[index]
            if !rule.description.isEmpty { base.description = rule.description }
            if let regex = rule.regex { base.regex = regex; base.maxMatchLength = rule.maxMatchLength }
            if rule.secretGroup != 0 { base.secretGroup = rule.secretGroup }
            if let entropy = rule.entropy { base.entropy = entropy }
            if let path = rule.path { base.path = path }
            base.keywords += rule.keywords.filter { !base.keywords.contains($0) }
            base.anchoredRegex = SecretRule.anchoredVersion(of: base.regex, keywords: base.keywords)
            base.tags += rule.tags.filter { !base.tags.contains($0) }
            base.allowlists += rule.allowlists
            merged.rules[index] = base
        }
        merged.allowlists += other.allowlists
        return merged
    }
}

/// Turns TOML values into rules, with every mistake reported where it is written.
private struct ConfigReader {
    let doc: TOMLDocument
    let file: String

    func error(_ message: String, _ path: String) -> BulwarkError {
        BulwarkError(.parse, message, at: doc.position(path) ?? SourceSpan(file: file, line: 1, column: 1))
    }

    func string(_ v: Value, _ key: String, _ path: String) throws -> String? {
        guard let x = v[key] else { return nil }
        guard let s = x.stringValue else { throw error("'\(key)' must be a string", path + "." + key) }
        return s
    }

    func strings(_ v: Value, _ key: String, _ path: String) throws -> [String] {
        guard let x = v[key] else { return [] }
        guard let list = x.arrayValue else { throw error("'\(key)' must be an array of strings", path + "." + key) }
        return try list.enumerated().map { n, item in
            guard let s = item.stringValue else { throw error("'\(key)' must be an array of strings", "\(path).\(key)[\(n)]") }
            return s
        }
    }

    func regex(_ pattern: String, _ path: String) throws -> PCRERegex {
        do { return try PCRERegex(pattern) } catch let e as PCRERegex.CompileError {
            throw error("invalid regex: \(e.message) at offset \(e.offset)", path)
        }
    }

    func rule(_ v: Value, path: String) throws -> SecretRule {
        guard v.objectValue != nil else { throw error("each [[rules]] entry must be a table", path) }
        guard let id = try string(v, "id", path), !id.isEmpty else { throw error("rule needs an 'id'", path) }
        let regexText = try string(v, "regex", path)
        let pathText = try string(v, "path", path)
        let regex = try regexText.map { try self.regex($0, path + ".regex") }
        let pathRegex = try pathText.map { try self.regex($0, path + ".path") }
        var secretGroup = 0
        if let g = v["secretGroup"] {
            guard case .int(let n) = g, n >= 0 else { throw error("'secretGroup' must be a non-negative integer", path + ".secretGroup") }
            if let regex, n > regex.captureCount { throw error("'secretGroup' \(n) but the regex has \(regex.captureCount) group(s)", path + ".secretGroup") }
            secretGroup = n
        }
        var entropy: Double?
        if let e = v["entropy"] {
            guard let d = e.numberValue else { throw error("'entropy' must be a number", path + ".entropy") }
            entropy = d == 0 ? nil : d
        }
        var severity = Severity.high
        if let s = try string(v, "severity", path) {
            guard let parsed = Severity(lenient: s) else { throw error("unknown severity '\(s)'", path + ".severity") }
            severity = parsed
        }
        var allowlists: [SecretAllowlist] = []
        if let single = v["allowlist"] { allowlists.append(try allowlist(single, path: path + ".allowlist", global: false)) }
        if let many = v["allowlists"] {
            guard let list = many.arrayValue else { throw error("'allowlists' must be an array of tables", path + ".allowlists") }
            for (n, item) in list.enumerated() { allowlists.append(try allowlist(item, path: "\(path).allowlists[\(n)]", global: false)) }
        }
        return SecretRule(id: id, description: try string(v, "description", path) ?? "", regex: regex, secretGroup: secretGroup,
                          entropy: entropy, keywords: try strings(v, "keywords", path), path: pathRegex,
                          tags: try strings(v, "tags", path), allowlists: allowlists, severity: severity,
                          examples: try strings(v, "examples", path), negatives: try strings(v, "negatives", path),
                          examplePath: try string(v, "examplePath", path),
                          location: doc.position(path) ?? doc.position(path + ".id"))
    }

    func allowlist(_ v: Value, path: String, global: Bool) throws -> SecretAllowlist {
        guard v.objectValue != nil else { throw error("an allowlist must be a table", path) }
        var a = SecretAllowlist()
        a.description = try string(v, "description", path)
        if let c = try string(v, "condition", path) {
            guard let cond = SecretAllowlist.Condition(rawValue: c.uppercased()) else { throw error("'condition' must be OR or AND", path + ".condition") }
            a.condition = cond
        }
        if let t = try string(v, "regexTarget", path) {
            guard let target = SecretAllowlist.Target(rawValue: t.lowercased()) else { throw error("'regexTarget' must be secret, match or line", path + ".regexTarget") }
            a.regexTarget = target
        }
        a.regexes = try strings(v, "regexes", path).enumerated().map { try regex($1, "\(path).regexes[\($0)]") }
        a.paths = try strings(v, "paths", path).enumerated().map { try regex($1, "\(path).paths[\($0)]") }
        a.stopwords = try strings(v, "stopwords", path).map { $0.lowercased() }
        a.commits = Set(try strings(v, "commits", path))
        a.targetRules = Set(try strings(v, "targetRules", path))
        if !global && !a.targetRules.isEmpty { throw error("'targetRules' is only meaningful on a global allowlist", path + ".targetRules") }
        return a
    }
}
