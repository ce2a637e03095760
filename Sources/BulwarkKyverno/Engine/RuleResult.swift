import BulwarkCore

/// The verdict of one rule on one resource, in Kyverno's vocabulary.
public enum RuleStatus: String, Sendable, Codable, CaseIterable {
    case pass, fail, warn, error, skip
}

public struct RuleResult: Sendable {
    public var policy: String
    public var rule: String
    /// For autogen rules, the rule the user wrote.
    public var autogenOf: String?
    public var status: RuleStatus
    public var message: String
    public var failureAction: FailureAction
    public var severity: String?
    /// Kyverno-style path (`/spec/containers/0/image/`) of the first violation, if any.
    public var path: String?
}

/// The identity of the resource a result is about.
public struct ResourceKey: Sendable, Hashable, CustomStringConvertible {
    public var apiVersion: String
    public var kind: String
    public var namespace: String
    public var name: String

    public init(_ resource: Value) {
        apiVersion = resource["apiVersion"]?.stringValue ?? ""
        kind = resource["kind"]?.stringValue ?? ""
        namespace = resource["metadata"]?["namespace"]?.stringValue ?? ""
        name = resource["metadata"]?["name"]?.stringValue ?? ""
    }

    public var description: String {
        namespace.isEmpty ? "\(kind)/\(name)" : "\(kind)/\(namespace)/\(name)"
    }
}
