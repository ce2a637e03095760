import BulwarkCore

/// A fast path for the YAML that manifests, policies and workflows are actually written
/// in: block mappings and sequences, flow collections, plain/quoted scalars, literal and
/// folded block scalars, comments, multiple documents.
///
/// It declines (returns nil) on anything else — anchors, aliases, tags, complex keys,
/// multi-line plain or double-quoted scalars, tabs in indentation, duplicate keys, any
/// error — and the caller then uses the full YAML parser, which also produces the error
/// messages. It never guesses: what it accepts it must read exactly as Yams does (a
/// differential test holds it to that).
struct FastYAML {
    struct Decline: Error {}

    struct Line {
        var number: Int        // 1-based
        var indent: Int        // leading spaces
        var start: Int         // byte offset of the first content byte
        var end: Int           // byte offset past the last content byte (comments not removed)
    }

    let bytes: [UInt8]
    var lines: [Line] = []
    var i = 0
    let file: String
    /// Nesting depth; deep documents go to the full parser (which has its own limits),
    /// so recursion here stays far from the stack's end even on worker threads.
    var depth = 0
    static let maxDepth = 128

    static func load(_ text: String, file: String) -> [Document]? {
        var p = FastYAML(bytes: Array(text.utf8), file: file)
        do { return try p.run() } catch { return nil }
    }

