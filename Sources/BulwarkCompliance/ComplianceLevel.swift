import BulwarkCore
import BulwarkFormats
import Foundation

/// A compliance level: a named rule set with stricter settings (`standard`, `pci`,
/// `hipaa`, `sox`). One file per level, bundled as data like the frameworks, so users
/// write their own in the same format (`extends: pci` and change one threshold).
///
/// A level never needs code: the rules read its `settings`, it turns opt-in rules on
/// (`rules.enable`), turns rules off (`rules.disable`), raises or lowers severities and
/// sets the severity at which the scan fails.
public struct ComplianceLevel: Sendable {
    public var id: String
    public var name: String
    public var description: String
    /// Frameworks whose posture this level is meant to evidence (`scan --level pci` reports them).
    public var frameworks: [String]
    public var failOn: Severity
    public var settings: RuleSettings
    public var enabled: Set<String>
    public var disabled: Set<String>
    public var severity: [String: Severity]
    /// The levels this one builds on, nearest first.
    public var ancestry: [String]
    public var source: String

    public init(id: String, name: String = "", description: String = "", frameworks: [String] = [], failOn: Severity = .high,
                settings: RuleSettings = .standard, enabled: Set<String> = [], disabled: Set<String> = [], severity: [String: Severity] = [:],
                ancestry: [String] = [], source: String = "") {
        self.id = id
        self.name = name
        self.description = description
        self.frameworks = frameworks
        self.failOn = failOn
        self.settings = settings
        self.enabled = enabled
        self.disabled = disabled
        self.severity = severity
        self.ancestry = ancestry
        self.source = source
    }

    /// Whether a rule runs at this level: opt-in rules only when enabled, any rule unless disabled.
    public func runs(_ rule: String, optIn: Bool) -> Bool {
        !disabled.contains(rule) && (!optIn || enabled.contains(rule))
    }

    /// Rule ids the level names that `known` does not contain: a typo would silently
    /// leave a control unchecked. Ids of users' own Kyverno policies (`policy/rule`) are not checked.
    public func unknownRules(known: Set<String>) -> [String] {
        (enabled.union(disabled).union(severity.keys)).filter { !$0.contains("/") && !known.contains($0) }.sorted()
    }

    // MARK: Loading

    /// The raw file before `extends` is resolved.
    struct Definition {
        var id: String
        var name: String
        var description: String
        var extends: String?
        var frameworks: [String]?
        var failOn: Severity?
        var settings: [(String, Int)]
        var enable: [String]
        var disable: [String]
        var severity: [(String, Severity)]
        var source: String
    }

    static let keys = ["id", "name", "description", "extends", "frameworks", "failOn", "settings", "rules"]

    static func definition(text: String, file: String) throws -> Definition {
        guard let doc = try YAMLLoader.load(text, file: file).first, let top = doc.value.objectValue else {
            throw BulwarkError(.schema, "a level file must be a mapping with id, name and settings", at: SourceSpan(file: file, line: 1, column: 1))
        }
        func fail(_ m: String, _ p: [PathComponent]) -> BulwarkError { BulwarkError(.schema, m, at: doc.span(at: p)) }
        for k in top.keys where !keys.contains(k) {
            throw fail("unknown key '\(k)' (expected one of \(keys.joined(separator: ", ")))", [.key(k)])
        }
        guard let id = top["id"]?.stringValue, !id.isEmpty else { throw fail("'id' is required and must be a string", top["id"] == nil ? [] : [.key("id")]) }
        let failOn = try doc.severity(at: [.key("failOn")])
        var settings: [(String, Int)] = []
        if let s = top["settings"] {
            guard let o = s.objectValue else { throw fail("settings must be a mapping of setting names to numbers", [.key("settings")]) }
            let known = RuleSettings.documentation.map(\.name)
            for (k, v) in o {
                guard known.contains(k) else { throw fail("unknown setting '\(k)' (expected one of \(known.joined(separator: ", ")))", [.key("settings"), .key(k)]) }
                guard case .int(let n) = v, n >= 1 else { throw fail("\(k) must be a whole number of days, at least 1", [.key("settings"), .key(k)]) }
                settings.append((k, n))
            }
        }
        if let r = top["rules"] {
            guard let o = r.objectValue else { throw fail("rules must be a mapping with enable, disable and severity", [.key("rules")]) }
            for k in o.keys where !["enable", "disable", "severity"].contains(k) {
                throw fail("unknown key '\(k)' in rules (expected enable, disable, severity)", [.key("rules"), .key(k)])
            }
        }
        if let e = top["extends"], e.stringValue == nil { throw fail("extends must name a level", [.key("extends")]) }
        let frameworks = try doc.strings(at: [.key("frameworks")])
        return Definition(id: id, name: top["name"]?.stringValue ?? id, description: top["description"]?.stringValue ?? "",
                          extends: top["extends"]?.stringValue, frameworks: top["frameworks"] == nil ? nil : frameworks, failOn: failOn,
                          settings: settings, enable: try doc.strings(at: [.key("rules"), .key("enable")]),
                          disable: try doc.strings(at: [.key("rules"), .key("disable")]),
                          severity: try doc.severities(at: [.key("rules"), .key("severity")]), source: file)
    }

