import BulwarkCore
import BulwarkFormats
import BulwarkKyverno
import Testing

@Suite("kyverno-test.yaml runner")
struct TestRunnerTests {
    static let files: [String: String] = [
        "policy.yaml": """
        apiVersion: kyverno.io/v1
        kind: ClusterPolicy
        metadata: {name: require-team}
        spec:
          rules:
          - name: check-team
            match: {any: [{resources: {kinds: [Pod]}}]}
            validate: {pattern: {metadata: {labels: {team: "?*"}}}}
        """,
        "resources.yaml": """
        apiVersion: v1
        kind: Pod
        metadata: {name: good, labels: {team: a}}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: bad}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: deploy}
        spec: {template: {metadata: {labels: {team: a}}}}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: svc}
        """,
    ]

    func run(_ results: String, strict: Bool) throws -> TestRunner.Outcome {
        let test = try KyvernoTest(try YAMLLoader.load("""
        apiVersion: cli.kyverno.io/v1alpha1
        kind: Test
        metadata: {name: t}
        policies: [policy.yaml]
        resources: [resources.yaml]
        results:
        \(results)
        """, file: "kyverno-test.yaml")[0])
        return TestRunner(strict: strict).run(test, file: "kyverno-test.yaml") { path in
            guard let text = Self.files[path] else { throw BulwarkError(.io, "missing \(path)") }
            return try YAMLLoader.load(text, file: path)
        }
    }

    @Test("expected verdicts match, including autogen rules under the written rule name")
    func verdicts() throws {
        let o = try run("""
        - {policy: require-team, rule: check-team, resources: [good], kind: Pod, result: pass}
        - {policy: require-team, rule: check-team, resources: [bad], kind: Pod, result: fail}
        - {policy: require-team, rule: check-team, resources: [deploy], kind: Deployment, result: pass}
        """, strict: true)
        #expect(o.passed == 3)
        #expect(o.failed == 0)
    }

    @Test("a wrong expectation fails the row with the actual verdict")
    func wrongExpectation() throws {
        let o = try run("- {policy: require-team, rule: check-team, resources: [bad], kind: Pod, result: pass}", strict: false)
        #expect(o.failed == 1)
        #expect(o.rows.first?.actual == .fail)
    }

    @Test("rows the rule never matched pass by default, flagged, and fail with --strict")
    func compatibility() throws {
        let rows = """
        - {policy: require-team, rule: check-team, resources: [svc], kind: Service, result: fail}
        - {policy: require-team, rule: check-team, resources: [good], kind: Deployment, result: pass}
        - {policy: require-team, rule: check-team, resources: [ghost], kind: Pod, result: pass}
        """
        let lenient = try run(rows, strict: false)
        #expect(lenient.passed == 3)
        #expect(lenient.lenient == 3)
        let strict = try run(rows, strict: true)
        #expect(strict.failed == 3)
        #expect(strict.rows.allSatisfy { $0.note != nil })
    }

    @Test("a result outside pass/fail/skip/error/warn is a schema error with a location")
    func badResult() {
        do {
            _ = try run("- {policy: require-team, rule: check-team, resources: [good], result: passed}", strict: false)
            Issue.record("expected an error")
        } catch let e as BulwarkError {
            #expect(e.location?.line == 7)
        } catch {
            Issue.record("\(error)")
        }
    }
}
