import BulwarkCore
import Foundation
import Yams

/// Multi-document YAML into `Value` trees with a span for every node.
///
/// Scalars are interpreted the way Kubernetes' own loader (go-yaml v2, YAML 1.1) does,
/// because that is what Kyverno and the API server see: `yes`/`on` are booleans,
/// `0755` is octal, quoted scalars are always strings. Aliases are expanded with a node
/// budget so a "billion laughs" document fails cleanly instead of exhausting memory.
public enum YAMLLoader {
    /// Upper bound on nodes produced from one document after alias expansion.
    public static let nodeBudget = 2_000_000

    public static func load(_ text: String, file: String) throws -> [Document] {
        if let fast = FastYAML.load(text, file: file) { return fast }
        return try loadWithYams(text, file: file)
    }

    /// The full YAML 1.1 parser (Yams/libyaml): every construct, and the error messages.
    public static func loadWithYams(_ text: String, file: String) throws -> [Document] {
        var documents: [Document] = []
        let parser: Parser
        do {
            parser = try Parser(yaml: text, resolver: .basic, constructor: .default, encoding: .utf8)
        } catch {
            throw wrap(error, file: file)
        }
        var index = 0
        while true {
            let node: Node?
            do { node = try parser.nextRoot() } catch { throw wrap(error, file: file) }
            guard let node else { break }
            var budget = nodeBudget
            let (value, spans) = try convert(node, file: file, budget: &budget)
            documents.append(Document(file: file, index: index, value: value, spans: spans))
            index += 1
        }
        return documents
    }

    static func wrap(_ error: Error, file: String) -> BulwarkError {
        guard let y = error as? YamlError else {
            return BulwarkError(.parse, "invalid YAML: \(error)", at: SourceSpan(file: file, line: 1, column: 1))
        }
        switch y {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let ctx = context.map { " (\($0.text))" } ?? ""
            return BulwarkError(.parse, "invalid YAML: \(problem)\(ctx)", at: SourceSpan(file: file, line: mark.line, column: mark.column))
        case .reader(let problem, _, _, _):
            return BulwarkError(.parse, "invalid YAML: \(problem)", at: SourceSpan(file: file, line: 1, column: 1))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return BulwarkError(.parse, "duplicate key \(duplicates.joined(separator: ", ")) in mapping (a later value would silently win)",
                                at: SourceSpan(file: file, line: context.mark.line, column: context.mark.column))
        default:
            return BulwarkError(.parse, "invalid YAML: \(y)", at: SourceSpan(file: file, line: 1, column: 1))
        }
    }

    static func convert(_ node: Node, file: String, budget: inout Int) throws -> (Value, SpanTree) {
        budget -= 1
        let line = node.mark?.line ?? 1, column = node.mark?.column ?? 1
        if budget < 0 {
            throw BulwarkError(.parse, "YAML expands to more than \(nodeBudget) nodes (alias bomb?)",
                               at: SourceSpan(file: file, line: line, column: column))
        }
        switch node {
        case .scalar(let s):
            return (interpretScalar(s), SpanTree(line: line, column: column))
        case .sequence(let seq):
            var values: [Value] = []
            var spans: [SpanTree] = []
            values.reserveCapacity(seq.count)
            spans.reserveCapacity(seq.count)
            for child in seq {
                let (v, s) = try convert(child, file: file, budget: &budget)
                values.append(v)
                spans.append(s)
            }
            return (.array(values), SpanTree(line: line, column: column, children: spans))
        case .mapping(let map):
            var object = Object()
            var spans: [SpanTree] = []
            for (k, v) in map {
                if case .scalar(let ks) = k, ks.string == "<<", ks.style == .plain {
                    // Merge keys: entries from the merged mapping(s) the node does not set itself.
                    try merge(v, into: &object, spans: &spans, explicit: map, file: file, budget: &budget)
                    continue
                }
                let key = keyText(k)
                let (value, span) = try convert(v, file: file, budget: &budget)
                let tree = SpanTree(line: k.mark?.line ?? line, column: k.mark?.column ?? column, children: span.children)
                if let pos = object.position(of: key) {
                    object[key] = value
                    spans[pos] = tree
                } else {
                    object[key] = value
                    spans.append(tree)
                }
            }
            return (.object(object), SpanTree(line: line, column: column, children: spans))
        case .alias(let alias):
            return (.null, SpanTree(line: alias.mark?.line ?? line, column: alias.mark?.column ?? column))
        }
    }

