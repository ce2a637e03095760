import BulwarkCore

/// A TOML 1.0 reader for configuration files (gitleaks rule files): tables, arrays of
/// tables, dotted and quoted keys, all four string forms, integers, floats, booleans,
/// arrays and inline tables. Dates are rejected: no rule file uses them.
///
/// Written here rather than taken from a package because errors must carry
/// `file:line:column`, and so must the values (a bad regex is reported where it is written).
public struct TOMLDocument: Sendable {
    public var root: Value
    /// Position of every value, keyed by its path (`rules[3].regex`).
    public var positions: [String: SourceSpan]

    public func position(_ path: String) -> SourceSpan? { positions[path] }
}

public enum TOML {
    public static func parse(_ text: String, file: String) throws -> TOMLDocument {
        var p = TOMLParser(bytes: Array(text.utf8), file: file)
        return try p.parseDocument()
    }
}

/// Mutable tree used while parsing: TOML defines tables out of order, so values are
/// filled in place and converted to `Value` at the end.
private final class Node {
    enum Kind { case table, arrayOfTables, value }
    var kind: Kind
    var value: Value = .null
    var keys: [String] = []
    var children: [String: Node] = [:]
    var elements: [Node] = []
    /// Set for tables created by a header or a key-value; implicit parents can be reopened.
    var defined = false
    var inline = false

    init(_ kind: Kind) { self.kind = kind }

    func child(_ key: String) -> Node? { children[key] }
    func set(_ key: String, _ node: Node) {
        if children[key] == nil { keys.append(key) }
        children[key] = node
    }

    var asValue: Value {
        switch kind {
        case .value: return value
        case .arrayOfTables: return .array(elements.map(\.asValue))
        case .table:
            var object = Object()
            for k in keys { object[k] = children[k]!.asValue }
            return .object(object)
        }
    }
}

private struct TOMLParser {
    let bytes: [UInt8]
    let file: String
    var i = 0
    var line = 1
    var lineStart = 0
    var positions: [String: SourceSpan] = [:]