    init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
    }

    // MARK: Lines

    mutating func splitLines() throws {
        // Tabs are whitespace in some YAML positions and content in others: not ours.
        if bytes.contains(9) { throw Decline() }
        var pos = 0, number = 1
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { pos = 3 }
        while pos <= bytes.count {
            var end = pos
            while end < bytes.count, bytes[end] != 10 { end += 1 }
            var contentEnd = end
            if contentEnd > pos, bytes[contentEnd - 1] == 13 { contentEnd -= 1 }
            var s = pos
            while s < contentEnd, bytes[s] == 32 { s += 1 }
            if s < contentEnd, bytes[s] == 9 { throw Decline() }
            lines.append(Line(number: number, indent: s - pos, start: s, end: contentEnd))
            number += 1
            if end >= bytes.count { break }
            pos = end + 1
        }
    }

    func isBlank(_ l: Line) -> Bool {
        l.start >= l.end || bytes[l.start] == UInt8(ascii: "#")
    }

    mutating func skipBlank() {
        while i < lines.count, isBlank(lines[i]) { i += 1 }
    }

    func startsWith(_ l: Line, _ s: String) -> Bool {
        let u = Array(s.utf8)
        guard l.end - l.start >= u.count else { return false }
        for k in 0..<u.count where bytes[l.start + k] != u[k] { return false }
        return true
    }

    func isDocumentMarker(_ l: Line) -> Bool {
        l.indent == 0 && (startsWith(l, "---") || startsWith(l, "...")) && (l.end - l.start == 3 || bytes[l.start + 3] == 32)
    }

    // MARK: Documents

    mutating func run() throws -> [Document] {
        try splitLines()
        var docs: [Document] = []
        var explicitStart = false
        while true {
            skipBlank()
            guard i < lines.count else { break }
            let l = lines[i]
            if l.indent == 0, bytes[l.start] == UInt8(ascii: "%") { throw Decline() }
            if isDocumentMarker(l) {
                if startsWith(l, "...") { i += 1; explicitStart = false; continue }
                // `--- # comment` is fine; `--- value` or `--- !tag` is not handled here.
                var k = l.start + 3
                while k < l.end, bytes[k] == 32 { k += 1 }
                if k < l.end, bytes[k] != UInt8(ascii: "#") { throw Decline() }
                i += 1
                skipBlank()
                if i < lines.count, isDocumentMarker(lines[i]), startsWith(lines[i], "...") { throw Decline() }
                // An empty last document followed only by comments or spaces: Yams's
                // position for it depends on details not worth mirroring.
                if i >= lines.count, lines[(lines.firstIndex { $0.number == l.number } ?? 0)...].dropFirst().contains(where: { $0.indent > 0 || $0.start < $0.end }) {
                    throw Decline()
                }
                if i >= lines.count || isDocumentMarker(lines[i]) {
                    // An empty document between markers is a null document, as Yams yields.
                    // Yams places an empty document at the next token: the next marker or the end.
                    let at = i < lines.count ? lines[i].number : max(lines.last?.number ?? 0, l.number + 1)
                    docs.append(Document(file: file, index: docs.count, value: .null, spans: SpanTree(line: at, column: 1)))
                    continue
                }
                explicitStart = true
            }
            _ = explicitStart
            let (v, span) = try block(indent: lines[i].indent)
            skipBlank()
            if i < lines.count, !isDocumentMarker(lines[i]) { throw Decline() }
            docs.append(Document(file: file, index: docs.count, value: v, spans: span))
            explicitStart = false
        }
        return docs
    }

    // MARK: Block nodes

    /// Parses the node whose first line is `lines[i]`, at exactly `indent`.
    mutating func block(indent: Int) throws -> (Value, SpanTree) {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maxDepth { throw Decline() }
        skipBlank()
        guard i < lines.count, !isDocumentMarker(lines[i]) else { return (.null, SpanTree(line: lines.last?.number ?? 1, column: 1)) }
        let l = lines[i]
        if isSequenceItem(l) { return try sequence(indent: l.indent) }
        if keyColon(l) != nil { return try mapping(indent: l.indent) }
        // A lone scalar or flow collection as the whole node.
        let (v, span, next) = try inlineValue(from: l.start, line: l, parentIndent: indent - 1)
        try expectLineEnd(next, l)
        i += 1
        return (v, span)
    }

    func isSequenceItem(_ l: Line) -> Bool {
        bytes[l.start] == UInt8(ascii: "-") && (l.start + 1 == l.end || bytes[l.start + 1] == 32)
    }

    /// Offset of the `:` ending a mapping key on this line, or nil.
    func keyColon(_ l: Line) -> Int? {
        var k = l.start
        let first = bytes[k]
        if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
            guard let close = quotedEnd(k, l.end) else { return nil }
            k = close
            while k < l.end, bytes[k] == 32 { k += 1 }
            return k < l.end && bytes[k] == UInt8(ascii: ":") && (k + 1 == l.end || bytes[k + 1] == 32) ? k : nil
        }
        if first == UInt8(ascii: "[") || first == UInt8(ascii: "{") || first == UInt8(ascii: "#") { return nil }
        while k < l.end {
            let b = bytes[k]
            if b == UInt8(ascii: ":"), k + 1 == l.end || bytes[k + 1] == 32 { return k }
            if b == UInt8(ascii: "#"), k > l.start, bytes[k - 1] == 32 { return nil }
            k += 1
        }
        return nil
    }

    /// Offset just past the closing quote of a quoted scalar starting at `k`.
    func quotedEnd(_ k: Int, _ end: Int) -> Int? {
        let q = bytes[k]
        var j = k + 1
        while j < end {
            if q == UInt8(ascii: "'"), bytes[j] == q {
                if j + 1 < end, bytes[j + 1] == q { j += 2; continue }
                return j + 1
            }
            if q == UInt8(ascii: "\""), bytes[j] == UInt8(ascii: "\\") { j += 2; continue }
            if q == UInt8(ascii: "\""), bytes[j] == q { return j + 1 }
            j += 1
        }
        return nil
    }

    mutating func mapping(indent: Int) throws -> (Value, SpanTree) {
        var object = Object()
        var spans: [SpanTree] = []
        let first = lines[i]
        let mark = SpanTree(line: first.number, column: first.indent + 1)
        while true {
            skipBlank()
            guard i < lines.count, !isDocumentMarker(lines[i]) else { break }
            let l = lines[i]
            if l.indent < indent { break }
            guard l.indent == indent, let colon = keyColon(l) else { throw Decline() }
            let key = try keyText(l.start, colon)
            if key == "<<" || object.position(of: key) != nil { throw Decline() }
            let keyLine = l.number, keyColumn = l.indent + 1
            var after = colon + 1
            while after < l.end, bytes[after] == 32 { after += 1 }
            let value: Value
            let valueSpan: SpanTree
            if after >= l.end || bytes[after] == UInt8(ascii: "#") {
                i += 1
                skipBlank()
                if i < lines.count, !isDocumentMarker(lines[i]), lines[i].indent > indent
                    || (lines[i].indent == indent && isSequenceItem(lines[i])) {
                    (value, valueSpan) = try block(indent: lines[i].indent)
                } else {
                    (value, valueSpan) = (.null, SpanTree(line: keyLine, column: colon - l.start + l.indent + 2))
                }
            } else if bytes[after] == UInt8(ascii: "|") || bytes[after] == UInt8(ascii: ">") {
                (value, valueSpan) = try blockScalar(at: after, line: l, parentIndent: indent)
            } else {
                let (v, s, next) = try inlineValue(from: after, line: l, parentIndent: indent)
                value = v
                valueSpan = s
                try expectLineEnd(next, lines[i])
                i += 1
            }
            object[key] = value
            spans.append(SpanTree(line: keyLine, column: keyColumn, children: valueSpan.children))
        }
        return (.object(object), SpanTree(line: Int(mark.line), column: Int(mark.column), children: spans))
    }

    mutating func sequence(indent: Int) throws -> (Value, SpanTree) {
        var items: [Value] = []
        var spans: [SpanTree] = []
        let first = lines[i]
        while true {
            skipBlank()
            guard i < lines.count, !isDocumentMarker(lines[i]) else { break }
            let l = lines[i]
            if l.indent < indent { break }
            guard l.indent == indent, isSequenceItem(l) else {
                if l.indent > indent { throw Decline() }
                break
            }
            var content = l.start + 1
            while content < l.end, bytes[content] == 32 { content += 1 }
            if content >= l.end || bytes[content] == UInt8(ascii: "#") {
                i += 1
                skipBlank()
                if i < lines.count, !isDocumentMarker(lines[i]), lines[i].indent > indent {
                    let (v, s) = try block(indent: lines[i].indent)
                    items.append(v)
                    spans.append(s)
                } else {
                    items.append(.null)
                    spans.append(SpanTree(line: l.number, column: l.indent + 2))
                }
                continue
            }
            // `- key: value` or `- - x`: the rest of the line is a node at its own column.
            let column = content - l.start + l.indent
            lines[i] = Line(number: l.number, indent: column, start: content, end: l.end)
            let (v, s) = try block(indent: column)
            items.append(v)
            spans.append(s)
        }
        return (.array(items), SpanTree(line: first.number, column: first.indent + 1, children: spans))
    }

    // MARK: Scalars and flow

    func keyText(_ start: Int, _ colon: Int) throws -> String {
        let q = bytes[start]
        if q == UInt8(ascii: "\"") || q == UInt8(ascii: "'") {
            guard let end = quotedEnd(start, colon) else { throw Decline() }
            return try quoted(start, end)
        }
        var e = colon
        while e > start, bytes[e - 1] == 32 { e -= 1 }
        if e == start || startsWithIndicator(start, e) { throw Decline() }
        let text = String(decoding: bytes[start..<e], as: UTF8.self)
        if let f = text.utf8.first, [UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "@"), UInt8(ascii: "`"), UInt8(ascii: "%")].contains(f) {
            throw Decline()
        }
        return text
    }

    func quoted(_ start: Int, _ end: Int) throws -> String {
        let q = bytes[start]
        let body = bytes[(start + 1)..<(end - 1)]
        if q == UInt8(ascii: "'") {
            var out: [UInt8] = []
            var k = body.startIndex
            while k < body.endIndex {
                out.append(body[k])
                if body[k] == q { k += 1 }
                k += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
        if !body.contains(UInt8(ascii: "\\")) { return String(decoding: body, as: UTF8.self) }
        var out: [UInt8] = []
        var k = body.startIndex
        while k < body.endIndex {
            let b = body[k]
            guard b == UInt8(ascii: "\\") else { out.append(b); k += 1; continue }
            k += 1
            guard k < body.endIndex else { throw Decline() }
            switch body[k] {
            case UInt8(ascii: "n"): out.append(10)
            case UInt8(ascii: "t"): out.append(9)
            case UInt8(ascii: "r"): out.append(13)
            case UInt8(ascii: "\""): out.append(34)
            case UInt8(ascii: "\\"): out.append(92)
            case UInt8(ascii: "/"): out.append(47)
            case UInt8(ascii: "0"): out.append(0)
            default: throw Decline()
            }
            k += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A value that starts at byte `k` of line `l` and ends on that line (flow
    /// collections may continue on following lines). Returns the offset after it.
    mutating func inlineValue(from k: Int, line l: Line, parentIndent: Int) throws -> (Value, SpanTree, Int) {
        let b = bytes[k]
        let column = k - l.start + l.indent + 1
        switch b {
        case UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"):
            throw Decline()
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            guard let end = quotedEnd(k, l.end) else { throw Decline() }
            return (.string(try quoted(k, end)), SpanTree(line: l.number, column: column), end)
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            var flow = FlowCursor(line: i, pos: k)
            let (v, s) = try flowNode(&flow)
            // Continue on the line where the flow collection ended.
            i = flow.line
            return (v, s, flow.pos)
        default:
            if startsWithIndicator(k, l.end) { throw Decline() }
            var e = k
            while e < l.end {
                if bytes[e] == UInt8(ascii: "#"), e > k, bytes[e - 1] == 32 { break }
                if bytes[e] == UInt8(ascii: ":"), e + 1 == l.end || bytes[e + 1] == 32 { throw Decline() }
                e += 1
            }
            var t = e
            while t > k, bytes[t - 1] == 32 { t -= 1 }
            // A plain scalar continued on more-indented lines is multi-line: not ours.
            var n = i + 1
            while n < lines.count, isBlank(lines[n]) { n += 1 }
            if n < lines.count, !isDocumentMarker(lines[n]), lines[n].indent > parentIndent { throw Decline() }
            let text = String(decoding: bytes[k..<t], as: UTF8.self)
            return (ScalarResolver.resolvePlain(text), SpanTree(line: l.number, column: column), e)
        }
    }

    /// A plain scalar may not start with an indicator (YAML 1.1 §9.1.3): `-`, `?`, `:`
    /// only when followed by a space; the others never.
    func startsWithIndicator(_ k: Int, _ end: Int) -> Bool {
        let b = bytes[k]
        let always: [UInt8] = Array(",[]{}#&*!|>'\"%@`".utf8)
        if always.contains(b) { return true }
        if b == UInt8(ascii: "-") || b == UInt8(ascii: "?") || b == UInt8(ascii: ":") {
            return k + 1 >= end || bytes[k + 1] == 32
        }
        return false
    }

    func expectLineEnd(_ k: Int, _ l: Line) throws {
        var j = k
        while j < l.end, bytes[j] == 32 { j += 1 }
        if j < l.end, bytes[j] != UInt8(ascii: "#") { throw Decline() }
    }

    struct FlowCursor {
        var line: Int
        var pos: Int
    }

    func flowSkip(_ c: inout FlowCursor) throws {
        while true {
            guard c.line < lines.count else { throw Decline() }
            let l = lines[c.line]
            if c.pos < l.start { c.pos = l.start }
            while c.pos < l.end, bytes[c.pos] == 32 { c.pos += 1 }
            if c.pos < l.end, bytes[c.pos] == UInt8(ascii: "#") { c.pos = l.end }
            if c.pos < l.end { return }
            c.line += 1
            guard c.line < lines.count else { throw Decline() }
            if isDocumentMarker(lines[c.line]) { throw Decline() }
            c.pos = lines[c.line].start
        }
    }

    func flowNode(_ c: inout FlowCursor, depth: Int = 0) throws -> (Value, SpanTree) {
        if self.depth + depth > Self.maxDepth { throw Decline() }
        try flowSkip(&c)
        let l = lines[c.line]
        let mark = SpanTree(line: l.number, column: c.pos - l.start + l.indent + 1)
        let b = bytes[c.pos]
        if b == UInt8(ascii: "[") {
            c.pos += 1
            var items: [Value] = []
            var spans: [SpanTree] = []
            try flowSkip(&c)
            if bytes[c.pos] == UInt8(ascii: "]") { c.pos += 1; return (.array(items), mark) }
            while true {
                let (v, s) = try flowNode(&c, depth: depth + 1)
                items.append(v)
                spans.append(s)
                try flowSkip(&c)
                if bytes[c.pos] == UInt8(ascii: ",") {
                    c.pos += 1
                    try flowSkip(&c)
                    if bytes[c.pos] == UInt8(ascii: "]") { c.pos += 1; break }
                    continue
                }
                if bytes[c.pos] == UInt8(ascii: "]") { c.pos += 1; break }
                throw Decline()
            }
            return (.array(items), SpanTree(line: Int(mark.line), column: Int(mark.column), children: spans))
        }
        if b == UInt8(ascii: "{") {
            c.pos += 1
            var object = Object()
            var spans: [SpanTree] = []
            try flowSkip(&c)
            if bytes[c.pos] == UInt8(ascii: "}") { c.pos += 1; return (.object(object), mark) }
            while true {
                try flowSkip(&c)
                let kl = lines[c.line]
                let keyMark = (kl.number, c.pos - kl.start + kl.indent + 1)
                let key: String
                let kb = bytes[c.pos]
                if kb == UInt8(ascii: "\"") || kb == UInt8(ascii: "'") {
                    guard let end = quotedEnd(c.pos, kl.end) else { throw Decline() }
                    key = try quoted(c.pos, end)
                    c.pos = end
                } else {
                    var e = c.pos
                    while e < kl.end, bytes[e] != UInt8(ascii: ":"), bytes[e] != UInt8(ascii: ","), bytes[e] != UInt8(ascii: "}"),
                          bytes[e] != UInt8(ascii: "{"), bytes[e] != UInt8(ascii: "["), bytes[e] != UInt8(ascii: "]") { e += 1 }
                    var t = e
                    while t > c.pos, bytes[t - 1] == 32 { t -= 1 }
                    guard t > c.pos else { throw Decline() }
                    key = try keyText(c.pos, t)
                    c.pos = e
                }
                // The `:` must follow on the same line and be followed by a space:
                // `{a:b}` is one scalar in YAML 1.1, and keys spanning lines are not ours.
                while c.pos < kl.end, bytes[c.pos] == 32 { c.pos += 1 }
                guard c.pos < kl.end, bytes[c.pos] == UInt8(ascii: ":"), c.pos + 1 < kl.end, bytes[c.pos + 1] == 32 else { throw Decline() }
                c.pos += 1
                if object.position(of: key) != nil { throw Decline() }
                try flowSkip(&c)
                let (v, s) = try flowNode(&c, depth: depth + 1)
                object[key] = v
                spans.append(SpanTree(line: keyMark.0, column: keyMark.1, children: s.children))
                try flowSkip(&c)
                if bytes[c.pos] == UInt8(ascii: ",") {
                    c.pos += 1
                    try flowSkip(&c)
                    if bytes[c.pos] == UInt8(ascii: "}") { c.pos += 1; break }
                    continue
                }
                if bytes[c.pos] == UInt8(ascii: "}") { c.pos += 1; break }
                throw Decline()
            }
            return (.object(object), SpanTree(line: Int(mark.line), column: Int(mark.column), children: spans))
        }
        if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
            guard let end = quotedEnd(c.pos, l.end) else { throw Decline() }
            let s = try quoted(c.pos, end)
            c.pos = end
            return (.string(s), mark)
        }
        if [UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "@"), UInt8(ascii: "`"), UInt8(ascii: "%")].contains(b) {
            throw Decline()
        }
        if startsWithIndicator(c.pos, l.end) || bytes[c.pos] == UInt8(ascii: ":") { throw Decline() }
        var e = c.pos
        while e < l.end {
            let x = bytes[e]
            if x == UInt8(ascii: ",") || x == UInt8(ascii: "]") || x == UInt8(ascii: "}") || x == UInt8(ascii: "[") || x == UInt8(ascii: "{") { break }
            if x == UInt8(ascii: ":") { throw Decline() }  // `a:b` / `a: b` inside a flow sequence
            if x == UInt8(ascii: "#"), e > c.pos, bytes[e - 1] == 32 { throw Decline() }
            e += 1
        }
        var t = e
        while t > c.pos, bytes[t - 1] == 32 { t -= 1 }
        guard t > c.pos else { throw Decline() }
        if e < l.end, bytes[e] == UInt8(ascii: ":") { throw Decline() }  // implicit single-pair mapping
        let text = String(decoding: bytes[c.pos..<t], as: UTF8.self)
        c.pos = e
        return (ScalarResolver.resolvePlain(text), mark)
    }

    /// `|` and `>` with optional chomping (`-`, `+`); explicit indentation indicators and
    /// folded text with more-indented lines are left to Yams.
    mutating func blockScalar(at k: Int, line l: Line, parentIndent: Int) throws -> (Value, SpanTree) {
        let literal = bytes[k] == UInt8(ascii: "|")
        var chomp: UInt8 = 0
        var j = k + 1
        if j < l.end, bytes[j] == UInt8(ascii: "-") || bytes[j] == UInt8(ascii: "+") { chomp = bytes[j]; j += 1 }
        try expectLineEnd(j, l)
        let mark = SpanTree(line: l.number, column: k - l.start + l.indent + 1)
        i += 1
        // Content lines: blank, or indented more than the parent.
        var contentIndent: Int? = nil
        var body: [String] = []
        while i < lines.count {
            let x = lines[i]
            let empty = x.start >= x.end
            // A line of only spaces inside a block scalar may be content: not ours.
            if empty, x.indent > 0 { throw Decline() }
            if empty {
                body.append("")
                i += 1
                continue
            }
            if contentIndent == nil {
                if x.indent <= parentIndent { break }
                contentIndent = x.indent
            }
            guard let ci = contentIndent, x.indent >= ci else { break }
            if !literal, x.indent > ci { throw Decline() }
            let lineStart = x.start - (x.indent - ci)
            body.append(String(decoding: bytes[lineStart..<x.end], as: UTF8.self))
            i += 1
        }
        // Trailing blank lines belong to chomping, and the next node starts after them.
        if !literal, body.first?.isEmpty == true { throw Decline() }
        var trailing = 0
        while let last = body.last, last.isEmpty { body.removeLast(); trailing += 1 }
        if body.isEmpty { throw Decline() }
        var text: String
        if literal {
            text = body.joined(separator: "\n")
        } else {
            text = ""
            for (n, line) in body.enumerated() {
                if n == 0 { text = line; continue }
                if line.isEmpty { text += "\n" } else if body[n - 1].isEmpty { text += line } else { text += " " + line }
            }
        }
        switch chomp {
        case UInt8(ascii: "-"): break
        case UInt8(ascii: "+"): text += "\n" + String(repeating: "\n", count: trailing)
        default: text += "\n"
        }
        return (.string(text), mark)
    }
}
