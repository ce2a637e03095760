import BulwarkCore
import BulwarkJMESPath
import Foundation

/// Kyverno's string functions.
enum StringFunctions {
    static let all: [Function] = [
        Function("compare", [[.string], [.string]], returns: "number", summary: "-1, 0 or 1 comparing two strings") { a in
            let x = a[0].stringValue ?? "", y = a[1].stringValue ?? ""
            return .int(x == y ? 0 : (x.utf8.lexicographicallyPrecedes(y.utf8) ? -1 : 1))
        },
        Function("equal_fold", [[.string], [.string]], returns: "boolean", summary: "case-insensitive equality") { a in
            .bool((a[0].stringValue ?? "").lowercased() == (a[1].stringValue ?? "").lowercased())
        },
        Function("replace", [[.string], [.string], [.string], [.number]], returns: "string", summary: "replace the first n occurrences (n < 0: all)") { a in
            let s = a[0].stringValue ?? "", old = a[1].stringValue ?? "", new = a[2].stringValue ?? ""
            let n = Int(a[3].numberValue ?? -1)
            return .string(replace(s, old, new, n))
        },
        Function("replace_all", [[.string], [.string], [.string]], returns: "string", summary: "replace every occurrence") { a in
            .string(replace(a[0].stringValue ?? "", a[1].stringValue ?? "", a[2].stringValue ?? "", -1))
        },
        Function("to_upper", [[.string]], returns: "string") { a in .string((a[0].stringValue ?? "").uppercased()) },
        Function("to_lower", [[.string]], returns: "string") { a in .string((a[0].stringValue ?? "").lowercased()) },
        Function("trim", [[.string], [.string]], returns: "string", summary: "strip leading/trailing characters in cutset") { a in
            let cut = Set((a[1].stringValue ?? "").unicodeScalars)
            let scalars = Array((a[0].stringValue ?? "").unicodeScalars)
            var lo = 0, hi = scalars.count
            while lo < hi, cut.contains(scalars[lo]) { lo += 1 }
            while hi > lo, cut.contains(scalars[hi - 1]) { hi -= 1 }
            return .string(String(String.UnicodeScalarView(scalars[lo..<hi])))
        },
        Function("trim_prefix", [[.string], [.string]], returns: "string") { a in
            let s = a[0].stringValue ?? "", p = a[1].stringValue ?? ""
            return .string(s.hasPrefix(p) ? String(s.dropFirst(p.count)) : s)
        },
        Function("split", [[.string], [.string]], returns: "array[string]") { a in
            .array(goSplit(a[0].stringValue ?? "", a[1].stringValue ?? "").map(Value.string))
        },
        Function("truncate", [[.string], [.number]], returns: "string", summary: "at most n bytes") { a in
            let s = a[0].stringValue ?? ""
            let n = max(0, Int(a[1].numberValue ?? 0))
            let bytes = Array(s.utf8)
            guard n < bytes.count else { return .string(s) }
            return .string(String(decoding: bytes[0..<n], as: UTF8.self))
        },
        Function("regex_match", [[.string], [.string, .number]], returns: "boolean") { a in
            let re = try regex(a[0].stringValue ?? "", "regex_match")
            let s = KyvernoFunctions.text(a[1])
            return .bool(re.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil)
        },
        Function("regex_replace_all", [[.string], [.string, .number], [.string, .number]], returns: "string") { a in
            let re = try regex(a[0].stringValue ?? "", "regex_replace_all")
            let s = KyvernoFunctions.text(a[1])
            let template = goTemplate(KyvernoFunctions.text(a[2]))
            return .string(re.stringByReplacingMatches(in: s, range: NSRange(s.startIndex..., in: s), withTemplate: template))
        },
        Function("regex_replace_all_literal", [[.string], [.string, .number], [.string, .number]], returns: "string") { a in
            let re = try regex(a[0].stringValue ?? "", "regex_replace_all_literal")
            let s = KyvernoFunctions.text(a[1])
            let literal = NSRegularExpression.escapedTemplate(for: KyvernoFunctions.text(a[2]))
            return .string(re.stringByReplacingMatches(in: s, range: NSRange(s.startIndex..., in: s), withTemplate: literal))
        },
        Function("pattern_match", [[.string], [.string, .number]], returns: "boolean", summary: "wildcard match (* and ?)") { a in
            .bool(Wildcard.match(a[0].stringValue ?? "", KyvernoFunctions.text(a[1])))
        },
        Function("to_boolean", [[.string]], returns: "boolean") { a in
            switch (a[0].stringValue ?? "").lowercased() {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: throw KyvernoFunctions.fail("to_boolean", "'\(a[0].stringValue ?? "")' is not a boolean")
            }
        },
        Function("path_canonicalize", [[.string]], returns: "string", summary: "clean a file path (Go filepath.Clean)") { a in
            .string(cleanPath(a[0].stringValue ?? ""))
        },
        Function("is_external_url", [[.string]], returns: "boolean", summary: "true when the URL's host is not loopback/private") { a in
            .bool(isExternalURL(a[0].stringValue ?? ""))
        },
        Function("image_normalize", [[.string]], returns: "string", summary: "fully qualified image reference") { a in
            guard let info = ImageReference(a[0].stringValue ?? "") else {
                throw KyvernoFunctions.fail("image_normalize", "invalid image reference '\(a[0].stringValue ?? "")'")
            }
            return .string(info.normalized)
        },
        Function("semver_compare", [[.string], [.string]], returns: "boolean", summary: "version satisfies a range such as '>1.0.0 <2.0.0 || 3.x'") { a in
            guard let v = SemanticVersion(a[0].stringValue ?? "") else {
                throw KyvernoFunctions.fail("semver_compare", "invalid version '\(a[0].stringValue ?? "")'")
            }
            return .bool(try SemverRange.satisfies(v, a[1].stringValue ?? ""))
        },
    ]

