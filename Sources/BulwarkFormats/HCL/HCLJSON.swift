import BulwarkCore

/// Terraform's JSON syntax (`*.tf.json`) read into the same `HCLBody` the native parser
/// produces, so evaluation and rules see one shape. Top-level keys are block types whose
/// nested object levels are labels (`resource` → type → name); inside a block every
/// property is an attribute, and strings are templates (`"${var.x}"`), as the HCL JSON
/// spec says. Without provider schemas a nested block (`"ingress": [{…}]`) stays an
/// attribute holding a list of objects — the same value a native block list evaluates to.
public enum HCLJSON {
    /// Labels each top-level block type takes.
    static let labelCounts: [String: Int] = [
        "resource": 2, "data": 2, "variable": 1, "module": 1, "output": 1, "provider": 1,
        "locals": 0, "terraform": 0, "moved": 0, "import": 0, "check": 1, "removed": 0,
    ]

    public static func parse(_ text: String, file: String) throws -> HCLBody {
        let doc = try JSONParser.parse(text, file: file)
        guard let root = doc.value.objectValue else {
            throw BulwarkError(.parse, "a Terraform JSON file must hold an object at the top level", at: doc.span(at: []))
        }
        return try Converter(doc: doc, file: file).topLevel(root)
    }

    /// `terraform.tfvars.json`: each top-level property is a variable value, literally.
    public static func parseVariables(_ text: String, file: String) throws -> HCLBody {
        let doc = try JSONParser.parse(text, file: file)
        guard let root = doc.value.objectValue else {
            throw BulwarkError(.parse, "a variables file must hold an object at the top level", at: doc.span(at: []))
        }
        let converter = Converter(doc: doc, file: file)
        var body = HCLBody()
        for (name, value) in root {
            body.order.append((true, body.attributes.count))
            body.attributes.append(HCLAttribute(name: name, expression: try converter.expression(value, path: [.key(name)], templates: false),
                                                position: converter.position([.key(name)])))
        }
        return body
    }

    struct Converter {
        let doc: Document
        let file: String

        func position(_ path: [PathComponent]) -> HCLPosition {
            let s = doc.span(at: path)
            return HCLPosition(line: s.line, column: s.column)
        }

        func topLevel(_ root: Object) throws -> HCLBody {
            var body = HCLBody()
            for (type, value) in root {
                guard let labels = HCLJSON.labelCounts[type] else {
                    // Unknown top-level keys (comments as "//") are ignored, as Terraform does for "//".
                    if type == "//" { continue }
                    throw BulwarkError(.parse, "unknown Terraform block type \"\(type)\"", at: doc.span(at: [.key(type)]))
                }
                try blocks(type: type, value: value, labelsLeft: labels, labels: [], path: [.key(type)], into: &body)
            }
            return body
        }

        /// Descends one object level per label, then reads the block body; arrays at any
        /// level stand for several blocks with the same labels.
        func blocks(type: String, value: Value, labelsLeft: Int, labels: [String], path: [PathComponent], into body: inout HCLBody) throws {
            if let list = value.arrayValue {
                for (i, item) in list.enumerated() {
                    try blocks(type: type, value: item, labelsLeft: labelsLeft, labels: labels, path: path + [.index(i)], into: &body)
                }
                return
            }
            guard let object = value.objectValue else {
                throw BulwarkError(.parse, "\(type) \(labels.joined(separator: " ")) must be a JSON object", at: doc.span(at: path))
            }
            if labelsLeft > 0 {
                for (label, inner) in object {
                    try blocks(type: type, value: inner, labelsLeft: labelsLeft - 1, labels: labels + [label], path: path + [.key(label)], into: &body)
                }
                return
            }
            let inner = try blockBody(object, path: path, templates: type != "variable")
            body.order.append((false, body.blocks.count))
            body.blocks.append(HCLBlock(type: type, labels: labels, body: inner, position: position(path)))
        }

        func blockBody(_ object: Object, path: [PathComponent], templates: Bool) throws -> HCLBody {
            var body = HCLBody()
            for (name, value) in object where name != "//" {
                let p = path + [.key(name)]
                if name == "dynamic", let dynamics = value.objectValue {
                    for (label, spec) in dynamics {
                        for (i, one) in (spec.arrayValue ?? [spec]).enumerated() {
                            body.order.append((false, body.blocks.count))
                            body.blocks.append(try dynamicBlock(label, one, path: p + [.key(label)] + (spec.arrayValue == nil ? [] : [.index(i)])))
                        }
                    }
                    continue
                }
                // A variable's `default` is a literal value; everywhere else strings are templates.
                let expr = try expression(value, path: p, templates: templates || name != "default")
                body.order.append((true, body.attributes.count))
                body.attributes.append(HCLAttribute(name: name, expression: expr, position: position(p)))
            }
            return body
        }

        /// `"dynamic": {"ingress": {"for_each": …, "content": {…}}}` as the native block.
        func dynamicBlock(_ label: String, _ spec: Value, path: [PathComponent]) throws -> HCLBlock {
            guard let o = spec.objectValue else { throw BulwarkError(.parse, "dynamic \"\(label)\" must be a JSON object", at: doc.span(at: path)) }
            var inner = HCLBody()
            for (name, value) in o {
                if name == "content" {
                    let content = try blockBody(value.objectValue ?? Object(), path: path + [.key(name)], templates: true)
                    inner.order.append((false, inner.blocks.count))
                    inner.blocks.append(HCLBlock(type: "content", labels: [], body: content, position: position(path + [.key(name)])))
                } else {
                    inner.order.append((true, inner.attributes.count))
                    inner.attributes.append(HCLAttribute(name: name, expression: try expression(value, path: path + [.key(name)], templates: true), position: position(path + [.key(name)])))
                }
            }
            return HCLBlock(type: "dynamic", labels: [label], body: inner, position: position(path))
        }

        func expression(_ value: Value, path: [PathComponent], templates: Bool) throws -> HCLExpression {
            let pos = position(path)
            switch value {
            case .string(let s) where templates && (s.contains("${") || s.contains("%{")):
                do {
                    let parts = try HCLParser.parseTemplate(s, file: file)
                    // "${expr}" alone is the expression's value, not a string of it.
                    if parts.count == 1, case .interpolation(let e, _, _) = parts[0] { return e }
                    return .template(parts, pos)
                } catch let e as BulwarkError {
                    throw BulwarkError(.parse, "in this string: \(e.message)", at: SourceSpan(file: file, line: pos.line, column: pos.column))
                }
            case .array(let items):
                return .tuple(try items.enumerated().map { try expression($0.element, path: path + [.index($0.offset)], templates: templates) }, pos)
            case .object(let o):
                return .object(try o.map { (key: HCLExpression.literal(.string($0.key), pos),
                                            value: try expression($0.value, path: path + [.key($0.key)], templates: templates)) }, pos)
            default:
                return .literal(value, pos)
            }
        }
    }
}
