import BulwarkCore

/// HCL2 native syntax, parsed straight from bytes (no separate lexer: templates nest
/// expressions inside strings, so scanning is context-dependent).
///
/// Covers bodies, attributes, blocks with labels (one-line too), all expression forms with
/// HCL's operator precedence, conditionals, function calls with `...`, provider functions
/// (`provider::aws::arn_parse()`), for-expressions with `if` and `...` grouping, traversals
/// with legacy `.0` indexes, splats `.*` and `[*]`, quoted templates with `${}`/`%{if}`/
/// `%{for}`, strip markers and `$${` escapes, heredocs (`<<EOF`, `<<-EOF`), all three comment
/// forms and a leading BOM. Errors name file:line:column and what was expected.
public struct HCLParser {
    let bytes: [UInt8]
    let file: String
    var pos = 0
    var line = 1
    var lineStart = 0
    var depth = 0
    static let maxDepth = 256

    public static func parse(_ text: String, file: String) throws -> HCLBody {
        var p = HCLParser(bytes: Array(text.utf8), file: file)
        if p.bytes.count >= 3, p.bytes[0] == 0xEF, p.bytes[1] == 0xBB, p.bytes[2] == 0xBF { p.pos = 3; p.lineStart = 3 }
        let body = try p.body(closing: nil)
        return body
    }

    /// A template file (`templatefile`): the whole text is template content.
    public static func parseTemplate(_ text: String, file: String) throws -> [HCLTemplatePart] {
        var p = HCLParser(bytes: Array(text.utf8), file: file)
        return try p.templateParts(Array(text.utf8), firstLine: 1)
    }

