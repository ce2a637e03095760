import BulwarkCore
import BulwarkJMESPath
import Testing

@Suite("JMESPath evaluation")
struct EvaluationTests {
    let data: Value = [
        "people": [["name": "a", "age": 30], ["name": "b", "age": 20], ["name": "c", "age": 40]],
        "m": ["x": 1, "y": 2],
        "nested": [[1, 2], [3, [4]]],
        "s": "hello",
    ]

    func eval(_ e: String) throws -> Value { try JMESPathExpression(e).search(data) }

    static let cases: [(String, Value)] = [
        ("people[?age > `25`].name", Value.array(["a", "c"])),
        ("people[*].name | [0]", "a"),
        ("sort_by(people, &age)[].name", ["b", "a", "c"]),
        ("max_by(people, &age).name", "c"),
        ("nested[]", [1, 2, 3, [4]]),
        ("nested[][]", [1, 2, 3, 4]),
        ("people[::-1].name", ["c", "b", "a"]),
        ("people[-1:].age", [40]),
        ("m.*", [1, 2]),
        ("{a: m.x, b: s}", ["a": 1, "b": "hello"]),
        ("length(s)", 5),
        ("!missing", true),
        ("missing || m.y", 2),
        ("s == 'hello' && m.x", 1),
        ("to_number('1.5')", 1.5),
        ("join(',', people[].name)", "a,b,c"),
        ("`[1,2]` == `[1,2]`", true),
        ("'it\\'s'", "it's"),
        ("people[0].\"name\"", "a"),
    ]

    @Test("expressions and their results", arguments: cases)
    func results(expression: String, expected: Value) throws {
        #expect(try eval(expression) == expected)
    }

    @Test("type errors are invalid-type, arity errors invalid-arity", arguments: [
        ("abs('x')", JMESPathError.Kind.invalidType),
        ("length()", .invalidArity),
        ("sort(`[1, \"a\"]`)", .invalidType),
        ("nope(@)", .unknownFunction),
        ("people[::0]", .invalidValue),
        ("foo.", .syntax),
        ("a[?b", .syntax),
        ("\"quoted\"(@)", .syntax),
    ])
    func errors(expression: String, kind: JMESPathError.Kind) {
        do {
            _ = try eval(expression)
            Issue.record("expected \(kind) for \(expression)")
        } catch let e as JMESPathError {
            #expect(e.kind == kind, "\(expression): \(e)")
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test("syntax errors point at the offending column")
    func syntaxOffset() {
        do {
            _ = try JMESPathExpression("foo[?bar==")
        } catch let e as JMESPathError {
            #expect(e.offset == 10)
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test("Kyverno mode reports a missing key only when the result is null because of it")
    func missingKeys() throws {
        let reg = FunctionRegistry.standard
        #expect(throws: JMESPathError.self) { try JMESPathExpression("people[0].missing").searchReportingMissingKeys(data, functions: reg) }
        #expect(try JMESPathExpression("people[0].missing || 'd'").searchReportingMissingKeys(data, functions: reg) == "d")
        #expect(try JMESPathExpression("people[?missing]").searchReportingMissingKeys(data, functions: reg) == [])
        #expect(try JMESPathExpression("people[0].missing").search(data) == .null)
    }

    @Test("function signatures render with types")
    func signatures() {
        #expect(FunctionRegistry.standard["sort_by"]?.signature == "sort_by(array, expref) array")
        #expect(FunctionRegistry.standard["merge"]?.signature == "merge(object...) object")
    }
}
