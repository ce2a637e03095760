import BulwarkCore
import BulwarkKyverno
import Testing

@Suite("Condition operators")
struct ConditionOperatorTests {
    static let cases: [(Value, ConditionOperator, Value, Bool)] = [
        ("nginx", .equals, "ngi*", true),
        ("nginx", .notEquals, "nginx", false),
        (3, .equals, 3.0, true),
        ("1h", .equals, "60m", true),
        ("1Gi", .equals, "1024Mi", true),
        (["a": 1], .equals, ["a": 1], true),
        (true, .equals, false, false),
        ("CREATE", .anyIn, ["CREATE", "UPDATE"], true),
        ("DELETE", .anyIn, ["CREATE", "UPDATE"], false),
        (["a", "b"], .anyIn, ["b"], true),
        (["a", "b"], .allIn, ["a", "b", "c"], true),
        (["a", "z"], .allIn, ["a", "b"], false),
        (["a", "z"], .anyNotIn, ["a", "b"], true),
        (["a", "b"], .anyNotIn, ["a", "b"], false),
        (["x", "y"], .allNotIn, ["a"], true),
        (["x", "a"], .allNotIn, ["a"], false),
        ([], .anyIn, ["a"], false),
        ([], .anyNotIn, ["a"], false),
        ([5555], .anyNotIn, "5000-6000", false),
        ([22], .anyNotIn, "5000-6000", true),
        ([0], .anyNotIn, [0], false),
        ("kube-*", .anyIn, ["kube-system"], true),
        ("a", .anyIn, "[\"a\",\"b\"]", true),
        (3, .greaterThan, 2, true),
        ("3", .greaterThan, 2, true),
        ("2Gi", .greaterThan, "1Gi", true),
        ("500m", .lessThan, "1", true),
        ("1.10.0", .greaterThan, "1.9.0", true),
        ("90m", .greaterThanOrEquals, "1h", true),
        ("30m", .durationLessThan, "1h", true),
        ("x", .greaterThan, 1, false),
        ("b", .in, ["a", "b"], true),
        (["a", "b"], .notIn, ["a"], true),
    ]

    @Test("Kyverno operator semantics", arguments: cases)
    func evaluate(key: Value, op: ConditionOperator, value: Value, expected: Bool) {
        #expect(op.evaluate(key, value) == expected, "\(key.jsonString()) \(op.rawValue) \(value.jsonString())")
    }

    @Test("operators parse case-insensitively, including the singular aliases")
    func parsing() {
        #expect(ConditionOperator(lenient: "equals") == .equals)
        #expect(ConditionOperator(lenient: "Equal") == .equals)
        #expect(ConditionOperator(lenient: "ANYNOTIN") == .anyNotIn)
        #expect(ConditionOperator(lenient: "Bogus") == nil)
    }

    @Test("wildcards: star, question mark, literal text", arguments: [
        ("*", "", true), ("a*c", "abbbc", true), ("a?c", "abc", true), ("a?c", "ac", false), ("*.io/*", "gcr.io/x", true),
        ("abc", "abd", false), ("**a", "xa", true), ("?*", "", false),
    ])
    func wildcard(pattern: String, text: String, expected: Bool) {
        #expect(Wildcard.match(pattern, text) == expected)
    }

    @Test("kind selectors in every accepted form", arguments: [
        ("Pod", "", "v1", "Pod", "", true),
        ("v1/Pod", "", "v1", "Pod", "", true),
        ("v2/Pod", "", "v1", "Pod", "", false),
        ("apps/v1/Deployment", "apps", "v1", "Deployment", "", true),
        ("batch/*/CronJob", "batch", "v1", "CronJob", "", true),
        ("*/Pod", "", "v1", "Pod", "", true),
        ("*", "networking.k8s.io", "v1", "Ingress", "", true),
        ("Pod/ephemeralcontainers", "", "v1", "Pod", "ephemeralcontainers", true),
        ("Pod/ephemeralcontainers", "", "v1", "Pod", "", false),
        ("Pod", "", "v1", "Pod", "status", false),
        ("apps/v1/Deployment/scale", "apps", "v1", "Deployment", "scale", true),
    ])
    func kinds(selector: String, group: String, version: String, kind: String, sub: String, expected: Bool) {
        #expect(KindSelector(selector).matches(group: group, version: version, kind: kind, subresource: sub) == expected)
    }
}