    private static func merge(_ node: Node, into object: inout Object, spans: inout [SpanTree], explicit: Node.Mapping,
                              file: String, budget: inout Int) throws {
        let sources: [Node]
        if case .sequence(let seq) = node { sources = Array(seq) } else { sources = [node] }
        for source in sources {
            guard case .mapping(let m) = source else { continue }
            for (k, v) in m {
                let key = keyText(k)
                if object.position(of: key) != nil { continue }
                if explicit.contains(where: { keyText($0.key) == key }) { continue }
                let (value, span) = try convert(v, file: file, budget: &budget)
                object[key] = value
                spans.append(span)
            }
        }
    }

    private static func keyText(_ node: Node) -> String {
        switch node {
        case .scalar(let s): return s.string
        default: return (try? Yams.serialize(node: node).trimmingCharacters(in: .whitespacesAndNewlines)) ?? ""
        }
    }

    /// YAML 1.1 scalar resolution as go-yaml v2 does it (the loader behind Kubernetes).
    static func interpretScalar(_ s: Node.Scalar) -> Value {
        let tag = s.tag.description
        let text = s.string
        if !tag.isEmpty && tag != "!" {
            switch tag {
            case "tag:yaml.org,2002:str": return .string(text)
            case "tag:yaml.org,2002:null": return .null
            case "tag:yaml.org,2002:bool": return ScalarResolver.bool(text).map(Value.bool) ?? .string(text)
            case "tag:yaml.org,2002:int": return ScalarResolver.int(text).map(Value.int) ?? .string(text)
            case "tag:yaml.org,2002:float": return ScalarResolver.number(text) ?? .string(text)
            default: break
            }
        }
        guard s.style == .plain else { return .string(text) }
        return ScalarResolver.resolvePlain(text)
    }
}

/// Plain-scalar typing shared by the YAML loader and anything else that reads YAML-ish text.
public enum ScalarResolver {
    public static func resolvePlain(_ text: String) -> Value {
        guard let first = text.utf8.first else { return .null }
        switch first {
        case UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"):
            if text == "~" || text == "null" || text == "Null" || text == "NULL" { return .null }
        default: break
        }
        if let b = bool(text) { return .bool(b) }
        let isNumberStart = (first >= 48 && first <= 57) || first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".")
        if isNumberStart {
            if let i = int(text) { return .int(i) }
            if let n = number(text) { return n }
        }
        return .string(text)
    }

    public static func bool(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON", "y", "Y": return true
        case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF", "n", "N": return false
        default: return nil
        }
    }

    public static func int(_ raw: String) -> Int? {
        var text = Substring(raw)
        if text.contains("_") { text = Substring(text.replacingOccurrences(of: "_", with: "")) }
        var negative = false
        if text.first == "-" { negative = true; text = text.dropFirst() } else if text.first == "+" { text = text.dropFirst() }
        guard !text.isEmpty else { return nil }
        var result: Int?
        if text.hasPrefix("0x") { result = Int(text.dropFirst(2), radix: 16) }
        else if text.hasPrefix("0o") { result = Int(text.dropFirst(2), radix: 8) }
        else if text.hasPrefix("0b") { result = Int(text.dropFirst(2), radix: 2) }
        else if text.count > 1, text.first == "0", text.allSatisfy({ $0 >= "0" && $0 <= "7" }) { result = Int(text.dropFirst(), radix: 8) }
        else if text.allSatisfy({ $0.isASCII && $0.isNumber }) { result = Int(text) }
        guard let r = result else { return nil }
        return negative ? -r : r
    }

    public static func number(_ text: String) -> Value? {
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .double(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .double(-.infinity)
        case ".nan", ".NaN", ".NAN": return .double(.nan)
        default: break
        }
        // [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
        var sawDigit = false
        var i = text.utf8.startIndex
        let u = text.utf8
        if i < u.endIndex, u[i] == 45 || u[i] == 43 { i = u.index(after: i) }
        while i < u.endIndex, u[i] >= 48 && u[i] <= 57 { sawDigit = true; i = u.index(after: i) }
        if i < u.endIndex, u[i] == 46 {
            i = u.index(after: i)
            while i < u.endIndex, u[i] >= 48 && u[i] <= 57 { sawDigit = true; i = u.index(after: i) }
        }
        guard sawDigit else { return nil }
        if i < u.endIndex, u[i] == 101 || u[i] == 69 {
            i = u.index(after: i)
            if i < u.endIndex, u[i] == 45 || u[i] == 43 { i = u.index(after: i) }
            var expDigit = false
            while i < u.endIndex, u[i] >= 48 && u[i] <= 57 { expDigit = true; i = u.index(after: i) }
            guard expDigit else { return nil }
        }
        guard i == u.endIndex, let d = Double(text) else { return nil }
        return .double(d)
    }
}