    init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
    }

    // MARK: Positions and errors

    var here: HCLPosition { HCLPosition(line: line, column: column(pos)) }

    /// 1-based column in characters (UTF-8 continuation bytes do not count).
    func column(_ p: Int) -> Int {
        var c = 1
        var k = lineStart
        while k < p && k < bytes.count {
            if bytes[k] & 0xC0 != 0x80 { c += 1 }
            k += 1
        }
        return c
    }

    func error(_ message: String) -> BulwarkError {
        BulwarkError(.parse, message, at: SourceSpan(file: file, line: line, column: column(pos)))
    }

    var atEnd: Bool { pos >= bytes.count }
    func peek(_ n: Int = 0) -> UInt8 { pos + n < bytes.count ? bytes[pos + n] : 0 }

    mutating func advance() {
        if bytes[pos] == 10 { line += 1; lineStart = pos + 1 }
        pos += 1
    }

    func describe(_ b: UInt8) -> String {
        if b == 0 { return "end of file" }
        if b == 10 { return "newline" }
        return "'\(Character(Unicode.Scalar(b)))'"
    }

    // MARK: Whitespace and comments

    /// Skips spaces, tabs, comments and (when `newlines`) line breaks. Returns whether a
    /// newline was crossed.
    @discardableResult
    mutating func skip(newlines: Bool) throws -> Bool {
        var crossed = false
        while !atEnd {
            let b = bytes[pos]
            if b == 32 || b == 9 || b == 13 { pos += 1; continue }
            if b == 10 {
                if !newlines { return crossed }
                crossed = true
                advance()
                continue
            }
            if b == UInt8(ascii: "#") || (b == UInt8(ascii: "/") && peek(1) == UInt8(ascii: "/")) {
                while !atEnd, bytes[pos] != 10 { pos += 1 }
                continue
            }
            if b == UInt8(ascii: "/") && peek(1) == UInt8(ascii: "*") {
                let start = here
                pos += 2
                while !atEnd, !(bytes[pos] == UInt8(ascii: "*") && peek(1) == UInt8(ascii: "/")) { advance() }
                if atEnd { throw BulwarkError(.parse, "unterminated /* comment", at: SourceSpan(file: file, line: start.line, column: start.column)) }
                pos += 2
                continue
            }
            return crossed
        }
        return crossed
    }

    mutating func expect(_ c: UInt8, _ what: String) throws {
        try skip(newlines: true)
        guard peek() == c else { throw error("expected \(what), found \(describe(peek()))") }
        pos += 1
    }

    static func isIdentStart(_ b: UInt8) -> Bool {
        (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 95 || b >= 0x80
    }

    static func isIdentChar(_ b: UInt8) -> Bool {
        isIdentStart(b) || (b >= 48 && b <= 57) || b == UInt8(ascii: "-")
    }

    mutating func identifier() -> String? {
        guard !atEnd, Self.isIdentStart(bytes[pos]) else { return nil }
        let start = pos
        while !atEnd, Self.isIdentChar(bytes[pos]) { pos += 1 }
        return String(decoding: bytes[start..<pos], as: UTF8.self)
    }

    // MARK: Bodies

    static let unclosedMessage = "expected '}' to close the block, found end of file"

    mutating func body(closing: UInt8?) throws -> HCLBody {
        var result = HCLBody()
        while true {
            try skip(newlines: true)
            if atEnd {
                if closing != nil { throw error(Self.unclosedMessage) }
                return result
            }
            if let closing, peek() == closing { return result }
            let start = here
            guard let name = identifier() else { throw error("expected an attribute name or block type, found \(describe(peek()))") }
            try skip(newlines: false)
            if peek() == UInt8(ascii: "=") && peek(1) != UInt8(ascii: "=") {
                pos += 1
                let expr = try expression()
                try endOfItem()
                // A repeated attribute is a decoding error in Terraform, not a syntax
                // error; it is kept here and reported by whoever evaluates the body.
                result.order.append((true, result.attributes.count))
                result.attributes.append(HCLAttribute(name: name, expression: expr, position: start))
                continue
            }
            var labels: [String] = []
            while true {
                try skip(newlines: false)
                if peek() == UInt8(ascii: "\"") {
                    let (parts, _) = try quotedTemplate()
                    guard parts.allSatisfy({ if case .literal = $0 { return true } else { return false } }) else {
                        throw error("block labels cannot contain interpolations")
                    }
                    labels.append(parts.map { if case .literal(let s) = $0 { return s } else { return "" } }.joined())
                } else if let label = identifier() {
                    labels.append(label)
                } else {
                    break
                }
            }
            guard peek() == UInt8(ascii: "{") else {
                throw error("expected '=' or a block's '{' after '\(name)', found \(describe(peek()))")
            }
            let brace = here
            pos += 1
            depth += 1
            if depth > Self.maxDepth { throw error("blocks nested deeper than \(Self.maxDepth)") }
            let inner: HCLBody
            do { inner = try body(closing: UInt8(ascii: "}")) } catch let e as BulwarkError where e.message == Self.unclosedMessage {
                // Point at the brace that is never closed, as HCL does, not at the end of file.
                throw BulwarkError(.parse, "the block '\(name)' opened here is never closed (no matching '}')", at: SourceSpan(file: file, line: brace.line, column: brace.column))
            }
            depth -= 1
            pos += 1  // '}'
            try endOfItem()
            result.order.append((false, result.blocks.count))
            result.blocks.append(HCLBlock(type: name, labels: labels, body: inner, position: start))
        }
    }

    /// An attribute or block ends at a newline, a comment, the closing brace or EOF.
    mutating func endOfItem() throws {
        try skip(newlines: false)
        if atEnd || peek() == 10 || peek() == UInt8(ascii: "}") { return }
        throw error("expected a newline after the definition, found \(describe(peek()))")
    }

    // MARK: Expressions

    public mutating func expression() throws -> HCLExpression {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maxDepth { throw error("expression nested deeper than \(Self.maxDepth)") }
        let start = here
        let cond = try binary(0)
        let save = (pos, line, lineStart)
        try skip(newlines: newlinesAllowed > 0)
        if peek() == UInt8(ascii: "?") {
            pos += 1
            newlinesAllowed += 1
            let a = try expression()
            try expect(UInt8(ascii: ":"), "':' in conditional")
            let b = try expression()
            newlinesAllowed -= 1
            return .conditional(cond, a, b, start)
        }
        (pos, line, lineStart) = save
        return cond
    }

    /// > 0 inside brackets and parentheses, where newlines are insignificant.
    var newlinesAllowed = 0

    static let levels: [[HCLExpression.BinaryOperator]] = [
        [.or], [.and], [.eq, .ne], [.lt, .gt, .le, .ge], [.add, .sub], [.mul, .div, .mod],
    ]

    mutating func binaryOperator(_ level: Int) throws -> HCLExpression.BinaryOperator? {
        let save = (pos, line, lineStart)
        try skip(newlines: newlinesAllowed > 0)
        let a = peek(), b = peek(1)
        var op: HCLExpression.BinaryOperator?
        var len = 1
        switch (a, b) {
        case (UInt8(ascii: "|"), UInt8(ascii: "|")): op = .or; len = 2
        case (UInt8(ascii: "&"), UInt8(ascii: "&")): op = .and; len = 2
        case (UInt8(ascii: "="), UInt8(ascii: "=")): op = .eq; len = 2
        case (UInt8(ascii: "!"), UInt8(ascii: "=")): op = .ne; len = 2
        case (UInt8(ascii: "<"), UInt8(ascii: "=")): op = .le; len = 2
        case (UInt8(ascii: ">"), UInt8(ascii: "=")): op = .ge; len = 2
        case (UInt8(ascii: "<"), _): op = b == UInt8(ascii: "<") ? nil : .lt
        case (UInt8(ascii: ">"), _): op = .gt
        case (UInt8(ascii: "+"), _): op = .add
        case (UInt8(ascii: "-"), _): op = .sub
        case (UInt8(ascii: "*"), _): op = .mul
        case (UInt8(ascii: "/"), _): op = .div
        case (UInt8(ascii: "%"), _): op = b == UInt8(ascii: "{") ? nil : .mod
        default: op = nil
        }
        if let op, Self.levels[level].contains(op) {
            pos += len
            return op
        }
        (pos, line, lineStart) = save
        return nil
    }

    mutating func binary(_ level: Int) throws -> HCLExpression {
        if level == Self.levels.count { return try unary() }
        let start = here
        var left = try binary(level + 1)
        while let op = try binaryOperator(level) {
            let right = try binary(level + 1)
            left = .binary(op, left, right, start)
        }
        return left
    }

    mutating func unary() throws -> HCLExpression {
        try skip(newlines: newlinesAllowed > 0)
        let start = here
        if peek() == UInt8(ascii: "!") { pos += 1; return .unary(.not, try unary(), start) }
        if peek() == UInt8(ascii: "-") { pos += 1; return .unary(.negate, try unary(), start) }
        return try postfix(try primary())
    }

    mutating func postfix(_ base: HCLExpression) throws -> HCLExpression {
        var steps: [HCLExpression.Step] = []
        let start = base.position
        while true {
            let save = (pos, line, lineStart)
            try skip(newlines: newlinesAllowed > 0)
            if peek() == UInt8(ascii: "."), !(peek(1) == UInt8(ascii: ".") && peek(2) == UInt8(ascii: ".")) {
                pos += 1
                try skip(newlines: newlinesAllowed > 0)
                if peek() == UInt8(ascii: "*") { pos += 1; steps.append(.splat(full: false)); continue }
                if peek() >= 48 && peek() <= 57 {
                    // Legacy index: `list.0`
                    let s = pos
                    while peek() >= 48 && peek() <= 57 { pos += 1 }
                    let n = Int(String(decoding: bytes[s..<pos], as: UTF8.self)) ?? 0
                    steps.append(.index(.literal(.int(n), here)))
                    continue
                }
                guard let name = identifier() else { throw error("expected an attribute name after '.', found \(describe(peek()))") }
                steps.append(.attribute(name))
                continue
            }
            if peek() == UInt8(ascii: "[") {
                pos += 1
                newlinesAllowed += 1
                try skip(newlines: true)
                if peek() == UInt8(ascii: "*") {
                    pos += 1
                    try expect(UInt8(ascii: "]"), "']' after '[*'")
                    newlinesAllowed -= 1
                    steps.append(.splat(full: true))
                    continue
                }
                let index = try expression()
                try expect(UInt8(ascii: "]"), "']' to close the index")
                newlinesAllowed -= 1
                steps.append(.index(index))
                continue
            }
            (pos, line, lineStart) = save
            break
        }
        return steps.isEmpty ? base : .traversal(base, steps, start)
    }

    mutating func primary() throws -> HCLExpression {
        try skip(newlines: newlinesAllowed > 0)
        let start = here
        let b = peek()
        switch b {
        case UInt8(ascii: "\""):
            let (parts, _) = try quotedTemplate()
            return Self.simplify(parts, start)
        case UInt8(ascii: "<") where peek(1) == UInt8(ascii: "<"):
            return Self.simplify(try heredoc(), start)
        case UInt8(ascii: "("):
            pos += 1
            newlinesAllowed += 1
            let e = try expression()
            try expect(UInt8(ascii: ")"), "')'")
            newlinesAllowed -= 1
            return .parenthesized(e, start)
        case UInt8(ascii: "["):
            return try tupleOrFor(start)
        case UInt8(ascii: "{"):
            return try objectOrFor(start)
        case 48...57:
            return try number(start)
        default:
            guard let name = identifier() else { throw error("expected an expression, found \(describe(b))") }
            switch name {
            case "true": return .literal(.bool(true), start)
            case "false": return .literal(.bool(false), start)
            case "null": return .literal(.null, start)
            default: break
            }
            var fn = name
            // Provider-defined functions: provider::NAME::FUNCTION(...)
            while peek() == UInt8(ascii: ":") && peek(1) == UInt8(ascii: ":") {
                pos += 2
                guard let part = identifier() else { throw error("expected a name after '::'") }
                fn += "::" + part
            }
            let save = (pos, line, lineStart)
            try skip(newlines: false)
            if peek() == UInt8(ascii: "(") {
                pos += 1
                newlinesAllowed += 1
                var args: [HCLExpression] = []
                var expand = false
                try skip(newlines: true)
                if peek() != UInt8(ascii: ")") {
                    while true {
                        args.append(try expression())
                        try skip(newlines: true)
                        if peek() == UInt8(ascii: "."), peek(1) == UInt8(ascii: "."), peek(2) == UInt8(ascii: ".") {
                            pos += 3
                            expand = true
                            try skip(newlines: true)
                        }
                        if peek() == UInt8(ascii: ",") {
                            pos += 1
                            try skip(newlines: true)
                            if peek() == UInt8(ascii: ")") { break }
                            if expand { throw error("'...' must be on the last argument") }
                            continue
                        }
                        break
                    }
                }
                try expect(UInt8(ascii: ")"), "')' to close the call to \(fn)")
                newlinesAllowed -= 1
                return .call(name: fn, arguments: args, expandFinal: expand, start)
            }
            (pos, line, lineStart) = save
            if fn != name { throw error("expected '(' after the provider function \(fn)") }
            return .variable(name, start)
        }
    }

    mutating func number(_ start: HCLPosition) throws -> HCLExpression {
        let s = pos
        while peek() >= 48 && peek() <= 57 { pos += 1 }
        var isInt = true
        if peek() == UInt8(ascii: "."), peek(1) >= 48 && peek(1) <= 57 {
            isInt = false
            pos += 1
            while peek() >= 48 && peek() <= 57 { pos += 1 }
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            let save = pos
            pos += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { pos += 1 }
            if peek() >= 48 && peek() <= 57 {
                isInt = false
                while peek() >= 48 && peek() <= 57 { pos += 1 }
            } else {
                pos = save
            }
        }
        let text = String(decoding: bytes[s..<pos], as: UTF8.self)
        if isInt, let i = Int(text) { return .literal(.int(i), start) }
        guard let d = Double(text) else { throw error("invalid number \(text)") }
        return .literal(.double(d), start)
    }

    /// A template that is exactly one interpolation (`"${x}"`) is that expression; one
    /// literal part is a string literal.
    static func simplify(_ parts: [HCLTemplatePart], _ start: HCLPosition) -> HCLExpression {
        if parts.isEmpty { return .literal(.string(""), start) }
        if parts.count == 1 {
            if case .literal(let s) = parts[0] { return .literal(.string(s), start) }
            if case .interpolation(let e, _, _) = parts[0] { return e }
        }
        return .template(parts, start)
    }

    // MARK: Collections and for-expressions

    mutating func peekKeyword(_ word: String) -> Bool {
        let w = Array(word.utf8)
        guard pos + w.count <= bytes.count else { return false }
        for k in 0..<w.count where bytes[pos + k] != w[k] { return false }
        let after = pos + w.count < bytes.count ? bytes[pos + w.count] : 0
        return !Self.isIdentChar(after)
    }

    mutating func forHeader() throws -> (String?, String, HCLExpression) {
        pos += 3  // "for"
        try skip(newlines: true)
        guard let first = identifier() else { throw error("expected a variable name after 'for'") }
        try skip(newlines: true)
        var keyVar: String? = nil
        var valueVar = first
        if peek() == UInt8(ascii: ",") {
            pos += 1
            try skip(newlines: true)
            guard let second = identifier() else { throw error("expected a second variable name after ','") }
            keyVar = first
            valueVar = second
            try skip(newlines: true)
        }
        guard peekKeyword("in") else { throw error("expected 'in' in the for expression, found \(describe(peek()))") }
        pos += 2
        let collection = try expression()
        try expect(UInt8(ascii: ":"), "':' after the for collection")
        return (keyVar, valueVar, collection)
    }

    mutating func forCondition() throws -> HCLExpression? {
        try skip(newlines: true)
        guard peekKeyword("if") else { return nil }
        pos += 2
        return try expression()
    }

    mutating func tupleOrFor(_ start: HCLPosition) throws -> HCLExpression {
        pos += 1
        newlinesAllowed += 1
        defer { newlinesAllowed -= 1 }
        try skip(newlines: true)
        if peekKeyword("for") {
            let (k, v, coll) = try forHeader()
            let value = try expression()
            let cond = try forCondition()
            try expect(UInt8(ascii: "]"), "']' to close the for expression")
            return .forTuple(keyVar: k, valueVar: v, collection: coll, value: value, condition: cond, start)
        }
        var items: [HCLExpression] = []
        while true {
            try skip(newlines: true)
            if peek() == UInt8(ascii: "]") { pos += 1; break }
            items.append(try expression())
            try skip(newlines: true)
            if peek() == UInt8(ascii: ",") { pos += 1; continue }
            guard peek() == UInt8(ascii: "]") else { throw error("expected ',' or ']' in the tuple, found \(describe(peek()))") }
            pos += 1
            break
        }
        return .tuple(items, start)
    }

    mutating func objectOrFor(_ start: HCLPosition) throws -> HCLExpression {
        pos += 1
        newlinesAllowed += 1
        defer { newlinesAllowed -= 1 }
        try skip(newlines: true)
        if peekKeyword("for") {
            let (k, v, coll) = try forHeader()
            let key = try expression()
            try skip(newlines: true)
            guard peek() == UInt8(ascii: "="), peek(1) == UInt8(ascii: ">") else { throw error("expected '=>' in the object for expression, found \(describe(peek()))") }
            pos += 2
            let value = try expression()
            try skip(newlines: true)
            var grouping = false
            if peek() == UInt8(ascii: "."), peek(1) == UInt8(ascii: "."), peek(2) == UInt8(ascii: ".") { pos += 3; grouping = true }
            let cond = try forCondition()
            try expect(UInt8(ascii: "}"), "'}' to close the for expression")
            return .forObject(keyVar: k, valueVar: v, collection: coll, key: key, value: value, grouping: grouping, condition: cond, start)
        }
        var items: [(key: HCLExpression, value: HCLExpression)] = []
        while true {
            try skip(newlines: true)
            if peek() == UInt8(ascii: "}") { pos += 1; break }
            let keyStart = here
            let key: HCLExpression
            if let name = identifierKey() {
                key = .literal(.string(name), keyStart)
            } else {
                key = try expression()
            }
            try skip(newlines: false)
            guard peek() == UInt8(ascii: "=") || peek() == UInt8(ascii: ":") else {
                throw error("expected '=' or ':' after the object key, found \(describe(peek()))")
            }
            pos += 1
            let value = try expression()
            items.append((key, value))
            try skip(newlines: false)
            if peek() == UInt8(ascii: ",") { pos += 1; continue }
            if peek() == 10 || peek() == UInt8(ascii: "#") || (peek() == UInt8(ascii: "/") && (peek(1) == UInt8(ascii: "/") || peek(1) == UInt8(ascii: "*"))) {
                try skip(newlines: true)
                continue
            }
            guard peek() == UInt8(ascii: "}") else { throw error("expected ',', a newline or '}' in the object, found \(describe(peek()))") }
            pos += 1
            break
        }
        return .object(items, start)
    }

    /// A bare identifier key followed by `=` or `:` (not a traversal or expression).
    mutating func identifierKey() -> String? {
        let save = (pos, line, lineStart)
        guard let name = identifier() else { return nil }
        var k = pos
        while k < bytes.count, bytes[k] == 32 || bytes[k] == 9 { k += 1 }
        if k < bytes.count, (bytes[k] == UInt8(ascii: "=") && (k + 1 >= bytes.count || bytes[k + 1] != UInt8(ascii: "="))) || bytes[k] == UInt8(ascii: ":") {
            if bytes[k] == UInt8(ascii: ":"), k + 1 < bytes.count, bytes[k + 1] == UInt8(ascii: ":") {
                (pos, line, lineStart) = save
                return nil
            }
            return name
        }
        (pos, line, lineStart) = save
        return nil
    }

    // MARK: Templates

    /// `"..."` with escapes, `${}` and `%{}`. Returns the parts and the end offset.
    mutating func quotedTemplate() throws -> ([HCLTemplatePart], Int) {
        let open = here
        pos += 1
        var parts: [HCLTemplatePart] = []
        var text: [UInt8] = []
        var stack: [DirectiveFrame] = []
        func flush() {
            if !text.isEmpty { parts.append(.literal(String(decoding: text, as: UTF8.self))); text.removeAll() }
        }
        while true {
            guard !atEnd else {
                throw BulwarkError(.parse, "unterminated string (opened here)", at: SourceSpan(file: file, line: open.line, column: open.column))
            }
            let b = bytes[pos]
            if b == 10 {
                throw BulwarkError(.parse, "unterminated string: a quoted string cannot span lines (use a heredoc)", at: SourceSpan(file: file, line: open.line, column: open.column))
            }
            if b == UInt8(ascii: "\"") { pos += 1; break }
            if b == UInt8(ascii: "\\") {
                pos += 1
                let e = peek()
                pos += 1
                switch e {
                case UInt8(ascii: "n"): text.append(10)
                case UInt8(ascii: "r"): text.append(13)
                case UInt8(ascii: "t"): text.append(9)
                case UInt8(ascii: "\""): text.append(34)
                case UInt8(ascii: "\\"): text.append(92)
                case UInt8(ascii: "u"), UInt8(ascii: "U"):
                    let n = e == UInt8(ascii: "u") ? 4 : 8
                    guard pos + n <= bytes.count, let v = UInt32(String(decoding: bytes[pos..<(pos + n)], as: UTF8.self), radix: 16),
                          let scalar = Unicode.Scalar(v) else { throw error("invalid unicode escape") }
                    text.append(contentsOf: Array(String(Character(scalar)).utf8))
                    pos += n
                default:
                    // Unknown escapes are kept as written (`\/` stays `\/`), as Terraform's
                    // older parsers and the real-world corpus expect.
                    text.append(92)
                    pos -= 1
                }
                continue
            }
            if (b == UInt8(ascii: "$") || b == UInt8(ascii: "%")) && peek(1) == b && peek(2) == UInt8(ascii: "{") {
                text.append(b); text.append(UInt8(ascii: "{"))
                pos += 3
                continue
            }
            if b == UInt8(ascii: "$") && peek(1) == UInt8(ascii: "{") {
                flush()
                parts.append(try interpolation())
                continue
            }
            if b == UInt8(ascii: "%") && peek(1) == UInt8(ascii: "{") {
                flush()
                try directive(&parts, &stack)
                continue
            }
            text.append(b)
            pos += 1
        }
        flush()
        if let top = stack.last {
            throw BulwarkError(.parse, "unterminated template directive: expected %{ end\(top.kind == UInt8(ascii: "i") ? "if" : "for") } before the string ends",
                               at: SourceSpan(file: file, line: open.line, column: open.column))
        }
        return (parts, pos)
    }

    mutating func interpolation() throws -> HCLTemplatePart {
        pos += 2
        var stripLeft = false
        if peek() == UInt8(ascii: "~") { stripLeft = true; pos += 1 }
        newlinesAllowed += 1
        let e = try expression()
        newlinesAllowed -= 1
        try skip(newlines: true)
        var stripRight = false
        if peek() == UInt8(ascii: "~") { stripRight = true; pos += 1 }
        guard peek() == UInt8(ascii: "}") else { throw error("expected '}' to close the interpolation, found \(describe(peek()))") }
        pos += 1
        return .interpolation(e, stripLeft: stripLeft, stripRight: stripRight)
    }

    typealias DirectiveFrame = (kind: UInt8, parts: [HCLTemplatePart], condOrColl: HCLExpression?, keyVar: String?, valueVar: String?, elseParts: [HCLTemplatePart]?)

    /// `%{ if }`, `%{ else }`, `%{ endif }`, `%{ for }`, `%{ endfor }`: builds nested parts
    /// with an explicit stack so the surrounding template loop stays flat.
    mutating func directive(_ parts: inout [HCLTemplatePart], _ stack: inout [DirectiveFrame]) throws {
        pos += 2
        if peek() == UInt8(ascii: "~") { pos += 1 }
        try skip(newlines: true)
        let wordStart = pos
        guard let word = identifier() else { throw error("expected if, else, endif, for or endfor in the template directive") }
        switch word {
        case "if":
            newlinesAllowed += 1
            let cond = try expression()
            newlinesAllowed -= 1
            try closeDirective()
            stack.append((UInt8(ascii: "i"), parts, cond, nil, nil, nil))
            parts = []
        case "else":
            guard let top = stack.last, top.kind == UInt8(ascii: "i"), top.elseParts == nil else { pos = wordStart; throw error("%{ else } without a matching %{ if }") }
            try closeDirective()
            stack[stack.count - 1].elseParts = parts
            parts = []
        case "endif":
            guard let top = stack.popLast(), top.kind == UInt8(ascii: "i") else { pos = wordStart; throw error("%{ endif } without a matching %{ if }") }
            try closeDirective()
            let thenParts = top.elseParts ?? parts
            let elseParts = top.elseParts == nil ? [] : parts
            parts = top.parts + [.ifDirective(condition: top.condOrColl ?? .literal(.null, here), then: thenParts, else: elseParts)]
        case "for":
            pos = wordStart
            let (k, v, coll) = try templateForHeader()
            stack.append((UInt8(ascii: "f"), parts, coll, k, v, nil))
            parts = []
        case "endfor":
            guard let top = stack.popLast(), top.kind == UInt8(ascii: "f") else { pos = wordStart; throw error("%{ endfor } without a matching %{ for }") }
            try closeDirective()
            parts = top.parts + [.forDirective(keyVar: top.keyVar, valueVar: top.valueVar ?? "", collection: top.condOrColl ?? .literal(.null, here), body: parts)]
        default:
            pos = wordStart
            throw error("unknown template directive '\(word)'")
        }
    }

    mutating func templateForHeader() throws -> (String?, String, HCLExpression) {
        pos += 3
        try skip(newlines: true)
        guard let first = identifier() else { throw error("expected a variable name after 'for'") }
        try skip(newlines: true)
        var keyVar: String? = nil
        var valueVar = first
        if peek() == UInt8(ascii: ",") {
            pos += 1
            try skip(newlines: true)
            guard let second = identifier() else { throw error("expected a second variable name") }
            keyVar = first
            valueVar = second
            try skip(newlines: true)
        }
        guard peekKeyword("in") else { throw error("expected 'in' in the template for directive") }
        pos += 2
        newlinesAllowed += 1
        let coll = try expression()
        newlinesAllowed -= 1
        try closeDirective()
        return (keyVar, valueVar, coll)
    }

    mutating func closeDirective() throws {
        try skip(newlines: true)
        if peek() == UInt8(ascii: "~") { pos += 1 }
        guard peek() == UInt8(ascii: "}") else { throw error("expected '}' to close the template directive, found \(describe(peek()))") }
        pos += 1
    }

    /// `<<EOF` / `<<-EOF` … `EOF`. The body is a template (interpolations allowed, no
    /// backslash escapes); `<<-` removes the common leading whitespace.
    mutating func heredoc() throws -> [HCLTemplatePart] {
        let open = here
        pos += 2
        var indent = false
        if peek() == UInt8(ascii: "-") { indent = true; pos += 1 }
        guard let marker = identifier() else { throw error("expected a heredoc marker after '<<'") }
        while peek() == 32 || peek() == 9 || peek() == 13 { pos += 1 }
        guard peek() == 10 else { throw error("expected a newline after the heredoc marker \(marker)") }
        advance()
        // Collect raw lines until the marker line.
        var rawLines: [(start: Int, end: Int)] = []
        while true {
            guard !atEnd else {
                throw BulwarkError(.parse, "unterminated heredoc: no closing \(marker)", at: SourceSpan(file: file, line: open.line, column: open.column))
            }
            let s = pos
            while !atEnd, bytes[pos] != 10 { pos += 1 }
            var e = pos
            if e > s, bytes[e - 1] == 13 { e -= 1 }
            let trimmed = String(decoding: bytes[s..<e], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            if trimmed == marker {
                break
            }
            rawLines.append((s, e))
            if atEnd {
                throw BulwarkError(.parse, "unterminated heredoc: no closing \(marker)", at: SourceSpan(file: file, line: open.line, column: open.column))
            }
            advance()
        }
        var text: [UInt8] = []
        if indent {
            // Like HCL: indentation is counted in characters, Unicode spaces included, and
            // the smallest indentation of the non-blank lines is removed from every line.
            let lines = rawLines.map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) }
            func leading(_ l: String) -> Int { l.prefix { $0.isWhitespace && !$0.isNewline }.count }
            let strip = lines.filter { $0.contains { !($0.isWhitespace) } }.map(leading).min() ?? 0
            for l in lines {
                text.append(contentsOf: Array(l.dropFirst(min(strip, leading(l))).utf8))
                text.append(10)
            }
        } else {
            for l in rawLines {
                text.append(contentsOf: bytes[l.start..<l.end])
                text.append(10)
            }
        }
        return try templateParts(text, firstLine: open.line + 1)
    }

    /// Template parts of heredoc text (no escapes, newlines allowed).
    mutating func templateParts(_ text: [UInt8], firstLine: Int) throws -> [HCLTemplatePart] {
        var sub = HCLParser(bytes: text, file: file)
        sub.line = firstLine
        var parts: [HCLTemplatePart] = []
        var literal: [UInt8] = []
        var stack: [DirectiveFrame] = []
        func flush() {
            if !literal.isEmpty { parts.append(.literal(String(decoding: literal, as: UTF8.self))); literal.removeAll() }
        }
        while !sub.atEnd {
            let b = sub.bytes[sub.pos]
            if (b == UInt8(ascii: "$") || b == UInt8(ascii: "%")) && sub.peek(1) == b && sub.peek(2) == UInt8(ascii: "{") {
                literal.append(b); literal.append(UInt8(ascii: "{"))
                sub.pos += 3
                continue
            }
            if b == UInt8(ascii: "$") && sub.peek(1) == UInt8(ascii: "{") {
                flush()
                parts.append(try sub.interpolation())
                continue
            }
            if b == UInt8(ascii: "%") && sub.peek(1) == UInt8(ascii: "{") {
                flush()
                try sub.directive(&parts, &stack)
                continue
            }
            literal.append(b)
            sub.advance()
        }
        flush()
        if !stack.isEmpty { throw sub.error("unterminated template directive in heredoc") }
        return parts
    }
}

import Foundation
