import BulwarkCore

/// A parsed Dockerfile: instructions with positions, grouped into build stages.
///
/// Our own parser because rules need exact line numbers, continuation lines, heredocs,
/// the `# escape=` directive and `ARG` substitution in `FROM`, and must never fail on
/// odd input (an unknown instruction is kept, not rejected).
public struct Dockerfile: Sendable {
    public struct Instruction: Sendable {
        /// Upper-cased keyword (`RUN`, `FROM`, …).
        public var keyword: String
        /// Flags such as `--platform=linux/amd64` or `--chown=1000`, in order.
        public var flags: [String]
        /// Arguments after flags, with continuations joined by a space.
        public var arguments: String
        /// JSON (exec) form arguments when the instruction used `["a", "b"]`.
        public var execForm: [String]?
        /// Heredoc bodies (`RUN <<EOF … EOF`), in order.
        public var heredocs: [String]
        public var line: Int
        public var column: Int
        /// Last physical line of the instruction (continuations and heredocs included).
        public var endLine: Int
    }

    public struct Stage: Sendable {
        public var index: Int
        /// `FROM <image>` after `ARG` substitution.
        public var image: String
        /// The image as written, before substitution.
        public var rawImage: String
        public var alias: String?
        public var from: Instruction
        public var instructions: [Instruction]
    }

    public var file: String
    public var instructions: [Instruction]
    /// `ARG`s declared before the first `FROM`, with their defaults.
    public var globalArgs: [String: String]
    public var stages: [Stage]
    /// Comments by line number, for suppression directives.
    public var comments: [Int: String]

    public var finalStage: Stage? { stages.last }

    public static func parse(_ text: String, file: String) -> Dockerfile {
        var parser = DockerfileParser(text: text)
        let (instructions, comments) = parser.run()
        var globalArgs: [String: String] = [:]
        var stages: [Stage] = []
        for ins in instructions {
            if ins.keyword == "FROM" {
                let parts = ins.arguments.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
                let raw = parts.first ?? ""
                var alias: String? = nil
                if parts.count >= 3, parts[1].uppercased() == "AS" { alias = parts[2] }
                stages.append(Stage(index: stages.count, image: substitute(raw, globalArgs), rawImage: raw, alias: alias,
                                    from: ins, instructions: []))
            } else if stages.isEmpty {
                if ins.keyword == "ARG" {
                    for (k, v) in argDeclarations(ins.arguments) { globalArgs[k] = v ?? globalArgs[k] ?? "" }
                }
            } else {
                stages[stages.count - 1].instructions.append(ins)
            }
        }
        return Dockerfile(file: file, instructions: instructions, globalArgs: globalArgs, stages: stages, comments: comments)
    }

    /// `ARG NAME=default OTHER` → [("NAME", "default"), ("OTHER", nil)].
    public static func argDeclarations(_ args: String) -> [(String, String?)] {
        args.split(separator: " ").map { part in
            if let eq = part.firstIndex(of: "=") {
                return (String(part[part.startIndex..<eq]), unquote(String(part[part.index(after: eq)...])))
            }
            return (String(part), nil)
        }
    }

    static func unquote(_ s: String) -> String {
        if s.count >= 2, let f = s.first, f == "\"" || f == "'", s.last == f { return String(s.dropFirst().dropLast()) }
        return s
    }

    /// `$VAR`, `${VAR}`, `${VAR:-default}` from build args.
    public static func substitute(_ s: String, _ args: [String: String]) -> String {
        guard s.contains("$") else { return s }
        var out = ""
        var chars = Array(s)
        var i = 0
        while i < chars.count {
            if chars[i] == "$", i + 1 < chars.count {
                if chars[i + 1] == "{", let close = chars[(i + 2)...].firstIndex(of: "}") {
                    let body = String(chars[(i + 2)..<close])
                    var name = body, fallback: String? = nil
                    if let r = body.range(of: ":-") {
                        name = String(body[body.startIndex..<r.lowerBound])
                        fallback = String(body[r.upperBound...])
                    }
                    let value = args[name].flatMap { $0.isEmpty ? nil : $0 } ?? fallback ?? ""
                    out += value
                    i = close + 1
                    continue
                }
                var j = i + 1
                while j < chars.count, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" { j += 1 }
                if j > i + 1 {
                    out += args[String(chars[(i + 1)..<j])] ?? ""
                    i = j
                    continue
                }
            }
            out.append(chars[i])
            i += 1
        }
        chars.removeAll()
        return out
    }
}

