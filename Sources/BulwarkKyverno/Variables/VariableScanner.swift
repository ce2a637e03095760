/// Finds `{{ ... }}` variables the way Kyverno's `RegexVariables` does: one level of
/// `{...}` may nest inside (JMESPath multiselect hashes), a backslash before `{{`
/// escapes it, and an outer variable whose body still holds an inner `{{` is left for a
/// later pass (inner variables are substituted first).
enum VariableScanner {
    struct Match {
        /// Range of the whole `{{...}}` in the string's UTF-8 bytes.
        var range: Range<Int>
        /// The trimmed expression between the braces.
        var expression: String
    }

    static func find(_ s: String) -> [Match] {
        // Braces and backslash are ASCII, so scanning UTF-8 bytes is exact.
        let c = Array(s.utf8)
        let open = UInt8(ascii: "{"), close = UInt8(ascii: "}"), backslash = UInt8(ascii: "\\")
        var out: [Match] = []
        var i = 0
        while i + 1 < c.count {
            guard c[i] == open, c[i + 1] == open, i == 0 || c[i - 1] != backslash else { i += 1; continue }
            var j = i + 2
            var end: Int? = nil
            while j < c.count {
                if c[j] == close {
                    if j + 1 < c.count, c[j + 1] == close { end = j + 2 }
                    break
                }
                if c[j] == open {
                    var k = j + 1
                    while k < c.count, c[k] != open, c[k] != close { k += 1 }
                    guard k < c.count, c[k] == close else { break }
                    j = k + 1
                    continue
                }
                j += 1
            }
            if let end {
                let body = String(decoding: c[(i + 2)..<(end - 2)], as: UTF8.self)
                out.append(Match(range: i..<end, expression: ASCII.trim(body)))
                i = end
            } else {
                i += 1
            }
        }
        return out
    }

    /// Whether `s` has a `{{` at all: a byte scan, far cheaper than Foundation's `contains`.
    static func mayContainVariable(_ s: String) -> Bool {
        var previousBrace = false
        for b in s.utf8 {
            if b == UInt8(ascii: "{") {
                if previousBrace { return true }
                previousBrace = true
            } else {
                previousBrace = false
            }
        }
        return false
    }
}

import Foundation
