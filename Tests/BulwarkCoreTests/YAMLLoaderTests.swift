import BulwarkCore
import BulwarkFormats
import Testing

@Suite("YAML loader")
struct YAMLLoaderTests {
    @Test("scalars are typed as Kubernetes' YAML 1.1 loader types them", arguments: [
        ("yes", Value.bool(true)), ("off", .bool(false)), ("True", .bool(true)), ("~", .null), ("null", .null),
        ("0755", .int(493)), ("0x1F", .int(31)), ("1_000", .int(1000)), ("-3", .int(-3)), ("1.5", .double(1.5)),
        ("'yes'", .string("yes")), ("\"1\"", .string("1")), ("1.2.3", .string("1.2.3")), ("nginx:1.25", .string("nginx:1.25")),
        ("!!str 10", .string("10")), ("''", .string("")),
    ])
    func scalars(text: String, expected: Value) throws {
        let docs = try YAMLLoader.load("v: \(text)\n", file: "t.yaml")
        #expect(docs.first?.value["v"] == expected)
    }

    @Test("splits multi-document streams and keeps each document's positions")
    func multiDocument() throws {
        let docs = try YAMLLoader.load("a: 1\n---\nkind: Pod\nspec:\n  containers:\n  - image: x\n", file: "m.yaml")
        #expect(docs.count == 2)
        let span = docs[1].span(at: [.key("spec"), .key("containers"), .index(0), .key("image")])
        #expect(span.line == 6)
        #expect(span.column == 5)
    }

    @Test("duplicate keys are an error with a position")
    func duplicateKeys() {
        do {
            _ = try YAMLLoader.load("a: 1\nb: 2\na: 3\n", file: "d.yaml")
            Issue.record("expected an error")
        } catch let e as BulwarkError {
            #expect(e.message.contains("duplicate key a"))
            #expect(e.location?.file == "d.yaml")
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test("malformed YAML names file, line and column")
    func malformed() {
        do {
            _ = try YAMLLoader.load("a: [1, 2\nb: c\n", file: "bad.yaml")
            Issue.record("expected an error")
        } catch let e as BulwarkError {
            #expect(e.description.hasPrefix("bad.yaml:2:"))
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test("alias bombs stop at the node budget instead of exhausting memory")
    func aliasBomb() {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1..<9 {
            let refs = Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ")
            yaml += "a\(i): &a\(i) [\(refs)]\n"
        }
        #expect(throws: BulwarkError.self) { try YAMLLoader.load(yaml, file: "bomb.yaml") }
    }

    @Test("merge keys copy entries the mapping does not set itself")
    func mergeKeys() throws {
        let docs = try YAMLLoader.load("base: &b {x: 1, y: 2}\nderived:\n  <<: *b\n  y: 3\n", file: "m.yaml")
        #expect(docs[0].value["derived"] == ["x": 1, "y": 3])
    }

    @Test("List kinds are unwrapped into their items, with item positions")
    func listUnwrap() throws {
        let docs = try DocumentLoader.parse("apiVersion: v1\nkind: List\nitems:\n- kind: Pod\n  metadata: {name: a}\n- kind: Service\n  metadata: {name: b}\n", file: "l.yaml")
        let resources = DocumentLoader.resources(in: docs)
        #expect(resources.map { $0.value["kind"] } == ["Pod", "Service"])
        #expect(resources[1].span(at: [.key("metadata")]).line == 7)
    }

    @Test("JSON content is parsed as JSON with positions")
    func jsonDetection() throws {
        let docs = try DocumentLoader.parse("{\"kind\": \"Pod\",\n \"spec\": {}}", file: "p.json")
        #expect(docs.first?.value["kind"] == "Pod")
        #expect(docs.first?.span(at: [.key("spec")]).line == 2)
    }
}
