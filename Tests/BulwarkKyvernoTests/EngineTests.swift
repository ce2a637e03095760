import BulwarkCore
import BulwarkKyverno
import Testing

@Suite("Validation engine")
struct EngineTests {
    static func clusterPolicy(_ rules: String, annotations: String = "{pod-policies.kyverno.io/autogen-controllers: none}") -> Policy {
        policy("""
        apiVersion: kyverno.io/v1
        kind: ClusterPolicy
        metadata: {name: p, annotations: \(annotations)}
        spec:
          validationFailureAction: Enforce
          rules:
        \(rules)
        """)
    }

    static let pod = """
    apiVersion: v1
    kind: Pod
    metadata: {name: web, namespace: prod, labels: {app: web}}
    spec:
      containers:
      - {name: app, image: 'nginx:latest', ports: [{containerPort: 80, hostPort: 22}]}
      - {name: side, image: 'gcr.io/x/y@sha256:abc', securityContext: {capabilities: {drop: [ALL]}}}
    """

    @Test("preconditions see unresolved variables as empty strings and skip")
    func preconditions() {
        let p = Self.clusterPolicy("""
          - name: r
            match: {any: [{resources: {kinds: [Pod]}}]}
            preconditions:
              all:
              - {key: "{{ request.object.metadata.labels.tier }}", operator: Equals, value: ""}
            validate: {deny: {}}
        """)
        #expect(verdicts(p, Self.pod)["r"] == .fail)  // "" == "" so the (empty) deny applies
        let q = Self.clusterPolicy("""
          - name: r
            match: {any: [{resources: {kinds: [Pod]}}]}
            preconditions: {any: [{key: "{{ request.object.metadata.labels.tier }}", operator: Equals, value: backend}]}
            validate: {deny: {}}
        """)
        #expect(verdicts(q, Self.pod)["r"] == .skip)
    }

    @Test("an unresolved variable in deny conditions is an error, a default makes it a value")
    func denyVariables() {
        let missing = Self.clusterPolicy("""
          - name: r
            match: {any: [{resources: {kinds: [Pod]}}]}
            validate:
              deny: {conditions: {any: [{key: "{{ request.object.spec.nodeName }}", operator: Equals, value: x}]}}
        """)
        #expect(verdicts(missing, Self.pod)["r"] == .error)
        let defaulted = Self.clusterPolicy("""
          - name: r
            match: {any: [{resources: {kinds: [Pod]}}]}
            validate:
              deny: {conditions: {any: [{key: "{{ request.object.spec.nodeName || 'none' }}", operator: Equals, value: none}]}}
        """)
        #expect(verdicts(defaulted, Self.pod)["r"] == .fail)
    }

    @Test("foreach scopes patterns to each element and reports the failing one")
    func foreach() {
        let p = Self.clusterPolicy("""
          - name: tags
            match: {any: [{resources: {kinds: [Pod]}}]}
            validate:
              message: "{{ element.name }} uses latest"
              foreach:
              - list: request.object.spec.containers
                pattern: {image: "!*:latest"}
          - name: drop
            match: {any: [{resources: {kinds: [Pod]}}]}
            validate:
              foreach:
              - list: request.object.spec.containers
                deny:
                  conditions:
                    all:
                    - {key: ALL, operator: AnyNotIn, value: "{{ element.securityContext.capabilities.drop[] || `[]` }}"}
        """)
        let results = Engine(policies: [p]).evaluate(yaml(Self.pod))
        #expect(results.first { $0.rule == "tags" }?.status == .fail)
        #expect(results.first { $0.rule == "tags" }?.message.contains("app uses latest") == true)
        #expect(results.first { $0.rule == "drop" }?.status == .fail)
    }

    @Test("a foreach over an empty or missing list skips")
    func foreachEmpty() {
        let p = Self.clusterPolicy("""
          - name: init
            match: {any: [{resources: {kinds: [Pod]}}]}
            validate:
              foreach:
              - list: request.object.spec.initContainers
                pattern: {image: "!*:latest"}
        """)
        #expect(verdicts(p, Self.pod)["init"] == .skip)
    }

    @Test("context variables with jmesPath and defaults feed conditions")
    func contextVariables() {
        let p = Self.clusterPolicy("""
          - name: r
            match: {any: [{resources: {kinds: [Pod]}}]}
            context:
            - name: hostPorts
              variable: {jmesPath: "request.object.spec.containers[].ports[].hostPort", default: []}
            - name: limit
              variable: {value: 3}
            - name: tier
              variable: {jmesPath: request.object.metadata.labels.tier, default: none}
            validate:
              deny:
                conditions:
                  all:
                  - {key: "{{ hostPorts }}", operator: AnyIn, value: [22]}
                  - {key: "{{ length(request.object.spec.containers) }}", operator: LessThan, value: "{{ limit }}"}
                  - {key: "{{ tier }}", operator: Equals, value: none}
        """)
        #expect(verdicts(p, Self.pod)["r"] == .fail)
    }

    @Test("anyPattern passes when one pattern holds and reports each failure otherwise")
    func anyPattern() {
        let p = Self.clusterPolicy("""
          - name: r
            match: {any: [{resources: {kinds: [Pod]}}]}
            validate:
              message: need a team or app label
              anyPattern:
              - metadata: {labels: {team: "?*"}}
              - metadata: {labels: {app: "?*"}}
        """)
        #expect(verdicts(p, Self.pod)["r"] == .pass)
        let results = Engine(policies: [p]).evaluate(yaml("apiVersion: v1\nkind: Pod\nmetadata: {name: x}"))
        #expect(results.first?.status == .fail)
        #expect(results.first?.message == "validation error: need a team or app label. rule r[0] failed at path /metadata/labels/ rule r[1] failed at path /metadata/labels/")
    }

