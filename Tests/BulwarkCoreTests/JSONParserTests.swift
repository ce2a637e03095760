import BulwarkCore
import Testing

@Suite("JSON parser")
struct JSONParserTests {
    @Test("keeps integers, doubles, unicode escapes and surrogate pairs")
    func values() throws {
        let v = try JSONParser.parseValue(#"{"i": 42, "d": 4.5e1, "u": "\u00e9\ud83d\ude00", "neg": -0.5}"#)
        #expect(v["i"] == .int(42))
        if case .double(let d)? = v["d"] { #expect(d == 45) } else { Issue.record("expected double") }
        #expect(v["u"] == .string("é😀"))
        #expect(v["neg"] == .double(-0.5))
    }

    @Test("reports the line and column of a syntax error", arguments: [
        ("{\n  \"a\": tru\n}", 2, 8),
        ("[1, 2,]", 1, 7),
        ("{\"a\" 1}", 1, 6),
        ("\"unterminated", 1, 14),
    ])
    func errors(input: String, line: Int, column: Int) {
        do {
            _ = try JSONParser.parse(input, file: "x.json")
            Issue.record("expected an error")
        } catch let e as BulwarkError {
            #expect(e.location?.line == line)
            #expect(e.location?.column == column)
            #expect(e.description.hasPrefix("x.json:\(line):\(column):"))
        } catch {
            Issue.record("unexpected error type \(error)")
        }
    }

    @Test("records spans for nested members")
    func spans() throws {
        let doc = try JSONParser.parse("{\n  \"spec\": {\n    \"x\": [1,\n 2]\n  }\n}", file: "f.json")
        let span = doc.span(at: [.key("spec"), .key("x"), .index(1)])
        #expect(span.line == 4)
        #expect(span.column == 2)
    }

    @Test("deep nesting is an error, not a stack overflow")
    func deepNesting() {
        let deep = String(repeating: "[", count: 100_000)
        #expect(throws: BulwarkError.self) { try JSONParser.parseValue(deep) }
    }
}
