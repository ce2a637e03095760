import BulwarkCore
import BulwarkFormats
import Testing

@Suite("HCL parser")
struct HCLParserTests {
    func parse(_ s: String) throws -> HCLBody { try HCLParser.parse(s, file: "main.tf") }

    func expr(_ s: String) throws -> HCLExpression {
        try #require(try parse("x = \(s)\n").attribute("x")).expression
    }

    /// A compact rendering of the tree, to assert structure in one string.
    func show(_ e: HCLExpression) -> String {
        switch e {
        case .literal(let v, _): return v.jsonString()
        case .template(let parts, _): return "tmpl(" + parts.map(show).joined(separator: ",") + ")"
        case .variable(let n, _): return n
        case .traversal(let b, let steps, _):
            return show(b) + steps.map { s -> String in
                switch s {
                case .attribute(let a): return ".\(a)"
                case .index(let i): return "[\(show(i))]"
                case .splat(let full): return full ? "[*]" : ".*"
                }
            }.joined()
        case .call(let n, let args, let expand, _): return "\(n)(" + args.map(show).joined(separator: ",") + (expand ? "..." : "") + ")"
        case .tuple(let items, _): return "[" + items.map(show).joined(separator: ",") + "]"
        case .object(let items, _): return "{" + items.map { "\(show($0.key))=\(show($0.value))" }.joined(separator: ",") + "}"
        case .forTuple(let k, let v, let c, let val, let cond, _):
            return "[for \(k.map { $0 + "," } ?? "")\(v) in \(show(c)): \(show(val))\(cond.map { " if " + show($0) } ?? "")]"
        case .forObject(let k, let v, let c, let key, let val, let g, let cond, _):
            return "{for \(k.map { $0 + "," } ?? "")\(v) in \(show(c)): \(show(key))=>\(show(val))\(g ? "..." : "")\(cond.map { " if " + show($0) } ?? "")}"
        case .conditional(let c, let a, let b, _): return "(\(show(c)) ? \(show(a)) : \(show(b)))"
        case .binary(let op, let a, let b, _): return "(\(show(a)) \(op.rawValue) \(show(b)))"
        case .unary(let op, let a, _): return "\(op.rawValue)\(show(a))"
        case .parenthesized(let a, _): return "(\(show(a)))"
        }
    }

    func show(_ p: HCLTemplatePart) -> String {
        switch p {
        case .literal(let s): return Value.string(s).jsonString()
        case .interpolation(let e, let l, let r): return "${\(l ? "~" : "")\(show(e))\(r ? "~" : "")}"
        case .ifDirective(let c, let t, let e): return "if(\(show(c)))[\(t.map(show).joined(separator: ","))]else[\(e.map(show).joined(separator: ","))]"
        case .forDirective(let k, let v, let c, let b): return "for(\(k ?? "")\(v) in \(show(c)))[\(b.map(show).joined(separator: ","))]"
        }
    }

    static let cases: [(String, String)] = [
        ("1 + 2 * 3 - 4", "((1 + (2 * 3)) - 4)"),
        ("a || b && !c == d", "(a || (b && (!c == d)))"),
        ("x > 1 ? \"big\" : \"small\"", "((x > 1) ? \"big\" : \"small\")"),
        ("-a.b[0].c", "-a.b[0].c"),
        ("var.list.0.name", "var.list[0].name"),
        ("aws_instance.web.*.id", "aws_instance.web.*.id"),
        ("aws_instance.web[*].tags[\"Name\"]", "aws_instance.web[*].tags[\"Name\"]"),
        ("concat(a, [b, c]...)", "concat(a,[b,c]...)"),
        ("provider::aws::arn_parse(x).region", "provider::aws::arn_parse(x).region"),
        ("[for s in var.list : upper(s) if s != \"\"]", "[for s in var.list: upper(s) if (s != \"\")]"),
        ("{for k, v in var.map : v => k...}", "{for k,v in var.map: v=>k...}"),
        ("{a = 1, \"b\" = 2, (var.k) = 3}", "{\"a\"=1,\"b\"=2,(var.k)=3}"),
        ("{\n  a = 1\n  b: 2\n}", "{\"a\"=1,\"b\"=2}"),
        ("\"${var.x}\"", "var.x"),
        ("\"a-${var.x}-b\"", "tmpl(\"a-\",${var.x},\"-b\")"),
        ("\"$${literal} %%{x} \\u00e9\"", "\"${literal} %{x} é\""),
        ("\"%{ if var.on }yes%{ else }no%{ endif }\"", "tmpl(if(var.on)[\"yes\"]else[\"no\"])"),
        ("\"%{ for i, n in var.names ~}${i}=${n} %{~ endfor }\"", "tmpl(for(in in var.names)[${i},\"=\",${n},\" \"])"),
        ("\"${~ x ~}\"", "x"),
        ("1.5e3", "1500"),
        ("null", "null"),
    ]

