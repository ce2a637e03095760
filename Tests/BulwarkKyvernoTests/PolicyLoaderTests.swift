import BulwarkCore
import BulwarkFormats
import BulwarkKyverno
import Testing

@Suite("Policy loading and lint")
struct PolicyLoaderTests {
    func issues(_ text: String) -> [PolicyIssue] {
        do {
            let doc = try YAMLLoader.load(text, file: "p.yaml")[0]
            return PolicyLoader.load(doc).issues
        } catch {
            Issue.record("fixture: \(error)")
            return []
        }
    }

    static let base = """
    apiVersion: kyverno.io/v1
    kind: ClusterPolicy
    metadata:
      name: p
    spec:
      rules:
      - name: r
        match:
          any:
          - resources:
              kinds: [Pod]
        validate:
          pattern:
            spec: {hostNetwork: false}
    """

    @Test("a valid policy has no issues")
    func clean() {
        #expect(issues(Self.base).isEmpty)
    }

    @Test("each mistake is reported at its line and column", arguments: [
        ("spec:\n  rules:", "spec:\n  validationFailureActon: Enforce\n  rules:", "unknown field 'validationFailureActon' in spec (did you mean 'validationFailureAction'?)", 6, 3),
        ("kinds: [Pod]", "kinds: [Pod]\n          nmes: [x]", "unknown field 'nmes' in resources", 12, 11),
        ("pattern:\n        spec: {hostNetwork: false}", "deny:\n        conditions: [{key: a, operator: Equal, value: b}, {key: a, operator: Sameish, value: b}]",
         "unknown operator 'Sameish'", 14, 68),
        ("pattern:\n        spec: {hostNetwork: false}", "deny:\n        conditions: [{key: \"{{ a.[ }}\", operator: Equals, value: b}]",
         "invalid JMESPath 'a.['", 14, 23),
        ("spec: {hostNetwork: false}", "spec: {^(hostNetwork): false}", "existence anchor ^(hostNetwork) needs a list pattern", 14, 16),
        ("validate:\n      pattern:\n        spec: {hostNetwork: false}", "validate:\n      message: x", "validate needs one of", 12, 5),
        ("- name: r\n", "- name: ''\n", "rule name is required", 7, 5),
        ("match:\n      any:\n      - resources:\n          kinds: [Pod]", "match:\n      any:\n      - resources:\n          namespaces: [x]",
         "match must select at least one kind", 8, 5),
    ])
    func mistakes(find: String, replace: String, message: String, line: Int, column: Int) {
        let text = Self.base.replacingOccurrences(of: find, with: replace)
        let found = issues(text)
        let match = found.first { $0.message.contains(message) }
        #expect(match != nil, "expected '\(message)' in \(found)")
        #expect(match?.location.line == line, "\(found)")
        #expect(match?.location.column == column, "\(found)")
        #expect(match?.description.hasPrefix("p.yaml:\(line):\(column): ") == true)
    }

    @Test("unknown fields warn but the policy still loads; structural errors do not load")
    func severity() throws {
        let typo = try YAMLLoader.load(Self.base.replacingOccurrences(of: "spec:\n  rules:", with: "spec:\n  bckground: true\n  rules:"), file: "p.yaml")[0]
        #expect(PolicyLoader.load(typo).policy != nil)
        let broken = try YAMLLoader.load(Self.base.replacingOccurrences(of: "operator", with: "x").replacingOccurrences(of: "  rules:", with: "  rules: 3\n  x:"), file: "p.yaml")[0]
        #expect(PolicyLoader.load(broken).policy == nil)
    }

    @Test("status-only documents (test assertions) are not policies")
    func assertions() {
        #expect(!PolicyLoader.isPolicy(yaml("apiVersion: kyverno.io/v1\nkind: ClusterPolicy\nmetadata: {name: x}\nstatus: {ready: true}")))
        #expect(PolicyLoader.isPolicy(yaml(Self.base)))
        #expect(!PolicyLoader.isPolicy(yaml("apiVersion: v1\nkind: Pod")))
    }
}
