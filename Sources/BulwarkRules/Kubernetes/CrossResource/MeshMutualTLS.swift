import BulwarkCore

/// A NetworkPolicy says which pods may connect; only mutual TLS proves who is connecting
/// and keeps the bytes private on the node network. Cardholder and PHI environments are
/// audited on both, so levels that ask for it turn this on; it is noise for a cluster
/// without a mesh, so it is off by default.
///
/// Istio: the PeerAuthentication that applies to a workload is the most specific one —
/// a selector matching its pod labels in its namespace, else the namespace-wide one,
/// else the mesh-wide one in the root namespace (istio-system); UNSET inherits the next.
/// Linkerd: the pod is injected and its default inbound policy is all-authenticated
/// (pod annotations override the namespace's). Anything weaker accepts plaintext.
enum MeshMutualTLS: ManifestSetRule {
    static let metadata = RuleMetadata(
        id: "K8S-102", title: "Workloads accept only mutual-TLS traffic (service mesh in STRICT mode)", severity: .medium, pack: "kubernetes",
        rationale: "Without mutual TLS any pod that can reach a service can talk to it in plaintext and unauthenticated; a NetworkPolicy limits who connects, mTLS proves who it is and encrypts the traffic on the node network.",
        remediation: "Apply an Istio PeerAuthentication with spec.mtls.mode: STRICT to the namespace (or mesh-wide in istio-system), or mesh the namespace with Linkerd (linkerd.io/inject: enabled) and set config.linkerd.io/default-inbound-policy: all-authenticated.",
        controls: controls("pci:4.2.1", "hipaa:164.312(e)(1)", "soc2:CC6.7", "nist:SC-8"), optIn: true)

    static let examples = RuleExamples(
        triggering: [
            "↓apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api, namespace: payments}\nspec: {template: {metadata: {labels: {app: api}}, spec: {containers: [{name: a, image: x}]}}}\n",
            "apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: default, namespace: payments}\nspec: {mtls: {mode: STRICT}}\n---\napiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: legacy, namespace: payments}\nspec: {selector: {matchLabels: {app: api}}, mtls: {mode: PERMISSIVE}}\n---\n↓apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api, namespace: payments}\nspec: {template: {metadata: {labels: {app: api}}, spec: {containers: [{name: a, image: x}]}}}\n",
        ],
        passing: [
            "apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: default, namespace: istio-system}\nspec: {mtls: {mode: STRICT}}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api, namespace: payments}\nspec: {template: {metadata: {labels: {app: api}}, spec: {containers: [{name: a, image: x}]}}}\n",
            "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: payments\n  annotations: {linkerd.io/inject: enabled, config.linkerd.io/default-inbound-policy: all-authenticated}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api, namespace: payments}\nspec: {template: {metadata: {labels: {app: api}}, spec: {containers: [{name: a, image: x}]}}}\n",
        ])

    static let rootNamespace = "istio-system"

    struct Peer {
        var name: String
        var namespace: String
        var selector: [String: String]?
        var mode: String
        var portModes: [String]
    }

    static let appliesTo: Set<String> = Workloads.kinds

    static func check(_ manifests: [Document]) -> [(Document, RuleHit)] {
        var peers: [Peer] = []
        var namespaceAnnotations: [String: [String: String]] = [:]
        for doc in manifests {
            let v = doc.value
            switch v["kind"]?.stringValue {
            case "PeerAuthentication" where v["apiVersion"]?.stringValue?.hasPrefix("security.istio.io/") == true:
                let selector = v["spec"]?["selector"]?["matchLabels"].map { Workloads.strings($0) }
                let ports = (v["spec"]?["portLevelMtls"]?.objectValue ?? Object()).map { $0.1["mode"]?.stringValue?.uppercased() ?? "UNSET" }
                peers.append(Peer(name: v["metadata"]?["name"]?.stringValue ?? "", namespace: Workloads.namespace(v), selector: selector,
                                  mode: v["spec"]?["mtls"]?["mode"]?.stringValue?.uppercased() ?? "UNSET", portModes: ports))
            case "Namespace":
                if let name = v["metadata"]?["name"]?.stringValue { namespaceAnnotations[name] = Workloads.strings(v["metadata"]?["annotations"]) }
            default: break
            }
        }
        return manifests.compactMap { doc in
            guard let kind = doc.value["kind"]?.stringValue, Workloads.kinds.contains(kind) else { return nil }
            let ns = Workloads.namespace(doc.value)
            let labels = Workloads.podLabels(doc.value), annotations = Workloads.podAnnotations(doc.value)
            let nsAnnotations = namespaceAnnotations[ns] ?? [:]
            func annotation(_ key: String) -> String? { annotations[key] ?? nsAnnotations[key] }
            if annotation("linkerd.io/inject") == "enabled", annotation("config.linkerd.io/default-inbound-policy") == "all-authenticated" { return nil }
            let name = Workloads.resource(doc.value).name
            let problem: String
            if annotations["sidecar.istio.io/inject"] == "false" {
                problem = "has sidecar.istio.io/inject: \"false\", so no proxy enforces mutual TLS"
            } else if let peer = effectivePeer(namespace: ns, labels: labels, peers: peers) {
                if peer.mode != "STRICT" {
                    problem = "is governed by PeerAuthentication \(peer.namespace)/\(peer.name) in \(peer.mode) mode, which accepts plaintext"
                } else if let weak = peer.portModes.first(where: { $0 != "STRICT" && $0 != "UNSET" }) {
                    problem = "is governed by PeerAuthentication \(peer.namespace)/\(peer.name), whose portLevelMtls sets \(weak) on some ports"
                } else {
                    return nil
                }
            } else {
                problem = "is covered by no STRICT Istio PeerAuthentication (workload, namespace \(ns) or mesh-wide in \(rootNamespace)) and no Linkerd all-authenticated inbound policy"
            }
            let span = doc.span(at: [])
            return (doc, RuleHit(line: span.line, column: span.column, message: "\(kind) \(name) in namespace \(ns) \(problem).",
                                 attributePath: "mesh.mtls", resource: Workloads.resource(doc.value)))
        }
    }

    /// The most specific PeerAuthentication whose mode is set: workload, namespace, mesh.
    static func effectivePeer(namespace: String, labels: [String: String], peers: [Peer]) -> Peer? {
        let workload = peers.filter { p in
            p.namespace == namespace && p.selector.map { !$0.isEmpty && $0.allSatisfy { labels[$0.key] == $0.value } } == true
        }
        let namespaceWide = peers.filter { $0.namespace == namespace && ($0.selector?.isEmpty ?? true) }
        let meshWide = peers.filter { $0.namespace == rootNamespace && ($0.selector?.isEmpty ?? true) }
        for tier in [workload, namespaceWide, meshWide] {
            if let p = tier.first(where: { $0.mode != "UNSET" }) { return p }
        }
        return nil
    }
}
