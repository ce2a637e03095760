import BulwarkCore
import BulwarkFormats
import Foundation

/// A compliance framework as data: its controls, how far each can be evidenced by automated
/// checks, and extra rule mappings. Rules also declare the controls they evidence in their own
/// metadata (`soc2:CC6.1`); a control's evidence is the union of both.
public struct Framework: Sendable {
    public enum Automation: String, Sendable, CaseIterable { case automated, partial, manual }

    public struct Control: Sendable {
        public var id: String
        public var title: String
        public var description: String
        public var automation: Automation
        /// Rule ids the framework file maps here, beyond the rules' own metadata.
        public var rules: [String]

        public init(id: String, title: String, description: String, automation: Automation, rules: [String]) {
            self.id = id
            self.title = title
            self.description = description
            self.automation = automation
            self.rules = rules
        }
    }

    public var id: String
    public var name: String
    public var version: String
    public var description: String
    public var controls: [Control]
    public var source: String

    public init(id: String, name: String, version: String, description: String, controls: [Control], source: String) {
        self.id = id
        self.name = name
        self.version = version
        self.description = description
        self.controls = controls
        self.source = source
    }

    /// control id → rule ids that evidence it, from the file and from `rules`' metadata.
    public func evidence(from rules: [RuleMetadata]) -> [String: [String]] {
        var map: [String: Set<String>] = [:]
        for c in controls { map[c.id] = Set(c.rules) }
        for r in rules {
            for ref in r.controls where ref.framework == id { map[ref.id, default: []].insert(r.id) }
        }
        return map.mapValues { $0.sorted() }
    }

    /// Controls the rules name that the framework does not define: a typo or a missing control.
    public func undefinedReferences(in rules: [RuleMetadata]) -> [(rule: String, control: String)] {
        let known = Set(controls.map(\.id))
        return rules.flatMap { r in r.controls.filter { $0.framework == id && !known.contains($0.id) }.map { (r.id, $0.id) } }
    }

    // MARK: Loading

    public static func bundled() throws -> [Framework] {
        guard let dir = Bundle.module.url(forResource: "Frameworks", withExtension: nil) else {
            throw BulwarkError(.io, "bundled frameworks are missing from the installation")
        }
        return try load(directory: dir.path)
    }

    /// Every `*.yaml` in `directory`, sorted by id.
    public static func load(directory: String) throws -> [Framework] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        return try names.map { try load(path: directory + "/" + $0) }.sorted { $0.id < $1.id }
    }

    public static func load(path: String) throws -> Framework {
        let text = try DocumentLoader.readText(path)
        guard let doc = try YAMLLoader.load(text, file: path).first else {
            throw BulwarkError(.schema, "empty framework file", at: SourceSpan(file: path, line: 1, column: 1))
        }
        func fail(_ m: String, _ p: [PathComponent]) -> BulwarkError { BulwarkError(.schema, m, at: doc.span(at: p)) }
        func string(_ key: String, _ p: [PathComponent] = [], required: Bool = true) throws -> String {
            guard let v = doc.value.value(at: p + [.key(key)])?.stringValue else {
                if required { throw fail("'\(key)' is required and must be a string", p.isEmpty ? [] : p) }
                return ""
            }
            return v
        }
        let allowed: Set<String> = ["id", "name", "version", "description", "controls"]
        for k in doc.value.objectValue?.keys ?? [] where !allowed.contains(k) {
            throw fail("unknown key '\(k)' (expected \(allowed.sorted().joined(separator: ", ")))", [.key(k)])
        }
        guard let list = doc.value["controls"]?.arrayValue, !list.isEmpty else {
            throw fail("'controls' must be a non-empty list", doc.value["controls"] == nil ? [] : [.key("controls")])
        }
        var controls: [Control] = []
        var seen = Set<String>()
        for i in list.indices {
            let p: [PathComponent] = [.key("controls"), .index(i)]
            let id = try string("id", p)
            guard seen.insert(id).inserted else { throw fail("control '\(id)' is defined twice", p + [.key("id")]) }
            let auto = try string("automation", p)
            guard let automation = Automation(rawValue: auto) else {
                throw fail("automation must be automated, partial or manual", p + [.key("automation")])
            }
            let rules = doc.value.value(at: p + [.key("rules")])?.arrayValue?.compactMap(\.stringValue) ?? []
            controls.append(Control(id: id, title: try string("title", p), description: try string("description", p),
                                    automation: automation, rules: rules))
        }
        return Framework(id: try string("id"), name: try string("name"), version: try string("version"),
                         description: try string("description", required: false), controls: controls, source: path)
    }
}
