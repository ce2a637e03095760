import BulwarkCore

/// A `kyverno-test.yaml` (`cli.kyverno.io/v1alpha1 Test`, or the older unversioned form).
public struct KyvernoTest: Sendable {
    public struct Row: Sendable {
        public var policy: String
        public var rule: String
        public var resources: [String]
        public var kind: String?
        public var namespace: String?
        public var result: RuleStatus
        public var location: SourceSpan
    }

    public var name: String
    public var policies: [String]
    public var resources: [String]
    public var valuesFile: String?
    public var inlineValues: Value?
    public var userInfoFile: String?
    public var rows: [Row]

    public static func isTest(_ v: Value) -> Bool {
        if v["kind"]?.stringValue == "Test" { return true }
        return v["results"] != nil && v["policies"] != nil
    }

    public init(_ doc: Document) throws {
        let v = doc.value
        name = v["metadata"]?["name"]?.stringValue ?? v["name"]?.stringValue ?? "unnamed"
        func strings(_ key: String) -> [String] { (v[key]?.arrayValue ?? []).compactMap(\.stringValue) }
        policies = strings("policies")
        resources = strings("resources")
        valuesFile = v["variables"]?.stringValue
        inlineValues = v["values"]
        userInfoFile = v["userinfo"]?.stringValue
        guard case .array(let results)? = v["results"] else {
            throw BulwarkError(.schema, "test '\(name)' has no results list", at: doc.span(at: []))
        }
        rows = []
        for (i, r) in results.enumerated() {
            let at = doc.span(at: [.key("results"), .index(i)])
            guard let policy = r["policy"]?.stringValue, let rule = r["rule"]?.stringValue else {
                throw BulwarkError(.schema, "result needs policy and rule", at: at)
            }
            let statusText = r["result"]?.stringValue ?? r["status"]?.stringValue ?? ""
            guard let status = RuleStatus(rawValue: statusText.lowercased()) else {
                throw BulwarkError(.schema, "result must be one of pass, fail, skip, error, warn; got '\(statusText)'", at: at)
            }
            var names = (r["resources"]?.arrayValue ?? []).compactMap(\.stringValue)
            if let single = r["resource"]?.stringValue { names.append(single) }
            rows.append(Row(policy: policy, rule: rule, resources: names, kind: r["kind"]?.stringValue,
                            namespace: r["namespace"]?.stringValue, result: status, location: at))
        }
    }
}
