import BulwarkCore
import BulwarkKyverno
import Testing

/// Generated resource/pattern pairs: the matcher terminates on everything, and a
/// wildcard-free pattern identical to the resource always matches it.
@Suite("Pattern matcher fuzz")
struct PatternFuzzTests {
    struct Rng {
        var s: UInt64
        mutating func next() -> UInt64 { s = s &* 6364136223846793005 &+ 1442695040888963407; return s >> 33 }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    static let keys = ["a", "b", "(a)", "=(b)", "X(c)", "^(d)", "<(e)", "c", "d", "e", "*"]
    static let strings = ["x", "*", "?*", ">1", "<=2Gi", "1-5", "!x", "a | b", "1 & 2", "", "(", "X(", "=(a)", "5!-9"]

    func value(_ r: inout Rng, depth: Int, anchors: Bool) -> Value {
        if depth > 3 { return .string(Self.strings[r.below(Self.strings.count)]) }
        switch r.below(7) {
        case 0: return .null
        case 1: return .int(r.below(10) - 3)
        case 2: return .bool(r.below(2) == 0)
        case 3: return .string(Self.strings[r.below(Self.strings.count)])
        case 4: return .array((0..<r.below(3)).map { _ in value(&r, depth: depth + 1, anchors: anchors) })
        default:
            var o = Object()
            for _ in 0..<r.below(4) {
                let k = anchors ? Self.keys[r.below(Self.keys.count)] : String(Self.keys[r.below(Self.keys.count)].filter(\.isLetter))
                o[k.isEmpty ? "k" : k] = value(&r, depth: depth + 1, anchors: anchors)
            }
            return .object(o)
        }
    }

    func plain(_ v: Value) -> Bool {
        switch v {
        case .string(let s): return s.allSatisfy { $0.isLetter } && !s.isEmpty
        // Kyverno applies the first pattern element to every element, so only
        // single-element arrays are guaranteed to match themselves.
        case .array(let a): return a.count == 1 && a.allSatisfy(plain)
        case .object(let o): return o.values.allSatisfy(plain)
        case .int, .bool: return true
        default: return false
        }
    }

    @Test("random patterns terminate and identical plain trees match")
    func fuzz() {
        var r = Rng(s: 42)
        var identical = 0
        for _ in 0..<5000 {
            let resource = value(&r, depth: 0, anchors: false)
            let pattern = value(&r, depth: 0, anchors: true)
            _ = PatternMatcher.match(resource, pattern)
            if plain(resource), case .object = resource {
                identical += 1
                #expect(PatternMatcher.match(resource, resource) == nil, "\(resource.jsonString())")
            }
        }
        #expect(identical > 50)
    }
}