    /// Applies `d` on top of its parent: settings, severities and failOn override, rule
    /// lists accumulate (a child's enable cancels a parent's disable and vice versa).
    static func resolve(_ d: Definition, parent: ComplianceLevel?) -> ComplianceLevel {
        var l = parent ?? ComplianceLevel(id: d.id)
        l.ancestry = parent.map { [$0.id] + $0.ancestry } ?? []
        l.id = d.id
        l.name = d.name
        l.description = d.description
        l.source = d.source
        if let f = d.frameworks { l.frameworks = f }
        if let f = d.failOn { l.failOn = f }
        for (k, v) in d.settings { l.settings[k] = v }
        l.enabled.formUnion(d.enable)
        l.disabled.subtract(d.enable)
        l.disabled.formUnion(d.disable)
        l.enabled.subtract(d.disable)
        for (k, v) in d.severity { l.severity[k] = v }
        return l
    }

    /// The bundled levels, by id (read once per process).
    public static func bundled() throws -> [ComplianceLevel] { try bundledLevels.get() }

    private static let bundledLevels: Result<[ComplianceLevel], BulwarkError> = {
        do { return .success(try loadBundled()) } catch let e as BulwarkError { return .failure(e) } catch {
            return .failure(BulwarkError(.io, "bundled compliance levels: \(error)"))
        }
    }()

    static func loadBundled() throws -> [ComplianceLevel] {
        guard let dir = Bundle.module.url(forResource: "Levels", withExtension: nil) else {
            throw BulwarkError(.io, "bundled compliance levels are missing from the installation")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".yaml") }.sorted()
        var defs: [String: Definition] = [:]
        for n in names {
            let path = dir.path + "/" + n
            let d = try definition(text: try DocumentLoader.readText(path), file: path)
            defs[d.id] = d
        }
        var done: [String: ComplianceLevel] = [:]
        for id in defs.keys.sorted() { _ = try resolved(id, defs: defs, done: &done, chain: []) }
        return done.values.sorted { $0.id < $1.id }
    }

    static func resolved(_ id: String, defs: [String: Definition], done: inout [String: ComplianceLevel], chain: [String]) throws -> ComplianceLevel {
        if let l = done[id] { return l }
        guard let d = defs[id] else {
            throw BulwarkError(.usage, "no compliance level '\(id)' (known: \(defs.keys.sorted().joined(separator: ", ")))")
        }
        if chain.contains(id) {
            throw BulwarkError(.schema, "level '\(id)' extends itself through \((chain + [id]).joined(separator: " → "))", at: SourceSpan(file: d.source, line: 1, column: 1))
        }
        let parent = try d.extends.map { try resolved($0, defs: defs, done: &done, chain: chain + [id]) }
        let l = resolve(d, parent: parent)
        done[id] = l
        return l
    }

    /// A level by name (a bundled id) or by path (`levels/strict.yaml`), whose `extends`
    /// names a bundled level or another file relative to it.
    public static func named(_ reference: String, relativeTo base: String = ".") throws -> ComplianceLevel {
        try named(reference, relativeTo: base, builtIn: try bundled(), visited: [])
    }

    static func named(_ reference: String, relativeTo base: String, builtIn: [ComplianceLevel], visited: [String]) throws -> ComplianceLevel {
        guard looksLikePath(reference) else {
            guard let l = builtIn.first(where: { $0.id == reference }) else {
                throw BulwarkError(.usage, "no compliance level '\(reference)' (known: \(builtIn.map(\.id).joined(separator: ", ")); or give a level file's path)")
            }
            return l
        }
        let path = reference.hasPrefix("/") || base == "." ? reference : base + "/" + reference
        guard FileManager.default.fileExists(atPath: path) else { throw BulwarkError(.usage, "\(path): no such level file") }
        if visited.contains(path) {
            throw BulwarkError(.schema, "level file extends itself through \((visited + [path]).joined(separator: " → "))", at: SourceSpan(file: path, line: 1, column: 1))
        }
        let d = try definition(text: try DocumentLoader.readText(path), file: path)
        let parent = try d.extends.map { try named($0, relativeTo: (path as NSString).deletingLastPathComponent, builtIn: builtIn, visited: visited + [path]) }
        return resolve(d, parent: parent)
    }

    public static func looksLikePath(_ s: String) -> Bool {
        s.contains("/") || s.hasSuffix(".yaml") || s.hasSuffix(".yml")
    }
}