/// Line-oriented Dockerfile tokenizer.
struct DockerfileParser {
    let lines: [Substring]
    var escape: Character = "\\"

    init(text: String) {
        var t = Substring(text)
        if t.hasPrefix("\u{FEFF}") { t = t.dropFirst() }
        lines = t.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
    }

    mutating func run() -> ([Dockerfile.Instruction], [Int: String]) {
        var out: [Dockerfile.Instruction] = []
        var comments: [Int: String] = [:]
        var i = 0
        var directivesAllowed = true
        while i < lines.count {
            let raw = lines[i]
            let trimmed = raw.drop(while: { $0 == " " || $0 == "\t" })
            if trimmed.isEmpty { i += 1; directivesAllowed = false; continue }
            if trimmed.hasPrefix("#") {
                let body = trimmed.dropFirst().trimmingCharacters(in: .whitespaces)
                if directivesAllowed, body.lowercased().hasPrefix("escape="), let c = body.split(separator: "=").last?.first {
                    escape = c
                }
                comments[i + 1] = body
                i += 1
                continue
            }
            directivesAllowed = false
            let startLine = i + 1
            let column = raw.count - trimmed.count + 1
            // Join continuation lines; comment lines inside a continuation are skipped.
            var text = ""
            var current = String(trimmed)
            while true {
                let t = current.trimmingCharacters(in: .whitespaces)
                if t.last == escape {
                    text += String(t.dropLast()).trimmingCharacters(in: .whitespaces) + " "
                    i += 1
                    while i < lines.count, lines[i].drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("#") {
                        comments[i + 1] = String(lines[i].drop(while: { $0 == " " || $0 == "\t" }).dropFirst())
                        i += 1
                    }
                    guard i < lines.count else { break }
                    current = String(lines[i].drop(while: { $0 == " " || $0 == "\t" }))
                } else {
                    text += t
                    break
                }
            }
            var ins = instruction(text, line: startLine, column: column)
            // Heredocs: `<<EOF` or `<<-EOF` or `<<"EOF"` consume following lines.
            for marker in heredocMarkers(ins.arguments) {
                var body: [String] = []
                i += 1
                while i < lines.count {
                    let l = lines[i]
                    let candidate = marker.stripTabs ? String(l.drop(while: { $0 == "\t" })) : String(l)
                    if candidate == marker.word { break }
                    body.append(marker.stripTabs ? candidate : String(l))
                    i += 1
                }
                ins.heredocs.append(body.joined(separator: "\n"))
            }
            ins.endLine = min(i + 1, lines.count)
            out.append(ins)
            i += 1
        }
        return (out, comments)
    }

    func instruction(_ text: String, line: Int, column: Int) -> Dockerfile.Instruction {
        let keywordEnd = text.firstIndex(where: { $0 == " " || $0 == "\t" }) ?? text.endIndex
        let keyword = text[text.startIndex..<keywordEnd].uppercased()
        var rest = text[keywordEnd...].drop(while: { $0 == " " || $0 == "\t" })
        var flags: [String] = []
        while rest.hasPrefix("--") {
            let end = rest.firstIndex(where: { $0 == " " || $0 == "\t" }) ?? rest.endIndex
            flags.append(String(rest[rest.startIndex..<end]))
            rest = rest[end...].drop(while: { $0 == " " || $0 == "\t" })
        }
        let args = String(rest).trimmingCharacters(in: .whitespaces)
        var exec: [String]? = nil
        if args.hasPrefix("["), case .array(let items)? = try? JSONParser.parseValue(args) {
            exec = items.compactMap(\.stringValue)
        }
        return Dockerfile.Instruction(keyword: keyword, flags: flags, arguments: args, execForm: exec, heredocs: [],
                                      line: line, column: column, endLine: line)
    }

    struct HeredocMarker { var word: String; var stripTabs: Bool }

    func heredocMarkers(_ args: String) -> [HeredocMarker] {
        var out: [HeredocMarker] = []
        var rest = Substring(args)
        while let r = rest.range(of: "<<") {
            var after = rest[r.upperBound...]
            var strip = false
            if after.hasPrefix("-") { strip = true; after = after.dropFirst() }
            let word = after.prefix(while: { !$0.isWhitespace && $0 != ";" && $0 != "&" && $0 != "|" && $0 != ">" })
            let clean = word.filter { $0 != "\"" && $0 != "'" }
            if !clean.isEmpty, clean.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
                out.append(HeredocMarker(word: String(clean), stripTabs: strip))
            }
            rest = after.dropFirst(word.count)
        }
        return out
    }
}

import Foundation
