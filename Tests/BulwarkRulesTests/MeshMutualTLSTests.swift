import BulwarkCore
import BulwarkFormats
@testable import BulwarkRules
import Testing

/// Istio's PeerAuthentication precedence and Linkerd's inbound policy, case by case.
@Suite("Mesh mutual TLS (K8S-102)")
struct MeshMutualTLSTests {
    static func peer(_ ns: String, _ mode: String, selector: String? = nil, ports: String? = nil, api: String = "security.istio.io/v1") -> String {
        var spec = "mtls: {mode: \(mode)}"
        if let selector { spec += ", selector: {matchLabels: {\(selector)}}" }
        if let ports { spec += ", portLevelMtls: {\(ports)}" }
        return "apiVersion: \(api)\nkind: PeerAuthentication\nmetadata: {name: pa-\(ns)-\(mode.lowercased()), namespace: \(ns)}\nspec: {\(spec)}\n---\n"
    }

    static func deployment(annotations: String = "") -> String {
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api, namespace: pay}\nspec: {template: {metadata: {labels: {app: api}\(annotations.isEmpty ? "" : ", annotations: {\(annotations)}")}, spec: {containers: [{name: a, image: x}]}}}\n"
    }

    static func namespace(_ annotations: String) -> String {
        "apiVersion: v1\nkind: Namespace\nmetadata: {name: pay, annotations: {\(annotations)}}\n---\n"
    }

    static let cases: [(String, String?)] = [
        (peer("istio-system", "STRICT") + peer("pay", "UNSET") + deployment(), nil as String?),
        (peer("istio-system", "STRICT") + peer("pay", "DISABLE") + deployment(), "pay/pa-pay-disable in DISABLE mode"),
        (peer("pay", "STRICT", ports: "8080: {mode: PERMISSIVE}") + deployment(), "portLevelMtls sets PERMISSIVE"),
        (peer("istio-system", "STRICT") + deployment(annotations: "sidecar.istio.io/inject: \"false\""), "sidecar.istio.io/inject"),
        (peer("pay", "PERMISSIVE") + peer("pay", "STRICT", selector: "app: web") + deployment(), "PERMISSIVE mode"),
        (peer("pay", "PERMISSIVE") + peer("pay", "STRICT", selector: "app: api") + deployment(), nil),
        (peer("pay", "STRICT", api: "example.com/v1") + deployment(), "covered by no STRICT"),
        (peer("other", "STRICT") + deployment(), "covered by no STRICT"),
        (namespace("linkerd.io/inject: enabled, config.linkerd.io/default-inbound-policy: cluster-authenticated") + deployment(), "covered by no STRICT"),
        (namespace("linkerd.io/inject: enabled") + deployment(annotations: "config.linkerd.io/default-inbound-policy: all-authenticated"), nil),
        (namespace("linkerd.io/inject: enabled, config.linkerd.io/default-inbound-policy: all-authenticated") + deployment(annotations: "linkerd.io/inject: disabled"), "covered by no STRICT"),
    ]

    @Test("which policy governs a workload", arguments: cases)
    func governs(manifests: String, problem: String?) throws {
        let docs = DocumentLoader.resources(in: try YAMLLoader.load(manifests, file: "m.yaml"))
        let hits = MeshMutualTLS.check(docs).map(\.1)
        if let problem {
            #expect(hits.count == 1 && hits[0].message?.contains(problem) == true, "\(hits.map { $0.message ?? "" })")
        } else {
            #expect(hits.isEmpty, "\(hits.map { $0.message ?? "" })")
        }
    }
}
