import BulwarkCore
import BulwarkKyverno
import Testing

@Suite("Variables")
struct VariableTests {
    static let p = EngineTests.clusterPolicy("""
      - name: r
        match: {any: [{resources: {kinds: [ConfigMap]}}]}
        validate:
          message: "n={{ request.object.data.n }} list={{ request.object.data.list }} esc=\\\\{{ x }}"
          deny:
            conditions:
              all:
              - {key: "{{ request.object.data.n }}", operator: Equals, value: 3}
              - {key: "{{ request.object.data.list }}", operator: Equals, value: [1, 2]}
              - key: "{{ regex_match('^v[0-9]$', '{{ request.object.data.\\"app.kubernetes.io/version\\" || 'none' }}') }}"
                operator: Equals
                value: true
              - {key: "{{ request.object.data.obj.{a: a} }}", operator: Equals, value: {a: 1}}
    """)

    static let configMap = """
    apiVersion: v1
    kind: ConfigMap
    metadata: {name: c}
    data: {n: 3, list: [1, 2], app.kubernetes.io/version: v1, obj: {a: 1, b: 2}}
    """

    @Test("a whole-string variable keeps its type; nested and braced expressions resolve")
    func typedAndNested() {
        let results = Engine(policies: [Self.p]).evaluate(yaml(Self.configMap))
        #expect(results.first?.status == .fail)
    }

    @Test("variables inside text are stringified, escaped braces stay literal")
    func interpolation() {
        let results = Engine(policies: [Self.p]).evaluate(yaml(Self.configMap))
        #expect(results.first?.message == "n=3 list=[1,2] esc={{ x }}")
    }
}
