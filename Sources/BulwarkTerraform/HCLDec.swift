import BulwarkCore
import BulwarkFormats

/// Just enough of HashiCorp's `hcldec` specification language to run the upstream HCL
/// spec suite: a spec says which attributes and blocks a body may hold and what value
/// they decode to. Decoding reports unexpected arguments like HCL does, so the suite's
/// "diagnostics" cases test our errors as well as our values.
public enum HCLDec {
    public struct Failure: Error, Sendable {
        public var message: String
        public var line: Int
        public var column: Int
    }

    /// Decodes `body` by the spec file's root spec, with `variables` bound as bare names.
    public static func decode(_ body: HCLBody, spec: HCLBody) throws -> Value {
        var scope = EvalScope()
        for v in spec.blocks("variables") {
            for a in v.body.attributes {
                scope.bindings[a.name] = try ExpressionEvaluator(scope: EvalScope()).evaluate(a.expression)
            }
        }
        guard let root = spec.blocks.first(where: { $0.type != "variables" }) else { return .null }
        return try decodeSpec(root, body, scope: scope)
    }

    static func decodeSpec(_ spec: HCLBlock, _ body: HCLBody, scope: EvalScope) throws -> Value {
        switch spec.type {
        case "literal":
            return try value(spec.body.attribute("value")?.expression, scope: EvalScope())
        case "object":
            var out = Object()
            var allowedAttributes = Set<String>(), allowedBlocks = Set<String>()
            for child in spec.body.blocks {
                let name = child.labels.first ?? ""
                switch child.type {
                case "attr":
                    allowedAttributes.insert(name)
                    out[name] = try value(body.attribute(name)?.expression, scope: scope)
                default:
                    let type = blockType(child)
                    allowedBlocks.insert(type)
                    out[name.isEmpty ? type : name] = try decodeSpec(child, body, scope: scope)
                }
            }
            if let extra = body.attributes.first(where: { !allowedAttributes.contains($0.name) }) {
                throw Failure(message: "an argument named \"\(extra.name)\" is not expected here", line: extra.position.line, column: extra.position.column)
            }
            if let extra = body.blocks.first(where: { !allowedBlocks.contains($0.type) }) {
                throw Failure(message: "blocks of type \"\(extra.type)\" are not expected here", line: extra.position.line, column: extra.position.column)
            }
            return .object(out)
        case "block":
            let matches = body.blocks(blockType(spec))
            if matches.count > 1 {
                throw Failure(message: "only one \"\(blockType(spec))\" block is allowed", line: matches[1].position.line, column: matches[1].position.column)
            }
            guard let b = matches.first else { return .null }
            return try decodeInner(spec, b.body, scope: scope)
        case "block_list", "block_set":
            return .array(try body.blocks(blockType(spec)).map { try decodeInner(spec, $0.body, scope: scope) })
        case "block_map":
            let labels = (try? value(spec.body.attribute("labels")?.expression, scope: EvalScope()))?.arrayValue?.count ?? 1
            var out = Object()
            for b in body.blocks(blockType(spec)) {
                guard b.labels.count == labels else {
                    throw Failure(message: "\"\(b.type)\" blocks need \(labels) labels", line: b.position.line, column: b.position.column)
                }
                let decoded = try decodeInner(spec, b.body, scope: scope)
                out = insert(decoded, at: b.labels[...], into: out)
            }
            return .object(out)
        default:
            throw Failure(message: "unsupported hcldec spec \"\(spec.type)\"", line: spec.position.line, column: spec.position.column)
        }
    }

    static func insert(_ v: Value, at labels: ArraySlice<String>, into object: Object) -> Object {
        var object = object
        guard let first = labels.first else { return object }
        if labels.count == 1 { object[first] = v; return object }
        object[first] = .object(insert(v, at: labels.dropFirst(), into: object[first]?.objectValue ?? Object()))
        return object
    }

    /// A block spec names its type by label (`block "a"`) or by `block_type = "a"`.
    static func blockType(_ spec: HCLBlock) -> String {
        if let t = spec.body.attribute("block_type"), case .literal(.string(let s), _) = t.expression { return s }
        if let t = spec.body.attribute("block_type"), case .template(let parts, _) = t.expression, case .literal(let s)? = parts.first { return s }
        return spec.labels.first ?? ""
    }

    static func decodeInner(_ spec: HCLBlock, _ body: HCLBody, scope: EvalScope) throws -> Value {
        guard let inner = spec.body.blocks.first else { return .object(Object()) }
        return try decodeSpec(inner, body, scope: scope)
    }

    static func value(_ e: HCLExpression?, scope: EvalScope) throws -> Value {
        guard let e else { return .null }
        do {
            switch try ExpressionEvaluator(scope: scope).evaluate(e) {
            case .known(let v): return v
            case .unknown(let r): throw Failure(message: r, line: e.position.line, column: e.position.column)
            }
        } catch let f as Failure { throw f } catch {
            throw Failure(message: "\(error)", line: e.position.line, column: e.position.column)
        }
    }

    /// Structural equality with numbers compared at double precision (HCL itself uses
    /// arbitrary precision; the suite's 60-digit constants round to the same doubles).
    public static func same(_ a: Value, _ b: Value) -> Bool {
        if let x = a.numberValue, let y = b.numberValue, a.isNumber, b.isNumber {
            return x == y || abs(x - y) <= 1e-12 * max(abs(x), abs(y))
        }
        switch (a, b) {
        case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        case (.object(let x), .object(let y)):
            return Set(x.keys) == Set(y.keys) && x.keys.allSatisfy { same(x[$0]!, y[$0]!) }
        default: return a == b
        }
    }
}
