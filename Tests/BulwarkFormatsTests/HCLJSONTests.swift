import BulwarkCore
@testable import BulwarkFormats
import Testing

@Suite("HCL JSON syntax (*.tf.json)")
struct HCLJSONTests {
    @Test("block types take their labels from nested objects; arrays repeat blocks; strings are templates, \"${x}\" alone is x")
    func structure() throws {
        let body = try HCLJSON.parse("""
        {
          "variable": {"n": {"default": "${not a template}"}},
          "resource": {"aws_s3_bucket": {"a": {"bucket": "x-${var.n}", "count": "${var.n}"}, "b": [{"bucket": "b1"}, {"bucket": "b2"}]}},
          "locals": {"l": 1},
          "//": "comment"
        }
        """, file: "main.tf.json")
        #expect(body.blocks.map(\.type) == ["variable", "resource", "resource", "resource", "locals"])
        let a = try #require(body.blocks.first { $0.labels == ["aws_s3_bucket", "a"] })
        #expect(a.position.line == 3)
        guard case .template = a.body.attribute("bucket")?.expression else { Issue.record("bucket should be a template"); return }
        guard case .traversal = a.body.attribute("count")?.expression else { Issue.record("count should unwrap to var.n"); return }
        guard case .literal(.string("${not a template}"), _) = body.blocks[0].body.attribute("default")?.expression else {
            Issue.record("a variable default is literal"); return
        }
        #expect(body.blocks.filter { $0.labels == ["aws_s3_bucket", "b"] }.count == 2)
    }

    @Test("errors carry file:line:column", arguments: [
        ("{\"resource\": 3}", 1), ("{\n  \"bogus\": {}\n}", 2), ("{\"resource\": {\"a\": {\"b\": {\"c\": \"${\"}}}}", 1), ("[1]", 1), ("{", 1),
    ])
    func errors(text: String, line: Int) {
        do {
            _ = try HCLJSON.parse(text, file: "x.tf.json")
            Issue.record("expected an error for \(text)")
        } catch let e as BulwarkError {
            #expect(e.location?.file == "x.tf.json")
            #expect(e.location?.line == line)
        } catch { Issue.record("unexpected error type \(error)") }
    }

    @Test("generated garbage either parses or fails with a positioned error in that file")
    func fuzz() {
        var rng = SystemRandomNumberGenerator()
        let pieces = ["{", "}", "[", "]", "\"resource\"", "\"${", "}\"", ":", ",", "\"a\"", "1", "null", "\"dynamic\"", "\"content\""]
        func check(_ file: String, _ parse: () throws -> HCLBody) {
            do { _ = try parse() } catch let e as BulwarkError {
                #expect(e.location?.file == file && (e.location?.line ?? 0) >= 1, "\(e)")
            } catch { Issue.record("not a positioned BulwarkError: \(error)") }
        }
        for _ in 0..<500 {
            let text = (0..<Int.random(in: 1...30, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            check("f.tf.json") { try HCLJSON.parse(text, file: "f.tf.json") }
            check("f.tfvars.json") { try HCLJSON.parseVariables(text, file: "f.tfvars.json") }
        }
    }
}
