import BulwarkCore
import BulwarkKyverno
import Testing

@Suite("Pattern matcher")
struct PatternMatcherTests {
    enum Expect: Sendable, CustomStringConvertible {
        case pass, fail(String), skip, error
        var description: String {
            switch self {
            case .pass: return "pass"
            case .fail(let p): return "fail at \(p)"
            case .skip: return "skip"
            case .error: return "error"
            }
        }
    }

    static func outcome(_ resource: Value, _ pattern: Value) -> String {
        guard let e = PatternMatcher.match(resource, pattern) else { return "pass" }
        if e.isSkip { return "skip" }
        if e.path.isEmpty { return "error" }
        return "fail at \(e.path)"
    }

    static let cases: [(String, String, String, Expect)] = [
        ("plain value mismatch", "spec: {hostNetwork: true}", "spec: {hostNetwork: false}", .fail("/spec/hostNetwork/")),
        ("missing key with non-null pattern fails", "spec: {}", "spec: {hostNetwork: false}", .fail("/spec/hostNetwork/")),
        ("missing key with null pattern passes", "spec: {}", "spec: {x: null}", .pass),
        ("equality anchor passes when the key is absent", "spec: {}", "spec: {=(hostNetwork): false}", .pass),
        ("equality anchor checks the value when present", "spec: {hostNetwork: true}", "spec: {=(hostNetwork): false}", .fail("/spec/hostNetwork/")),
        ("negation anchor fails when the key is present", "spec: {ephemeralContainers: []}", "spec: {X(ephemeralContainers): null}", .fail("/spec/ephemeralContainers/")),
        ("negation anchor passes when absent", "spec: {}", "spec: {X(ephemeralContainers): null}", .pass),
        ("conditional anchor not met skips", "spec: {volumes: [{name: a}]}", "spec: {volumes: [{(hostPath): {path: /var}, name: b}]}", .skip),
        ("conditional anchor met applies the rest", "spec: {volumes: [{hostPath: {path: /var}, name: a}]}",
         "spec: {volumes: [{(hostPath): {path: /var}, name: b}]}", .fail("/spec/volumes/0/name/")),
        ("array of maps: every element is checked", "spec: {containers: [{image: 'a:1'}, {image: 'b:latest'}]}",
         "spec: {containers: [{image: '!*:latest'}]}", .fail("/spec/containers/1/image/")),
        ("global anchor not met skips the whole pattern", "spec: {containers: [{image: 'docker.io/x'}]}",
         "spec: {containers: [{<(image): 'gcr.io/*', imagePullPolicy: Always}]}", .skip),
        ("global anchor met enforces siblings", "spec: {containers: [{image: 'gcr.io/x'}]}",
         "spec: {containers: [{<(image): 'gcr.io/*', imagePullPolicy: Always}]}", .fail("/spec/containers/0/imagePullPolicy/")),
        ("existence anchor needs one matching element", "spec: {containers: [{image: a}, {image: nginx}]}",
         "spec: {^(containers): [{image: nginx}]}", .pass),
        ("existence anchor fails when no element matches", "spec: {containers: [{image: a}]}",
         "spec: {^(containers): [{image: nginx}]}", .fail("/spec/containers/")),
        ("star requires presence", "metadata: {labels: {}}", "metadata: {labels: {app: '*'}}", .fail("/metadata/labels/")),
        ("scalar pattern applies to every array element", "spec: {ports: [80, 8080]}", "spec: {ports: '<10000'}", .pass),
        ("type mismatch map vs scalar fails", "spec: 3", "spec: {a: 1}", .fail("/spec/")),
        ("wildcard metadata label keys expand", "metadata: {labels: {team-a: ''}}", "metadata: {labels: {'team-*': '?*'}}", .fail("/metadata/labels/team-a/")),
        ("missing conditional anchor key with a later mismatch is an error", "spec: {a: 1}", "spec: {(b): 2}", .skip),
    ]

    @Test("anchors and paths", arguments: cases)
    func matching(name: String, resource: String, pattern: String, expected: Expect) {
        #expect(Self.outcome(yaml(resource), yaml(pattern)) == expected.description, "\(name)")
    }

    static let values: [(Value, String, Bool)] = [
        ("nginx:1.2", "*:*", true), ("nginx", "*:*", false), ("nginx:latest", "!*:latest", false),
        (5, ">4", true), (5, "<=4", false), (5, "1-10", true), (11, "1-10", false), (11, "1!-10", true), (5, "1!-10", false),
        ("500m", "<1", true), ("2Gi", ">1Gi", true), ("512Mi", ">=1Gi", false), ("Always", "Always | IfNotPresent", true),
        ("Never", "Always | IfNotPresent", false), (3, ">1 & <5", true), (7, ">1 & <5", false), ("", "?*", false),
        ("x", "?*", true), (.null, ">0", false), (.null, "<1", true), (true, "true", true), (0, "!0", false),
    ]

    @Test("leaf operators, ranges, quantities and wildcards", arguments: values)
    func leaf(value: Value, pattern: String, expected: Bool) {
        let result = PatternMatcher.match(["v": value], ["v": .string(pattern)]) == nil
        #expect(result == expected, "\(value.jsonString()) vs \(pattern)")
    }

    @Test("typed patterns: null matches empty values, numbers match numeric strings")
    func typedPatterns() {
        #expect(PatternMatcher.match(["v": ""], ["v": .null]) == nil)
        #expect(PatternMatcher.match(["v": 0], ["v": .null]) == nil)
        #expect(PatternMatcher.match(["v": "x"], ["v": .null]) != nil)
        #expect(PatternMatcher.match(["v": "8080"], ["v": 8080]) == nil)
        #expect(PatternMatcher.match(["v": 1.5], ["v": 1]) != nil)
        #expect(PatternMatcher.match(["v": ["a": 1]], ["v": "*"]) == nil)
    }
}
