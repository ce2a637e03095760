import BulwarkCore
import BulwarkFormats
import BulwarkTerraform
import Testing

@Suite("Terraform expression evaluation")
struct EvaluatorTests {
    static var scope: EvalScope {
        var s = EvalScope()
        s.variables = [
            "ports": .known([22, 443]),
            "cidrs": .known(["10.0.0.0/8", "0.0.0.0/0"]),
            "tags": .known(["team": "a", "env": "prod"]),
            "name": .known("web"),
            "secret": .unknown(reason: "variable \"secret\" has no default and no value"),
            "rules": .known([["port": 22, "cidr": "0.0.0.0/0"], ["port": 80, "cidr": "10.0.0.0/8"]]),
        ]
        s.locals = ["prefix": .known("acme")]
        s.readFile = { path in
            guard path == "policy.tpl" else { throw TFError("no such file \(path)") }
            return "allow ${user} on %{ for p in ports }${p},%{ endfor }"
        }
        return s
    }

    func eval(_ source: String) throws -> TFValue {
        let body = try HCLParser.parse("x = \(source)\n", file: "main.tf")
        let expr = try #require(body.attribute("x")).expression
        return try ExpressionEvaluator(scope: Self.scope).evaluate(expr)
    }

    static let cases: [(String, Value)] = [
        ("1 + 2 * 3", 7), ("10 / 4", 2.5), ("7 % 3", 1), ("\"5\" + 1", 6), ("!true || 1 < 2", true),
        ("var.name == \"web\" ? \"yes\" : \"no\"", "yes"),
        ("\"${local.prefix}-${var.name}\"", "acme-web"),
        ("var.ports[1]", 443), ("var.tags[\"team\"]", "a"), ("var.rules[0].cidr", "0.0.0.0/0"),
        ("var.rules[*].port", [22, 80]), ("var.rules.*.cidr", ["0.0.0.0/0", "10.0.0.0/8"]),
        ("[for r in var.rules : r.port if r.cidr == \"0.0.0.0/0\"]", [22]),
        ("{for k, v in var.tags : upper(k) => v}", ["ENV": "prod", "TEAM": "a"]),
        ("{for r in var.rules : r.cidr => r.port...}", ["0.0.0.0/0": [22], "10.0.0.0/8": [80]]),
        ("\"%{ if var.name == \"web\" }public%{ else }private%{ endif }\"", "public"),
        ("lookup(var.tags, \"owner\", \"none\")", "none"), ("merge(var.tags, {env = \"dev\"})", ["team": "a", "env": "dev"]),
        ("concat(var.ports, [8080])", [22, 443, 8080]), ("flatten([[1], [2, [3]]])", [1, 2, 3]), ("distinct([1, 1, 2])", [1, 2]),
        ("keys(var.tags)", ["env", "team"]), ("values(var.tags)", ["prod", "a"]), ("length(var.cidrs)", 2),
        ("element(var.ports, 3)", 443), ("contains(var.cidrs, \"0.0.0.0/0\")", true), ("coalesce(\"\", \"x\")", "x"),
        ("coalescelist([], [1])", [1]), ("compact([\"a\", \"\", null])", ["a"]), ("format(\"%s:%d\", \"a\", 5)", "a:5"),
        ("join(\",\", var.cidrs)", "10.0.0.0/8,0.0.0.0/0"), ("split(\",\", \"a,b\")", ["a", "b"]), ("replace(\"a-b\", \"-\", \"_\")", "a_b"),
        ("replace(\"a1b22\", \"/[0-9]+/\", \"#\")", "a#b#"), ("lower(\"AB\")", "ab"), ("upper(\"ab\")", "AB"), ("trimspace(\"  x \")", "x"),
        ("jsonencode({a = [1]})", "{\"a\":[1]}"), ("jsondecode(\"{\\\"a\\\": true}\").a", true), ("yamldecode(\"a: [1, 2]\").a[1]", 2),
        ("tomap({a = 1})", ["a": 1]), ("tolist([1])", [1]), ("toset([\"a\", \"a\"])", ["a"]), ("tostring(5)", "5"), ("tonumber(\"2\")", 2),
        ("tobool(\"true\")", true), ("try(var.tags.owner.name, \"fallback\")", "fallback"), ("can(var.ports[5])", false),
        ("cidrsubnet(\"10.0.0.0/16\", 8, 2)", "10.0.2.0/24"), ("cidrhost(\"10.0.1.0/24\", 5)", "10.0.1.5"), ("range(3)", [0, 1, 2]),
        ("zipmap([\"a\", \"b\"], [1, 2])", ["a": 1, "b": 2]), ("setunion([\"a\"], [\"b\", \"a\"])", ["a", "b"]),
        ("base64encode(\"hi\")", "aGk="), ("templatefile(\"policy.tpl\", {user = \"bob\", ports = [1, 2]})", "allow bob on 1,2,"),
        ("concat([[1], [2]]...)", [1, 2]),
    ]

    @Test("expressions and built-in functions", arguments: cases)
    func known(source: String, expected: Value) throws {
        #expect(try eval(source) == .known(expected), "\(source)")
    }

    @Test("unknown values propagate with their reason", arguments: [
        "var.secret", "\"pw=${var.secret}\"", "var.secret == \"x\"", "[var.secret]", "length(var.secret)",
        "aws_s3_bucket.logs.id", "var.secret ? 1 : 2", "upper(var.secret)",
    ])
    func unknown(source: String) throws {
        let v = try eval(source)
        #expect(!v.isKnown, "\(source) should be unknown")
        #expect(v.unknownReason?.isEmpty == false)
    }

    @Test("coalesce decides only when every earlier argument is known")
    func coalesceUnknown() throws {
        #expect(try eval("coalesce(\"a\", var.secret)") == .known("a"))
        #expect(try eval("coalesce(var.secret, \"a\")").isKnown == false)
    }

    @Test("evaluation errors carry the expression's position", arguments: [
        ("var.missing", "undeclared input variable 'missing'"), ("nosuch(1)", "unknown function nosuch()"),
        ("var.ports[9]", "out of range"), ("1 / 0", "division by zero"), ("true + 1", "needs numbers"),
        ("cidrsubnet(\"10.0.0.0/30\", 4, 1)", "longer than 32 bits"),
    ])
    func errors(source: String, message: String) {
        do {
            _ = try eval(source)
            Issue.record("expected an error for \(source)")
        } catch let e as TFError {
            #expect(e.message.contains(message), "\(e.message)")
            #expect(e.position?.line == 1)
        } catch {
            Issue.record("\(error)")
        }
    }
}
