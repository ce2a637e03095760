import BulwarkCore

/// A Service whose selector matches no pod is a typo or a leftover: dead routing today,
/// an unexpected target when someone later deploys matching labels.
enum ServiceSelectsWorkload: ManifestSetRule {
    static let metadata = RuleMetadata(
        id: "K8S-101", title: "Services select a workload defined alongside them", severity: .low, pack: "kubernetes",
        rationale: "A selector that matches nothing usually means a label typo; traffic goes nowhere, or later to whatever adopts the labels.",
        remediation: "Fix the selector or the pod template labels so they match.",
        controls: controls("soc2:CC8.1"), aliases: [])

    static let examples = RuleExamples(
        triggering: ["↓apiVersion: v1\nkind: Service\nmetadata: {name: api, namespace: shop}\nspec: {selector: {app: apii}, ports: [{port: 80}]}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api, namespace: shop}\nspec: {template: {metadata: {labels: {app: api}}}}\n"],
        passing: ["apiVersion: v1\nkind: Service\nmetadata: {name: api, namespace: shop}\nspec: {selector: {app: api}, ports: [{port: 80}]}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api, namespace: shop}\nspec: {template: {metadata: {labels: {app: api, tier: web}}}}\n",
                  "apiVersion: v1\nkind: Service\nmetadata: {name: external, namespace: shop}\nspec: {type: ExternalName, externalName: db.example.com}\n"])

    static let appliesTo: Set<String> = ["Service"]

    static func check(_ manifests: [Document]) -> [(Document, RuleHit)] {
        let workloads = manifests.filter { Workloads.kinds.contains($0.value["kind"]?.stringValue ?? "") }
        // Only judge when the scan sees workloads at all: a repo of Services alone says nothing.
        guard !workloads.isEmpty else { return [] }
        var labelsByNamespace: [String: [[String: String]]] = [:]
        for w in workloads { labelsByNamespace[Workloads.namespace(w.value), default: []].append(Workloads.podLabels(w.value)) }
        return manifests.compactMap { doc in
            guard doc.value["kind"]?.stringValue == "Service", case .object(let selector)? = doc.value["spec"]?["selector"], !selector.isEmpty else { return nil }
            let ns = Workloads.namespace(doc.value)
            let matched = (labelsByNamespace[ns] ?? []).contains { labels in
                selector.allSatisfy { labels[$0.key] == $0.value.interpolationText }
            }
            guard !matched else { return nil }
            let span = doc.span(at: [])
            return (doc, RuleHit(line: span.line, column: span.column, message: "Service \(Workloads.resource(doc.value).name) selects no workload in namespace \(ns).",
                                 attributePath: "spec.selector", resource: Workloads.resource(doc.value)))
        }
    }
}
