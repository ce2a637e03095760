import BulwarkCore

/// What a match/exclude block is tested against: the resource's identity plus the
/// admission request around it (operation, user, namespace labels).
public struct MatchSubject: Sendable {
    public var group: String
    public var version: String
    public var kind: String
    public var subresource: String
    public var name: String
    public var namespace: String
    public var labels: [String: String]
    public var annotations: [String: String]
    public var operation: String
    public var namespaceLabels: [String: String]
    public var user: UserInfo

    public init(resource: Value, operation: String = "CREATE", namespaceLabels: [String: String] = [:], user: UserInfo = UserInfo()) {
        let apiVersion = resource["apiVersion"]?.stringValue ?? ""
        if let slash = apiVersion.lastIndex(of: "/") {
            group = String(apiVersion[apiVersion.startIndex..<slash])
            version = String(apiVersion[apiVersion.index(after: slash)...])
        } else {
            group = ""
            version = apiVersion
        }
        kind = resource["kind"]?.stringValue ?? ""
        subresource = ""
        let meta = resource["metadata"]
        name = meta?["name"]?.stringValue ?? meta?["generateName"]?.stringValue ?? ""
        namespace = meta?["namespace"]?.stringValue ?? ""
        labels = MatchSubject.stringMap(meta?["labels"])
        annotations = MatchSubject.stringMap(meta?["annotations"])
        self.operation = operation
        self.namespaceLabels = namespaceLabels
        self.user = user
    }

    static func stringMap(_ v: Value?) -> [String: String] {
        var out: [String: String] = [:]
        for (k, x) in v?.objectValue ?? Object() { out[k] = x.interpolationText }
        return out
    }
}

/// The user behind a request, as a Kyverno CLI `UserInfo` file describes it.
public struct UserInfo: Sendable {
    public var username: String = ""
    public var groups: [String] = []
    public var roles: [String] = []
    public var clusterRoles: [String] = []

    public init(username: String = "", groups: [String] = [], roles: [String] = [], clusterRoles: [String] = []) {
        self.username = username
        self.groups = groups
        self.roles = roles
        self.clusterRoles = clusterRoles
    }

    var contextValue: Value {
        .object(Object([("username", .string(username)), ("groups", .array(groups.map(Value.string)))]))
    }
}

/// Kyverno's match/exclude semantics.
enum ResourceMatcher {
    static func matches(_ block: MatchBlock, _ s: MatchSubject) -> Bool {
        if block.isEmpty { return false }
        if !block.any.isEmpty {
            var found = false
            for i in block.any.indices where filterMatches(block.any[i], s) { found = true; break }
            if !found { return false }
        }
        for i in block.all.indices where !filterMatches(block.all[i], s) { return false }
        if let legacy = block.legacy, !filterMatches(legacy, s) { return false }
        return true
    }

    static func filterMatches(_ f: ResourceFilter, _ s: MatchSubject) -> Bool {
        let d = f.resources
        if d.isEmpty && f.subjects.isEmpty && f.roles.isEmpty && f.clusterRoles.isEmpty { return false }
        if !d.kinds.isEmpty {
            var found = false
            for i in d.kinds.indices where d.kinds[i].matches(group: s.group, version: s.version, kind: s.kind, subresource: s.subresource) {
                found = true
                break
            }
            if !found { return false }
        }
        if !d.names.isEmpty, !d.names.contains(where: { Wildcard.match($0, s.name) }) { return false }
        if !d.namespaces.isEmpty {
            let ns = s.kind == "Namespace" ? s.name : s.namespace
            if !d.namespaces.contains(where: { Wildcard.match($0, ns) }) { return false }
        }
        for (k, v) in d.annotations {
            let ok = s.annotations.contains { Wildcard.match(k, $0.key) && Wildcard.match(v, $0.value) }
            if !ok { return false }
        }
        if let sel = d.selector, !sel.matches(s.labels) { return false }
        if let nsSel = d.namespaceSelector {
            let labels = s.kind == "Namespace" ? s.labels : s.namespaceLabels
            if !nsSel.matches(labels) { return false }
        }
        if !d.operations.isEmpty, !d.operations.contains(s.operation) { return false }
        if !f.subjects.isEmpty {
            let ok = f.subjects.contains { subj in
                switch subj.kind {
                case "User": return Wildcard.match(subj.name, s.user.username)
                case "Group": return s.user.groups.contains { Wildcard.match(subj.name, $0) }
                case "ServiceAccount":
                    return s.user.username == "system:serviceaccount:\(subj.namespace ?? ""):\(subj.name)"
                default: return false
                }
            }
            if !ok { return false }
        }
        if !f.roles.isEmpty, !f.roles.contains(where: { s.user.roles.contains($0) }) { return false }
        if !f.clusterRoles.isEmpty, !f.clusterRoles.contains(where: { s.user.clusterRoles.contains($0) }) { return false }
        return true
    }
}