    static func replace(_ s: String, _ old: String, _ new: String, _ n: Int) -> String {
        if n < 0 { return old.isEmpty ? s : s.replacingOccurrences(of: old, with: new) }
        var out = ""
        var rest = Substring(s)
        var count = 0
        while count < n, !old.isEmpty, let r = rest.range(of: old) {
            out += rest[rest.startIndex..<r.lowerBound] + new
            rest = rest[r.upperBound...]
            count += 1
        }
        return out + rest
    }

    /// Go's `strings.Split`: empty separator splits into characters.
    static func goSplit(_ s: String, _ sep: String) -> [String] {
        if sep.isEmpty { return s.map { String($0) } }
        return s.components(separatedBy: sep)
    }

    static func regex(_ pattern: String, _ fn: String) throws -> NSRegularExpression {
        do { return try RegexCache.shared.get(pattern) } catch {
            throw KyvernoFunctions.fail(fn, "invalid regular expression '\(pattern)'")
        }
    }

    /// Go's `${1}`/`$name` templates to ICU's `$1`.
    static func goTemplate(_ t: String) -> String {
        var out = ""
        var it = Array(t)
        var i = 0
        while i < it.count {
            if it[i] == "$", i + 1 < it.count, it[i + 1] == "{", let close = it[(i + 2)...].firstIndex(of: "}") {
                out += "$" + String(it[(i + 2)..<close])
                i = close + 1
                continue
            }
            if it[i] == "\\" { out += "\\\\"; i += 1; continue }
            out.append(it[i])
            i += 1
        }
        it.removeAll()
        return out
    }

    static func cleanPath(_ p: String) -> String {
        if p.isEmpty { return "." }
        let rooted = p.hasPrefix("/")
        var parts: [Substring] = []
        for comp in p.split(separator: "/", omittingEmptySubsequences: true) {
            if comp == "." { continue }
            if comp == ".." {
                if let last = parts.last, last != ".." { parts.removeLast() } else if !rooted { parts.append(comp) }
                continue
            }
            parts.append(comp)
        }
        let joined = parts.joined(separator: "/")
        if rooted { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    static func isExternalURL(_ s: String) -> Bool {
        guard let url = URL(string: s), let scheme = url.scheme, !scheme.isEmpty, let host = url.host, !host.isEmpty else { return false }
        let h = host.lowercased()
        if h == "localhost" || h.hasSuffix(".localhost") { return false }
        let octets = h.split(separator: ".").compactMap { Int($0) }
        if octets.count == 4, h.split(separator: ".").count == 4 {
            switch (octets[0], octets[1]) {
            case (127, _), (10, _), (0, _): return false
            case (172, 16...31), (192, 168), (169, 254): return false
            default: return true
            }
        }
        if h == "::1" || h.hasPrefix("fe80:") || h.hasPrefix("fc") || h.hasPrefix("fd") { return false }
        return true
    }
}

/// Compiled regular expressions shared across evaluations (compile once).
final class RegexCache: @unchecked Sendable {
    static let shared = RegexCache()
    private var cache: [String: NSRegularExpression] = [:]
    private let lock = NSLock()

    func get(_ pattern: String) throws -> NSRegularExpression {
        lock.lock()
        if let re = cache[pattern] { lock.unlock(); return re }
        lock.unlock()
        let re = try NSRegularExpression(pattern: pattern)
        lock.lock()
        cache[pattern] = re
        lock.unlock()
        return re
    }
}