    @Test("exclude, namespaces, selectors and operations decide what a rule sees")
    func matching() {
        let p = Self.clusterPolicy("""
          - name: r
            match:
              any:
              - resources: {kinds: [Pod], namespaces: ["pro*"], selector: {matchLabels: {app: "w*"}}, operations: [CREATE]}
            exclude:
              any:
              - resources: {annotations: {skip: "yes"}}
            validate: {pattern: {metadata: {name: "?*"}}}
        """)
        #expect(verdicts(p, Self.pod)["r"] == .pass)
        #expect(verdicts(p, Self.pod.replacingOccurrences(of: "namespace: prod", with: "namespace: dev")).isEmpty)
        #expect(verdicts(p, Self.pod.replacingOccurrences(of: "labels: {app: web}", with: "labels: {app: web}, annotations: {skip: 'yes'}")).isEmpty)
        #expect(verdicts(p, Self.pod, request: Engine.Request(operation: "UPDATE")).isEmpty)
    }

    @Test("subjects, roles and namespace selectors come from the request and values")
    func requestMatching() {
        let p = Self.clusterPolicy("""
          - name: r
            match:
              all:
              - subjects: [{kind: Group, name: "devs"}]
              - resources: {kinds: [Pod], namespaceSelector: {matchExpressions: [{key: env, operator: In, values: [prod]}]}}
            validate: {deny: {}}
        """)
        var values = OfflineValues()
        values.namespaceLabels["prod"] = ["env": "prod"]
        let dev = Engine.Request(user: UserInfo(username: "u", groups: ["devs"]))
        #expect(verdicts(p, Self.pod, values: values, request: dev)["r"] == .fail)
        #expect(verdicts(p, Self.pod, values: OfflineValues(), request: dev).isEmpty)
        #expect(verdicts(p, Self.pod, values: values, request: Engine.Request(user: UserInfo(username: "u", groups: ["ops"]))).isEmpty)
    }

    @Test("values files override request fields and supply apiCall context offline")
    func offlineValues() {
        let p = Self.clusterPolicy("""
          - name: r
            match: {any: [{resources: {kinds: [Pod]}}]}
            context:
            - name: allowed
              apiCall: {urlPath: "/api/v1/namespaces/{{request.namespace}}/configmaps/x", jmesPath: data}
            validate:
              deny:
                conditions:
                  any:
                  - {key: "{{ request.operation }}", operator: Equals, value: UPDATE}
                  - {key: "{{ request.object.metadata.name }}", operator: AnyNotIn, value: "{{ allowed.names }}"}
        """)
        #expect(verdicts(p, Self.pod)["r"] == .error)
        let values = OfflineValues(yaml("""
        policies:
        - name: p
          rules: [{name: r, values: {allowed.names: [web]}}]
          resources: [{name: web, values: {request.operation: UPDATE}}]
        """))
        #expect(verdicts(p, Self.pod, values: values)["r"] == .fail)
        let noOp = OfflineValues(yaml("policies: [{name: p, rules: [{name: r, values: {allowed.names: [web]}}]}]"))
        #expect(verdicts(p, Self.pod, values: noOp)["r"] == .pass)
    }

    @Test("images variables are normalised references")
    func images() {
        let p = Self.clusterPolicy("""
          - name: r
            match: {any: [{resources: {kinds: [Pod]}}]}
            validate:
              deny:
                conditions:
                  any:
                  - {key: "{{ images.containers.app.registry }}/{{ images.containers.app.path }}:{{ images.containers.app.tag }}", operator: Equals, value: "docker.io/library/nginx:latest"}
        """)
        #expect(verdicts(p, Self.pod)["r"] == .fail)
    }

    @Test("namespaced policies only apply in their namespace")
    func namespaced() {
        let p = policy("""
        apiVersion: kyverno.io/v1
        kind: Policy
        metadata: {name: p, namespace: prod}
        spec:
          rules:
          - name: r
            match: {any: [{resources: {kinds: [Pod]}}]}
            validate: {pattern: {metadata: {labels: {app: web}}}}
        """)
        #expect(verdicts(p, Self.pod)["r"] == .pass)
        #expect(verdicts(p, Self.pod.replacingOccurrences(of: "namespace: prod", with: "namespace: dev")).isEmpty)
        #expect(p.qualifiedName == "prod/p")
    }

    @Test("rules Bulwark cannot evaluate say so instead of passing")
    func unsupported() {
        let p = Self.clusterPolicy("""
          - name: pss
            match: {any: [{resources: {kinds: [Pod]}}]}
            validate: {podSecurity: {level: baseline, version: latest}}
        """)
        let r = Engine(policies: [p]).evaluate(yaml(Self.pod)).first
        #expect(r?.status == .error)
        #expect(r?.message.contains("not evaluated") == true)
    }

    @Test("failure action and severity travel with each result")
    func metadata() {
        let p = Self.clusterPolicy("""
          - name: r
            match: {any: [{resources: {kinds: [Pod]}}]}
            validate: {failureAction: Audit, pattern: {spec: {hostNetwork: true}}}
        """, annotations: "{policies.kyverno.io/severity: high, pod-policies.kyverno.io/autogen-controllers: none}")
        let r = Engine(policies: [p]).evaluate(yaml(Self.pod)).first
        #expect(r?.failureAction == .audit)
        #expect(r?.severity == "high")
        #expect(r?.path == "/spec/hostNetwork/")
    }
}
