

/// A strict JSON parser straight into `Value`, with line/column for every node.
///
/// Written by hand because Foundation's parsers lose positions and integer/double
/// identity and are slower than this for the small documents policies deal in.
public struct JSONParser {
    private let bytes: [UInt8]
    private var pos = 0
    private var line = 1
    private var lineStart = 0
    private let file: String
    private var depth = 0
    private static let maxDepth = 512

    public static func parse(_ text: String, file: String) throws -> Document {
        var p = JSONParser(bytes: Array(text.utf8), file: file)
        p.skipBOM()
        p.skipWhitespace()
        let (value, span) = try p.parseValue()
        p.skipWhitespace()
        if p.pos < p.bytes.count { throw p.error("unexpected trailing characters after JSON value") }
        return Document(file: file, value: value, spans: span)
    }

    /// Parses a JSON value without file context (used for JMESPath literals and tests).
    public static func parseValue(_ text: String) throws -> Value {
        try parse(text, file: "<input>").value
    }

    private init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
    }

    private mutating func skipBOM() {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { pos = 3; lineStart = 3 }
    }

    private func error(_ message: String) -> BulwarkError {
        BulwarkError(.parse, "invalid JSON: \(message)", at: SourceSpan(file: file, line: line, column: pos - lineStart + 1))
    }

    private mutating func skipWhitespace() {
        while pos < bytes.count {
            switch bytes[pos] {
            case 0x20, 0x09, 0x0D: pos += 1
            case 0x0A: pos += 1; line += 1; lineStart = pos
            default: return
            }
        }
    }

    private mutating func parseValue() throws -> (Value, SpanTree) {
        guard pos < bytes.count else { throw error("unexpected end of input") }
        let l = line, c = pos - lineStart + 1
        switch bytes[pos] {
        case UInt8(ascii: "{"):
            depth += 1
            if depth > Self.maxDepth { throw error("nesting deeper than \(Self.maxDepth)") }
            defer { depth -= 1 }
            pos += 1
            var object = Object()
            var spans: [SpanTree] = []
            skipWhitespace()
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "}") { pos += 1; return (.object(object), SpanTree(line: l, column: c)) }
            while true {
                skipWhitespace()
                guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else { throw error("expected a string key") }
                let kl = line, kc = pos - lineStart + 1
                let key = try parseString()
                skipWhitespace()
                guard pos < bytes.count, bytes[pos] == UInt8(ascii: ":") else { throw error("expected ':' after object key") }
                pos += 1
                skipWhitespace()
                let (v, s) = try parseValue()
                let tree = SpanTree(line: kl, column: kc, children: s.children)
                if let p = object.position(of: key) { spans[p] = tree } else { spans.append(tree) }
                object[key] = v
                skipWhitespace()
                guard pos < bytes.count else { throw error("unterminated object") }
                if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
                if bytes[pos] == UInt8(ascii: "}") { pos += 1; break }
                throw error("expected ',' or '}' in object")
            }
            return (.object(object), SpanTree(line: l, column: c, children: spans))
        case UInt8(ascii: "["):
            depth += 1
            if depth > Self.maxDepth { throw error("nesting deeper than \(Self.maxDepth)") }
            defer { depth -= 1 }
            pos += 1
            var values: [Value] = []
            var spans: [SpanTree] = []
            skipWhitespace()
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "]") { pos += 1; return (.array(values), SpanTree(line: l, column: c)) }
            while true {
                skipWhitespace()
                let (v, s) = try parseValue()
                values.append(v)
                spans.append(s)
                skipWhitespace()
                guard pos < bytes.count else { throw error("unterminated array") }
                if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
                if bytes[pos] == UInt8(ascii: "]") { pos += 1; break }
                throw error("expected ',' or ']' in array")
            }
            return (.array(values), SpanTree(line: l, column: c, children: spans))
        case UInt8(ascii: "\""):
            return (.string(try parseString()), SpanTree(line: l, column: c))
        case UInt8(ascii: "t"):
            try expectWord("true"); return (.bool(true), SpanTree(line: l, column: c))
        case UInt8(ascii: "f"):
            try expectWord("false"); return (.bool(false), SpanTree(line: l, column: c))
        case UInt8(ascii: "n"):
            try expectWord("null"); return (.null, SpanTree(line: l, column: c))
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return (try parseNumber(), SpanTree(line: l, column: c))
        default:
            throw error("unexpected character '\(Character(Unicode.Scalar(bytes[pos])))'")
        }
    }

    private mutating func expectWord(_ word: StaticString) throws {
        let w = word.utf8Start
        for i in 0..<word.utf8CodeUnitCount {
            guard pos + i < bytes.count, bytes[pos + i] == w[i] else { throw error("invalid literal") }
        }
        pos += word.utf8CodeUnitCount
    }

    private mutating func parseNumber() throws -> Value {
        let start = pos
        var isInteger = true
        if bytes[pos] == UInt8(ascii: "-") { pos += 1 }
        guard pos < bytes.count, bytes[pos] >= 48, bytes[pos] <= 57 else { throw error("invalid number") }
        if bytes[pos] == 48 {
            pos += 1
        } else {
            while pos < bytes.count, bytes[pos] >= 48, bytes[pos] <= 57 { pos += 1 }
        }
        if pos < bytes.count, bytes[pos] == UInt8(ascii: ".") {
            isInteger = false
            pos += 1
            guard pos < bytes.count, bytes[pos] >= 48, bytes[pos] <= 57 else { throw error("invalid number: digit expected after '.'") }
            while pos < bytes.count, bytes[pos] >= 48, bytes[pos] <= 57 { pos += 1 }
        }
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "e") || bytes[pos] == UInt8(ascii: "E") {
            isInteger = false
            pos += 1
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "+") || bytes[pos] == UInt8(ascii: "-") { pos += 1 }
            guard pos < bytes.count, bytes[pos] >= 48, bytes[pos] <= 57 else { throw error("invalid number: digit expected in exponent") }
            while pos < bytes.count, bytes[pos] >= 48, bytes[pos] <= 57 { pos += 1 }
        }
        let text = String(decoding: bytes[start..<pos], as: UTF8.self)
        if isInteger, let i = Int(text) { return .int(i) }
        guard let d = Double(text) else { throw error("invalid number") }
        return .double(d)
    }

    private mutating func parseString() throws -> String {
        pos += 1  // opening quote
        var runStart = pos
        var out = ""
        func flush(_ p: Int) { if p > runStart { out += String(decoding: bytes[runStart..<p], as: UTF8.self) } }
        while true {
            guard pos < bytes.count else { throw error("unterminated string") }
            let b = bytes[pos]
            if b == UInt8(ascii: "\"") { flush(pos); pos += 1; break }
            if b < 0x20 { throw error("control character in string") }
            if b != UInt8(ascii: "\\") { pos += 1; continue }
            flush(pos)
            pos += 1
            guard pos < bytes.count else { throw error("unterminated escape") }
            let e = bytes[pos]
            pos += 1
            switch e {
            case UInt8(ascii: "\""): out += "\""
            case UInt8(ascii: "\\"): out += "\\"
            case UInt8(ascii: "/"): out += "/"
            case UInt8(ascii: "b"): out += "\u{08}"
            case UInt8(ascii: "f"): out += "\u{0C}"
            case UInt8(ascii: "n"): out += "\n"
            case UInt8(ascii: "r"): out += "\r"
            case UInt8(ascii: "t"): out += "\t"
            case UInt8(ascii: "u"):
                var code = try parseHex4()
                if code >= 0xD800 && code < 0xDC00, pos + 1 < bytes.count, bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u") {
                    pos += 2
                    let low = try parseHex4()
                    if low >= 0xDC00 && low < 0xE000 { code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00) }
                }
                out.unicodeScalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
            default: throw error("invalid escape '\\\(Character(Unicode.Scalar(e)))'")
            }
            runStart = pos
        }
        return out
    }

    private mutating func parseHex4() throws -> UInt32 {
        guard pos + 4 <= bytes.count else { throw error("short \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[pos]
            let d: UInt32
            switch b {
            case 48...57: d = UInt32(b - 48)
            case 97...102: d = UInt32(b - 87)
            case 65...70: d = UInt32(b - 55)
            default: throw error("invalid hex digit in \\u escape")
            }
            v = v * 16 + d
            pos += 1
        }
        return v
    }
}
