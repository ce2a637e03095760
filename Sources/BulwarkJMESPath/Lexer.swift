import Foundation
import BulwarkCore

/// Turns an expression into tokens. Works on Unicode scalars so offsets in error
/// messages are character columns, not byte offsets.
struct Lexer {
    private let chars: [Unicode.Scalar]
    private var pos = 0

    init(_ expression: String) {
        chars = Array(expression.unicodeScalars)
    }

    static func tokenize(_ expression: String) throws -> [Token] {
        var lexer = Lexer(expression)
        var tokens: [Token] = []
        while true {
            let t = try lexer.next()
            tokens.append(t)
            if case .eof = t.kind { return tokens }
        }
    }

    private func peek(_ n: Int = 0) -> Unicode.Scalar? {
        pos + n < chars.count ? chars[pos + n] : nil
    }

    private static func isIdentStart(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_"
    }

    private static func isIdentChar(_ c: Unicode.Scalar) -> Bool {
        isIdentStart(c) || (c >= "0" && c <= "9")
    }

    private mutating func next() throws -> Token {
        while let c = peek(), c == " " || c == "\t" || c == "\n" || c == "\r" { pos += 1 }
        let start = pos
        guard let c = peek() else { return Token(kind: .eof, offset: pos) }
        func single(_ k: Token.Kind) -> Token { pos += 1; return Token(kind: k, offset: start) }
        switch c {
        case ".": return single(.dot)
        case "*": return single(.star)
        case "]": return single(.rbracket)
        case "{": return single(.lbrace)
        case "}": return single(.rbrace)
        case "(": return single(.lparen)
        case ")": return single(.rparen)
        case ",": return single(.comma)
        case ":": return single(.colon)
        case "@": return single(.current)
        case "$": return single(.root)
        case "[":
            if peek(1) == "?" { pos += 2; return Token(kind: .filter, offset: start) }
            if peek(1) == "]" { pos += 2; return Token(kind: .flatten, offset: start) }
            return single(.lbracket)
        case "|":
            if peek(1) == "|" { pos += 2; return Token(kind: .or, offset: start) }
            return single(.pipe)
        case "&":
            if peek(1) == "&" { pos += 2; return Token(kind: .and, offset: start) }
            return single(.expref)
        case "!":
            if peek(1) == "=" { pos += 2; return Token(kind: .ne, offset: start) }
            return single(.not)
        case "=":
            if peek(1) == "=" { pos += 2; return Token(kind: .eq, offset: start) }
            throw JMESPathError(.syntax, "'=' is not valid here; did you mean '=='?", offset: start)
        case "<":
            if peek(1) == "=" { pos += 2; return Token(kind: .lte, offset: start) }
            return single(.lt)
        case ">":
            if peek(1) == "=" { pos += 2; return Token(kind: .gte, offset: start) }
            return single(.gt)
        case "'":
            return Token(kind: .rawString(try consumeRawString()), offset: start)
        case "\"":
            return Token(kind: .quotedIdentifier(try consumeQuotedIdentifier()), offset: start)
        case "`":
            return Token(kind: .literal(try consumeLiteral()), offset: start)
        case "-", "0"..."9":
            pos += 1
            var digits = String(Character(c))
            while let d = peek(), d >= "0" && d <= "9" { digits.unicodeScalars.append(d); pos += 1 }
            guard digits != "-", let n = Int(digits) else {
                throw JMESPathError(.syntax, "invalid number '\(digits)'", offset: start)
            }
            return Token(kind: .number(n), offset: start)
        default:
            if Lexer.isIdentStart(c) {
                var s = String.UnicodeScalarView()
                while let d = peek(), Lexer.isIdentChar(d) { s.append(d); pos += 1 }
                return Token(kind: .unquotedIdentifier(String(s)), offset: start)
            }
            throw JMESPathError(.syntax, "unexpected character '\(c)'", offset: start)
        }
    }

    /// Consumes up to the closing `delimiter`, honouring backslash escapes of it.
    private mutating func consumeDelimited(_ delimiter: Unicode.Scalar) throws -> String {
        let start = pos
        pos += 1
        var out = String.UnicodeScalarView()
        while let c = peek() {
            if c == delimiter { pos += 1; return String(out) }
            if c == "\\", let n = peek(1) {
                out.append(c)
                out.append(n)
                pos += 2
                continue
            }
            out.append(c)
            pos += 1
        }
        throw JMESPathError(.syntax, "unterminated \(delimiter == "`" ? "literal" : delimiter == "'" ? "raw string" : "quoted identifier")", offset: start)
    }

    private mutating func consumeRawString() throws -> String {
        // Only `\'` is an escape in a raw string; every other backslash is literal.
        let body = try consumeDelimited("'")
        return body.contains("\\'") ? body.replacingOccurrences(of: "\\'", with: "'") : body
    }

    private mutating func consumeQuotedIdentifier() throws -> String {
        let start = pos
        let body = try consumeDelimited("\"")
        do {
            guard case .string(let s) = try JSONParser.parseValue("\"" + body + "\"") else {
                throw JMESPathError(.syntax, "invalid quoted identifier", offset: start)
            }
            return s
        } catch {
            throw JMESPathError(.syntax, "invalid quoted identifier \"\(body)\"", offset: start)
        }
    }

    private mutating func consumeLiteral() throws -> Value {
        let start = pos
        let raw = try consumeDelimited("`")
        let body = raw.contains("\\`") ? raw.replacingOccurrences(of: "\\`", with: "`") : raw
        if let v = try? JSONParser.parseValue(body) { return v }
        // Legacy form accepted by the reference implementations: `foo` is the string "foo".
        let trimmed = body.drop(while: { $0 == " " || $0 == "\t" || $0 == "\n" })
        if let v = try? JSONParser.parseValue("\"" + trimmed + "\"") { return v }
        throw JMESPathError(.syntax, "invalid JSON literal `\(body)`", offset: start)
    }
}
