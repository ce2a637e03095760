import BulwarkCore

/// What a Kyverno CLI values file supplies in place of a cluster: variables per rule
/// and per resource, global values, and the labels of namespaces for
/// `namespaceSelector`.
public struct OfflineValues: Sendable {
    public var global: [(String, Value)] = []
    /// policy name → rule name → values
    public var rules: [String: [String: [(String, Value)]]] = [:]
    /// policy name → resource name → values
    public var resources: [String: [String: [(String, Value)]]] = [:]
    /// namespace name → labels
    public var namespaceLabels: [String: [String: String]] = [:]

    public init() {}

    /// Reads the `cli.kyverno.io/v1alpha1 Values` document shape.
    public init(_ v: Value) {
        func pairs(_ x: Value?) -> [(String, Value)] {
            guard case .object(let o)? = x else { return [] }
            return o.keys.indices.map { (o.keys[$0], o.values[$0]) }
        }
        global = pairs(v["globalValues"])
        for p in v["policies"]?.arrayValue ?? [] {
            guard let pname = p["name"]?.stringValue else { continue }
            for r in p["rules"]?.arrayValue ?? [] {
                guard let rname = r["name"]?.stringValue else { continue }
                rules[pname, default: [:]][rname] = pairs(r["values"])
            }
            for r in p["resources"]?.arrayValue ?? [] {
                guard let rname = r["name"]?.stringValue else { continue }
                resources[pname, default: [:]][rname] = pairs(r["values"])
            }
        }
        for ns in v["namespaceSelector"]?.arrayValue ?? [] {
            guard let name = ns["name"]?.stringValue else { continue }
            namespaceLabels[name] = MatchSubject.stringMap(ns["labels"])
        }
    }

    func ruleValues(policy: String, rule: String) -> [(String, Value)] {
        if rules.isEmpty { return [] }
        return rules[policy]?[rule] ?? []
    }

    func resourceValues(policy: String, resource: String) -> [(String, Value)] {
        if resources.isEmpty { return [] }
        return resources[policy]?[resource] ?? []
    }
}
