import BulwarkCore
import Testing

@Suite("Value model")
struct ValueTests {
    @Test("integers and doubles compare numerically")
    func numericEquality() {
        #expect(Value.int(1) == Value.double(1.0))
        #expect(Value.int(1) != Value.double(1.5))
        #expect(Value.int(2).hashValue == Value.double(2).hashValue)
    }

    @Test("object equality ignores key order but iteration keeps it")
    func objectOrder() {
        let a: Value = ["b": 1, "a": 2]
        let b: Value = ["a": 2, "b": 1]
        #expect(a == b)
        #expect(a.objectValue?.keys == ["b", "a"])
    }

    @Test("objects past the index threshold still look up, replace and remove keys")
    func largeObject() {
        var o = Object()
        for i in 0..<40 { o["k\(i)"] = .int(i) }
        #expect(o["k33"] == .int(33))
        o["k33"] = .string("x")
        #expect(o["k33"] == .string("x"))
        o["k5"] = nil
        #expect(o["k5"] == nil)
        #expect(o["k6"] == .int(6))
        #expect(o.count == 39)
    }

    @Test("truthiness follows JMESPath")
    func truthiness() {
        #expect(!Value.null.isTruthy)
        #expect(!Value.string("").isTruthy)
        #expect(!Value.array([]).isTruthy)
        #expect(!Value.object(Object()).isTruthy)
        #expect(Value.int(0).isTruthy)
        #expect(Value.bool(true).isTruthy)
    }

    @Test("JSON output is deterministic and escapes control characters")
    func jsonOutput() {
        let v: Value = ["s": "a\"b\n\u{01}", "n": 3.0, "d": 1.5, "l": [true, nil]]
        #expect(v.jsonString() == #"{"s":"a\"b\n\u0001","n":3,"d":1.5,"l":[true,null]}"#)
        #expect(v.jsonString(sortedKeys: true) == #"{"d":1.5,"l":[true,null],"n":3,"s":"a\"b\n\u0001"}"#)
    }

    @Test("paths follow keys and indices")
    func paths() {
        let v: Value = ["spec": ["containers": [["image": "nginx"]]]]
        #expect(v.value(at: [.key("spec"), .key("containers"), .index(0), .key("image")]) == "nginx")
        #expect(v.value(at: [.key("spec"), .key("containers"), .index(3)]) == nil)
        #expect([PathComponent.key("spec"), .index(0)].kyvernoPath == "/spec/0/")
    }
}
