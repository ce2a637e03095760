import BulwarkCore

/// Runs the JMESPath project's compliance-test format (`[{given, cases: [{expression,
/// result|error|bench}]}]`) over already-parsed JSON. File reading is the caller's job.
public enum ComplianceSuite {
    public struct Failure: Sendable, CustomStringConvertible {
        public var expression: String
        public var expected: String
        public var actual: String
        public var description: String { "\(expression)\n    expected: \(expected)\n    actual:   \(actual)" }
    }

    public struct Outcome: Sendable {
        public var passed = 0
        public var failures: [Failure] = []
        /// Benchmark cases: (expression, given) pairs, which are not pass/fail cases.
        public var benchmarks: [(expression: String, given: Value)] = []
    }

    public static func run(_ suite: Value, functions: FunctionRegistry = .standard) -> Outcome {
        var outcome = Outcome()
        for group in suite.arrayValue ?? [] {
            let given = group["given"] ?? .null
            for c in group["cases"]?.arrayValue ?? [] {
                guard let expression = c["expression"]?.stringValue else { continue }
                if c["bench"] != nil {
                    outcome.benchmarks.append((expression, given))
                    continue
                }
                let actual: Result<Value, Error> = Result { try JMESPathExpression(expression).search(given, functions: functions) }
                if let expectedError = c["error"]?.stringValue {
                    switch actual {
                    case .failure(let e as JMESPathError) where e.kind.rawValue == expectedError:
                        outcome.passed += 1
                    case .failure(let e):
                        outcome.failures.append(Failure(expression: expression, expected: "error \(expectedError)", actual: "error \(e)"))
                    case .success(let v):
                        outcome.failures.append(Failure(expression: expression, expected: "error \(expectedError)", actual: v.jsonString()))
                    }
                } else if let expected = c["result"] {
                    switch actual {
                    case .success(let v) where v == expected:
                        outcome.passed += 1
                    case .success(let v):
                        outcome.failures.append(Failure(expression: expression, expected: expected.jsonString(), actual: v.jsonString()))
                    case .failure(let e):
                        outcome.failures.append(Failure(expression: expression, expected: expected.jsonString(), actual: "error \(e)"))
                    }
                }
            }
        }
        return outcome
    }
}