    @Test("expressions parse with HCL's precedence and forms", arguments: cases)
    func expressions(source: String, expected: String) throws {
        #expect(show(try expr(source)) == expected)
    }

    @Test("blocks, labels, one-line blocks, comments and heredocs")
    func structure() throws {
        let body = try parse("""
        \u{FEFF}# comment
        // another
        /* block
           comment */
        resource "aws_security_group" "web" {
          name = "web" # trailing
          ingress { from_port = 22 }
          dynamic "egress" {
            for_each = var.rules
            content {
              cidr_blocks = egress.value.cidrs
            }
          }
          policy = <<-EOT
            {
              "Version": "${var.v}"
            }
            EOT
          raw = <<EOF
        line one
        EOF
        }
        locals {}
        """)
        let r = try #require(body.blocks.first)
        #expect(r.type == "resource")
        #expect(r.labels == ["aws_security_group", "web"])
        #expect(r.position == HCLPosition(line: 5, column: 1))
        #expect(r.body.blocks("ingress").count == 1)
        #expect(r.body.blocks("dynamic").first?.labels == ["egress"])
        guard case .template(let parts, _) = try #require(r.body.attribute("policy")).expression else { Issue.record("policy should be a template"); return }
        #expect(show(parts[0]) == #""{\n  \"Version\": \"""#)
        guard case .literal(.string(let raw), _) = try #require(r.body.attribute("raw")).expression else { Issue.record("raw"); return }
        #expect(raw == "line one\n")
        #expect(body.blocks("locals").count == 1)
        #expect(r.body.attribute("name")?.position == HCLPosition(line: 6, column: 3))
    }

    @Test("syntax errors name the line and column of the problem", arguments: [
        ("variable\n  name = \"x\"\n}\n", 1, 9),
        ("a = \"unterminated\nb = 1\n", 1, 5),
        ("resource \"x\" \"y\" {\n  a = 1\n", 1, 18),
        ("a = [1, 2\n", 2, 1),
        ("a = 1 b = 2\n", 1, 7),
        ("a = \"%{ if x }\"\n", 1, 5),
        ("x = <<EOF\nno end\n", 1, 5),
    ])
    func errors(source: String, line: Int, column: Int) {
        do {
            _ = try parse(source)
            Issue.record("expected an error for \(source)")
        } catch let e as BulwarkError {
            #expect(e.location?.line == line && e.location?.column == column, "\(e)")
            #expect(e.description.hasPrefix("main.tf:"))
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test("generated garbage never crashes the parser")
    func fuzz() {
        var state: UInt64 = 99
        func next() -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int(state >> 33) }
        let pieces = ["resource", "\"x\"", "{", "}", "=", "\n", "[", "]", "(", ")", "${", "%{", "if", "for", "in", ":", "=>", "...", "?",
                      "a.b", "[*]", ".*", "1", "\"", "<<EOF\n", "EOF\n", "#", "/*", "*/", ",", "&&", "!", "-", "provider::", "\\"]
        for _ in 0..<3000 {
            let text = (0..<(1 + next() % 20)).map { _ in pieces[next() % pieces.count] }.joined(separator: next() % 2 == 0 ? " " : "")
            _ = try? HCLParser.parse(text, file: "f.tf")
        }
        let deep = String(repeating: "[", count: 100_000)
        #expect(throws: BulwarkError.self) { try HCLParser.parse("a = \(deep)", file: "deep.tf") }
    }
}
