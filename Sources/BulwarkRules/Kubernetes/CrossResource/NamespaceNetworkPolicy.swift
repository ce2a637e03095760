import BulwarkCore

/// Without a NetworkPolicy every pod accepts traffic from every other pod in the cluster.
enum NamespaceNetworkPolicy: ManifestSetRule {
    static let metadata = RuleMetadata(
        id: "K8S-100", title: "Workload namespaces have a NetworkPolicy", severity: .medium, pack: "kubernetes",
        rationale: "Kubernetes allows all pod-to-pod traffic until a NetworkPolicy selects the pod; one compromised pod can reach every service.",
        remediation: "Add a default-deny NetworkPolicy to the namespace and allow the flows the service needs.",
        controls: controls("cis-k8s:5.3.2", "soc2:CC6.6", "pci:1.3.1", "nist:SC-7"), aliases: [])

    static let examples = RuleExamples(
        triggering: ["↓apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api, namespace: shop}\nspec: {template: {spec: {containers: [{name: a, image: x}]}}}\n"],
        passing: ["apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api, namespace: shop}\nspec: {template: {spec: {containers: [{name: a, image: x}]}}}\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: shop}\nspec: {podSelector: {}}\n"])

    static let appliesTo: Set<String> = Workloads.kinds

    static func check(_ manifests: [Document]) -> [(Document, RuleHit)] {
        let covered = Set(manifests.filter { $0.value["kind"]?.stringValue == "NetworkPolicy" }.map { Workloads.namespace($0.value) })
        return manifests.compactMap { doc in
            guard let kind = doc.value["kind"]?.stringValue, Workloads.kinds.contains(kind) else { return nil }
            let ns = Workloads.namespace(doc.value)
            guard !covered.contains(ns) else { return nil }
            let span = doc.span(at: [])
            return (doc, RuleHit(line: span.line, column: span.column, message: "No NetworkPolicy in namespace \(ns) restricts traffic to \(kind) \(Workloads.resource(doc.value).name).",
                                 attributePath: "namespace.networkPolicy", resource: Workloads.resource(doc.value)))
        }
    }
}
