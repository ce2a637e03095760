import BulwarkCore

/// A rule over all manifests of a scan at once, for what one resource cannot show
/// (a namespace without a NetworkPolicy, a Service that selects nothing).
public protocol ManifestSetRule: RuleDescribing {
    /// The kinds the rule judges: each manifest of these kinds is a subject it checked.
    static var appliesTo: Set<String> { get }
    static func check(_ manifests: [Document]) -> [(Document, RuleHit)]
}

enum Workloads {
    static let kinds: Set<String> = ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "ReplicationController"]

    static func namespace(_ v: Value) -> String { v["metadata"]?["namespace"]?.stringValue ?? "default" }

    /// Metadata of the pods a workload creates.
    static func podMetadata(_ v: Value) -> Value? {
        switch v["kind"]?.stringValue {
        case "Pod": v["metadata"]
        case "CronJob": v["spec"]?["jobTemplate"]?["spec"]?["template"]?["metadata"]
        default: v["spec"]?["template"]?["metadata"]
        }
    }

    /// Labels of the pods a workload creates.
    static func podLabels(_ v: Value) -> [String: String] { strings(podMetadata(v)?["labels"]) }

    /// Annotations of the pods a workload creates.
    static func podAnnotations(_ v: Value) -> [String: String] { strings(podMetadata(v)?["annotations"]) }

    static func strings(_ map: Value?) -> [String: String] {
        var out: [String: String] = [:]
        for (k, x) in map?.objectValue ?? Object() { out[k] = x.interpolationText }
        return out
    }

    static func resource(_ v: Value) -> ResourceRef {
        ResourceRef(kind: v["kind"]?.stringValue ?? "", name: v["metadata"]?["name"]?.stringValue ?? "", namespace: namespace(v))
    }
}
