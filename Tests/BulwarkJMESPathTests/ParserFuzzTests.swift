import BulwarkCore
import BulwarkJMESPath
import Testing

/// Generated inputs: the parser and interpreter must either succeed or throw a
/// `JMESPathError` with an in-range position — never crash, hang or throw anything else.
@Suite("JMESPath fuzz")
struct ParserFuzzTests {
    struct SplitMix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func pick<T>(_ xs: [T]) -> T { xs[Int(next() % UInt64(xs.count))] }
    }

    static let fragments = ["foo", "bar", ".", "[", "]", "[?", "[]", "[*]", "*", "|", "||", "&&", "!", "==", "<", ">=",
                            "(", ")", "{", "}", ":", ",", "@", "&", "`1`", "`{\"a\":1}`", "'x'", "\"q\"", "-1", "0", "2",
                            "length(", "sort_by(", "max(", " ", "`", "'", "\"", "\\", "é", "$", "[0:2:1]", "[::-1]"]

    func generated(_ rng: inout SplitMix) -> String {
        let n = Int(rng.next() % 12) + 1
        return (0..<n).map { _ in rng.pick(Self.fragments) }.joined()
    }

    func grammatical(_ rng: inout SplitMix, depth: Int = 0) -> String {
        if depth > 4 { return rng.pick(["foo", "@", "`[1,2]`", "'s'", "bar"]) }
        switch rng.next() % 9 {
        case 0: return grammatical(&rng, depth: depth + 1) + "." + rng.pick(["foo", "bar", "*", "[0]"])
        case 1: return grammatical(&rng, depth: depth + 1) + "[?" + grammatical(&rng, depth: depth + 1) + "]"
        case 2: return grammatical(&rng, depth: depth + 1) + " || " + grammatical(&rng, depth: depth + 1)
        case 3: return "length(" + grammatical(&rng, depth: depth + 1) + ")"
        case 4: return "[" + grammatical(&rng, depth: depth + 1) + ", " + grammatical(&rng, depth: depth + 1) + "]"
        case 5: return "{k: " + grammatical(&rng, depth: depth + 1) + "}"
        case 6: return grammatical(&rng, depth: depth + 1) + "[]"
        case 7: return "sort_by(" + grammatical(&rng, depth: depth + 1) + ", &foo)"
        default: return "!" + grammatical(&rng, depth: depth + 1)
        }
    }

    @Test("random token soup and grammatical expressions never crash")
    func fuzz() {
        var rng = SplitMix(state: 0xB0_1A_4C)
        let data: Value = ["foo": ["bar": [1, 2, 3], "foo": "x"], "bar": [["foo": 1], ["foo": "a"]]]
        var parsed = 0
        for i in 0..<4000 {
            let expr = i % 2 == 0 ? generated(&rng) : grammatical(&rng)
            do {
                let compiled = try JMESPathExpression(expr)
                parsed += 1
                do { _ = try compiled.search(data) } catch is JMESPathError {} catch {
                    Issue.record("non-JMESPath error evaluating \(expr): \(error)")
                }
            } catch let e as JMESPathError {
                #expect(e.kind == .syntax || e.kind == .unknownFunction, "\(expr)")
                if let o = e.offset { #expect(o >= 0 && o <= expr.unicodeScalars.count, "\(expr)") }
            } catch {
                Issue.record("non-JMESPath error parsing \(expr): \(error)")
            }
        }
        // The grammatical half must mostly parse, or the generator tests nothing.
        #expect(parsed > 1500)
    }
}
