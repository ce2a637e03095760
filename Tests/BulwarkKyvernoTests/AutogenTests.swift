import BulwarkCore
import BulwarkKyverno
import Testing

@Suite("Autogen")
struct AutogenTests {
    static let podPolicy = """
    apiVersion: kyverno.io/v1
    kind: ClusterPolicy
    metadata: {name: p}
    spec:
      rules:
      - name: no-host-network
        match: {any: [{resources: {kinds: [Pod]}}]}
        validate:
          message: "host network on {{ request.object.metadata.name }}"
          pattern: {spec: {=(hostNetwork): false}}
      - name: deny-privileged
        match: {any: [{resources: {kinds: [Pod]}}]}
        validate:
          deny:
            conditions:
              any:
              - key: "{{ request.object.spec.containers[?securityContext.privileged] | length(@) }}"
                operator: GreaterThan
                value: 0
    """

    @Test("pod rules gain autogen- and autogen-cronjob- copies")
    func generatedNames() {
        let p = policy(Self.podPolicy)
        #expect(p.rules.map(\.name) == ["no-host-network", "deny-privileged", "autogen-no-host-network", "autogen-cronjob-no-host-network",
                                        "autogen-deny-privileged", "autogen-cronjob-deny-privileged"])
        #expect(p.rules[2].autogenOf == "no-host-network")
    }

    @Test("patterns wrap into the pod template and variables are rewritten")
    func rewriting() {
        let p = policy(Self.podPolicy)
        let deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: d}
        spec: {template: {spec: {hostNetwork: true, containers: [{name: c, securityContext: {privileged: true}}]}}}
        """
        #expect(verdicts(p, deployment) == ["autogen-no-host-network": .fail, "autogen-deny-privileged": .fail])
        let cronjob = """
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: c}
        spec: {jobTemplate: {spec: {template: {spec: {containers: [{name: c}]}}}}}
        """
        #expect(verdicts(p, cronjob) == ["autogen-cronjob-no-host-network": .pass, "autogen-cronjob-deny-privileged": .pass])
    }

    @Test("the controllers annotation narrows or disables autogen")
    func annotation() {
        let none = policy(Self.podPolicy.replacingOccurrences(of: "metadata: {name: p}",
            with: "metadata: {name: p, annotations: {pod-policies.kyverno.io/autogen-controllers: none}}"))
        #expect(none.rules.count == 2)
        let deployOnly = policy(Self.podPolicy.replacingOccurrences(of: "metadata: {name: p}",
            with: "metadata: {name: p, annotations: {pod-policies.kyverno.io/autogen-controllers: Deployment}}"))
        #expect(deployOnly.rules.map(\.name).filter { $0.hasPrefix("autogen") } == ["autogen-no-host-network", "autogen-deny-privileged"])
        let job = verdicts(deployOnly, "apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec: {template: {spec: {hostNetwork: true}}}")
        #expect(job.isEmpty)
    }

    @Test("selecting by name or mixing Pod with other kinds turns autogen off")
    func disabled() {
        let named = policy(Self.podPolicy.replacingOccurrences(of: "match: {any: [{resources: {kinds: [Pod]}}]}\n    validate:\n      message",
            with: "match: {any: [{resources: {kinds: [Pod], names: [web-*]}}]}\n    validate:\n      message"))
        #expect(named.rules.count == 2)
        let mixed = policy(Self.podPolicy.replacingOccurrences(of: "kinds: [Pod]}}]}\n    validate:\n      message",
            with: "kinds: [Pod, Service]}}]}\n    validate:\n      message"))
        #expect(mixed.rules.count == 2)
    }

    @Test("generated names are cut at 63 characters")
    func longNames() {
        let long = String(repeating: "x", count: 60)
        let p = policy(Self.podPolicy.replacingOccurrences(of: "no-host-network", with: long))
        #expect(p.rules.contains { $0.name == String(("autogen-" + long).prefix(63)) })
        #expect(p.rules.allSatisfy { $0.name.count <= 63 })
    }
}