    init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3; lineStart = 3 }
    }

    var here: SourceSpan { SourceSpan(file: file, line: line, column: i - lineStart + 1) }

    func fail(_ message: String, at span: SourceSpan? = nil) -> BulwarkError {
        BulwarkError(.parse, message, at: span ?? here)
    }

    var peek: UInt8? { i < bytes.count ? bytes[i] : nil }
    func peek(_ offset: Int) -> UInt8? { i + offset < bytes.count ? bytes[i + offset] : nil }

    mutating func advance() {
        if bytes[i] == UInt8(ascii: "\n") { line += 1; lineStart = i + 1 }
        i += 1
    }

    mutating func skipSpaces() {
        while let c = peek, c == 0x20 || c == 0x09 { i += 1 }
    }

    /// Spaces, newlines and comments (inside arrays and between statements).
    mutating func skipTrivia() {
        while let c = peek {
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { advance() }
            else if c == UInt8(ascii: "#") { while let d = peek, d != 0x0A { i += 1 } }
            else { break }
        }
    }

    /// After a statement: optional comment, then end of line or file.
    mutating func expectLineEnd() throws {
        skipSpaces()
        if peek == UInt8(ascii: "#") { while let d = peek, d != 0x0A { i += 1 } }
        if peek == 0x0D { i += 1 }
        guard let c = peek else { return }
        guard c == 0x0A else { throw fail("expected end of line, found '\(Character(UnicodeScalar(c)))'") }
        advance()
    }

    mutating func parseDocument() throws -> TOMLDocument {
        let root = Node(.table)
        root.defined = true
        var current = root
        var currentPath = ""
        while true {
            skipTrivia()
            guard let c = peek else { break }
            if c == UInt8(ascii: "[") {
                let start = here
                let isArray = peek(1) == UInt8(ascii: "[")
                i += isArray ? 2 : 1
                skipSpaces()
                let keys = try parseKey()
                skipSpaces()
                guard peek == UInt8(ascii: "]"), !isArray || peek(1) == UInt8(ascii: "]") else {
                    throw fail(isArray ? "expected ']]' to close the array-of-tables header" : "expected ']' to close the table header")
                }
                i += isArray ? 2 : 1
                try expectLineEnd()
                (current, currentPath) = try openTable(root, keys, array: isArray, at: start)
            } else {
                try parseKeyValue(into: current, path: currentPath)
                try expectLineEnd()
            }
        }
        return TOMLDocument(root: root.asValue, positions: positions)
    }

    func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }

    mutating func openTable(_ root: Node, _ keys: [String], array: Bool, at start: SourceSpan) throws -> (Node, String) {
        var node = root
        var path = ""
        for (n, key) in keys.enumerated() {
            let last = n == keys.count - 1
            path = join(path, key)
            if last {
                if array {
                    let element = Node(.table)
                    element.defined = true
                    if let existing = node.child(key) {
                        guard existing.kind == .arrayOfTables, !existing.inline else { throw fail("'\(path)' is already defined as a table or value", at: start) }
                        existing.elements.append(element)
                        path += "[\(existing.elements.count - 1)]"
                    } else {
                        let list = Node(.arrayOfTables)
                        list.elements.append(element)
                        node.set(key, list)
                        path += "[0]"
                    }
                    positions[path] = start
                    return (element, path)
                }
                if let existing = node.child(key) {
                    guard existing.kind == .table, !existing.defined, !existing.inline else { throw fail("table '\(path)' is defined twice", at: start) }
                    existing.defined = true
                    positions[path] = start
                    return (existing, path)
                }
                let table = Node(.table)
                table.defined = true
                node.set(key, table)
                positions[path] = start
                return (table, path)
            }
            if let existing = node.child(key) {
                switch existing.kind {
                case .table:
                    guard !existing.inline else { throw fail("inline table '\(path)' cannot be extended", at: start) }
                    node = existing
                case .arrayOfTables:
                    node = existing.elements.last!
                    path += "[\(existing.elements.count - 1)]"
                case .value: throw fail("'\(path)' is a value, not a table", at: start)
                }
            } else {
                let table = Node(.table)
                node.set(key, table)
                node = table
            }
        }
        return (node, path)
    }

    mutating func parseKeyValue(into table: Node, path: String) throws {
        let start = here
        let keys = try parseKey()
        skipSpaces()
        guard peek == UInt8(ascii: "=") else { throw fail("expected '=' after key '\(keys.joined(separator: "."))'") }
        i += 1
        skipSpaces()
        var node = table
        var fullPath = path
        for key in keys.dropLast() {
            fullPath = join(fullPath, key)
            if let existing = node.child(key) {
                guard existing.kind == .table, !existing.inline, !existing.defined || existing === table else {
                    throw fail("'\(fullPath)' cannot be extended by a dotted key", at: start)
                }
                node = existing
            } else {
                let t = Node(.table)
                node.set(key, t)
                node = t
            }
        }
        let key = keys.last!
        fullPath = join(fullPath, key)
        guard node.child(key) == nil else { throw fail("key '\(fullPath)' is defined twice", at: start) }
        let valueStart = here
        let value = try parseValue(path: fullPath)
        positions[fullPath] = valueStart
        node.set(key, value)
    }

    mutating func parseKey() throws -> [String] {
        var parts: [String] = []
        while true {
            skipSpaces()
            guard let c = peek else { throw fail("expected a key") }
            if c == UInt8(ascii: "\"") { parts.append(try parseBasicString()) }
            else if c == UInt8(ascii: "'") { parts.append(try parseLiteralString()) }
            else {
                let s = i
                while let d = peek, isBareKey(d) { i += 1 }
                guard i > s else { throw fail("expected a key, found '\(Character(UnicodeScalar(c)))'") }
                parts.append(String(decoding: bytes[s..<i], as: UTF8.self))
            }
            skipSpaces()
            if peek == UInt8(ascii: ".") { i += 1; continue }
            return parts
        }
    }

    func isBareKey(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F || c == 0x2D
    }

    mutating func parseValue(path: String) throws -> Node {
        guard let c = peek else { throw fail("expected a value") }
        let node = Node(.value)
        switch c {
        case UInt8(ascii: "\""):
            node.value = .string(peek(1) == c && peek(2) == c ? try parseMultilineBasic() : try parseBasicString())
        case UInt8(ascii: "'"):
            node.value = .string(peek(1) == c && peek(2) == c ? try parseMultilineLiteral() : try parseLiteralString())
        case UInt8(ascii: "["):
            advance()
            var items: [Value] = []
            while true {
                skipTrivia()
                guard let d = peek else { throw fail("unterminated array") }
                if d == UInt8(ascii: "]") { advance(); break }
                let itemStart = here
                let item = try parseValue(path: path + "[\(items.count)]")
                positions[path + "[\(items.count)]"] = itemStart
                items.append(item.asValue)
                skipTrivia()
                if peek == UInt8(ascii: ",") { advance(); continue }
                skipTrivia()
                guard peek == UInt8(ascii: "]") else { throw fail("expected ',' or ']' in array") }
                advance()
                break
            }
            node.value = .array(items)
        case UInt8(ascii: "{"):
            i += 1
            let table = Node(.table)
            table.defined = true
            skipSpaces()
            if peek == UInt8(ascii: "}") { i += 1 } else {
                while true {
                    try parseKeyValue(into: table, path: path)
                    skipSpaces()
                    if peek == UInt8(ascii: ",") { i += 1; continue }
                    guard peek == UInt8(ascii: "}") else { throw fail("expected ',' or '}' in inline table") }
                    i += 1
                    break
                }
            }
            table.inline = true
            return table
        default:
            let s = i
            while let d = peek, !(d == 0x20 || d == 0x09 || d == 0x0A || d == 0x0D || d == UInt8(ascii: ",") || d == UInt8(ascii: "]") || d == UInt8(ascii: "}") || d == UInt8(ascii: "#")) { i += 1 }
            let word = String(decoding: bytes[s..<i], as: UTF8.self)
            guard let scalar = TOMLParser.scalar(word) else {
                i = s
                throw fail(word.isEmpty ? "expected a value" : "invalid value '\(word)' (strings need quotes)")
            }
            node.value = scalar
        }
        return node
    }

    static func scalar(_ word: String) -> Value? {
        switch word {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "inf", "+inf": return .double(.infinity)
        case "-inf": return .double(-.infinity)
        case "nan", "+nan", "-nan": return .double(.nan)
        default: break
        }
        let clean = word.replacingOccurrences(of: "_", with: "")
        if clean.hasPrefix("0x"), let v = Int(clean.dropFirst(2), radix: 16) { return .int(v) }
        if clean.hasPrefix("0o"), let v = Int(clean.dropFirst(2), radix: 8) { return .int(v) }
        if clean.hasPrefix("0b"), let v = Int(clean.dropFirst(2), radix: 2) { return .int(v) }
        if let v = Int(clean) { return .int(v) }
        if clean.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }), let v = Double(clean) { return .double(v) }
        return nil
    }

    mutating func parseLiteralString() throws -> String {
        let start = here
        i += 1
        let s = i
        while let c = peek, c != UInt8(ascii: "'") {
            if c == 0x0A { throw fail("unterminated string", at: start) }
            i += 1
        }
        guard peek != nil else { throw fail("unterminated string", at: start) }
        defer { i += 1 }
        return String(decoding: bytes[s..<i], as: UTF8.self)
    }

    mutating func parseMultilineLiteral() throws -> String {
        let start = here
        i += 3
        if peek == 0x0D, peek(1) == 0x0A { i += 1 }
        if peek == 0x0A { advance() }
        let s = i
        while true {
            guard let c = peek else { throw fail("unterminated multi-line string", at: start) }
            if c == UInt8(ascii: "'"), peek(1) == c, peek(2) == c {
                // Up to two quotes may end the content: ''''' is "''" + closing '''.
                var extra = 0
                while extra < 2, peek(3 + extra) == c { extra += 1 }
                let value = String(decoding: bytes[s..<(i + extra)], as: UTF8.self)
                i += 3 + extra
                return value
            }
            advance()
        }
    }

    mutating func parseBasicString() throws -> String {
        let start = here
        i += 1
        var out: [UInt8] = []
        while true {
            guard let c = peek, c != 0x0A else { throw fail("unterminated string", at: start) }
            if c == UInt8(ascii: "\"") { i += 1; return String(decoding: out, as: UTF8.self) }
            if c == UInt8(ascii: "\\") { try parseEscape(into: &out) } else { out.append(c); i += 1 }
        }
    }

    mutating func parseMultilineBasic() throws -> String {
        let start = here
        i += 3
        if peek == 0x0D, peek(1) == 0x0A { i += 1 }
        if peek == 0x0A { advance() }
        var out: [UInt8] = []
        while true {
            guard let c = peek else { throw fail("unterminated multi-line string", at: start) }
            if c == UInt8(ascii: "\""), peek(1) == c, peek(2) == c {
                var extra = 0
                while extra < 2, peek(3 + extra) == c { extra += 1; out.append(c) }
                i += 3 + extra
                return String(decoding: out, as: UTF8.self)
            }
            if c == UInt8(ascii: "\\") {
                // A backslash at the end of a line trims the newline and leading whitespace.
                var j = i + 1
                while j < bytes.count, bytes[j] == 0x20 || bytes[j] == 0x09 { j += 1 }
                if j < bytes.count, bytes[j] == 0x0A || bytes[j] == 0x0D {
                    i += 1
                    while let d = peek, d == 0x20 || d == 0x09 || d == 0x0A || d == 0x0D { advance() }
                    continue
                }
                try parseEscape(into: &out)
            } else {
                out.append(c)
                advance()
            }
        }
    }

    mutating func parseEscape(into out: inout [UInt8]) throws {
        let start = here
        i += 1
        guard let e = peek else { throw fail("unterminated escape", at: start) }
        i += 1
        switch e {
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "e"): out.append(0x1B)
        case UInt8(ascii: "\""): out.append(e)
        case UInt8(ascii: "\\"): out.append(e)
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let n = e == UInt8(ascii: "u") ? 4 : 8
            guard i + n <= bytes.count, let code = UInt32(String(decoding: bytes[i..<(i + n)], as: UTF8.self), radix: 16),
                  let scalar = UnicodeScalar(code) else { throw fail("invalid unicode escape", at: start) }
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
            i += n
        default:
            throw fail("invalid escape '\\\(Character(UnicodeScalar(e)))' (use a literal string '...' for regexes)", at: start)
        }
    }
}
