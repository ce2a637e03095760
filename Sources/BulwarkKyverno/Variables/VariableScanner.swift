/// Finds `{{ ... }}` variables the way Kyverno's `RegexVariables` does: one level of
/// `{...}` may nest inside (JMESPath multiselect hashes), a backslash before `{{`
/// escapes it, and an outer variable whose body still holds an inner `{{` is left for a
/// later pass (inner variables are substituted first).
enum VariableScanner {
    struct Match {
        /// Range of the whole `{{...}}` in the string's unicode scalars.
        var range: Range<Int>
        /// The trimmed expression between the braces.
        var expression: String
    }

    static func find(_ s: String) -> [Match] {
        let c = Array(s.unicodeScalars)
        var out: [Match] = []
        var i = 0
        while i + 1 < c.count {
            guard c[i] == "{", c[i + 1] == "{", i == 0 || c[i - 1] != "\\" else { i += 1; continue }
            var j = i + 2
            var end: Int? = nil
            while j < c.count {
                if c[j] == "}" {
                    if j + 1 < c.count, c[j + 1] == "}" { end = j + 2 }
                    break
                }
                if c[j] == "{" {
                    var k = j + 1
                    while k < c.count, c[k] != "{", c[k] != "}" { k += 1 }
                    guard k < c.count, c[k] == "}" else { break }
                    j = k + 1
                    continue
                }
                j += 1
            }
            if let end {
                let body = String(String.UnicodeScalarView(c[(i + 2)..<(end - 2)]))
                out.append(Match(range: i..<end, expression: body.trimmingCharacters(in: .whitespacesAndNewlines)))
                i = end
            } else {
                i += 1
            }
        }
        return out
    }

    static func contains(_ s: String) -> Bool {
        s.contains("{{") && !find(s).isEmpty
    }
}

import Foundation
