import BulwarkCore
import Foundation

/// Kyverno's leaf comparison (`pattern.Validate`): does a resource value satisfy a
/// scalar pattern such as `"?*"`, `">=1"`, `"!*:latest"`, `"1-10"`, `"100m | 200m"`, `null`.
enum ValuePattern {
    static func validate(_ value: Value, _ pattern: Value) -> Bool {
        switch pattern {
        case .bool(let b):
            if case .bool(let v) = value { return v == b }
            return false
        case .int(let p):
            switch value {
            case .int(let v): return v == p
            case .double(let d): return d == d.rounded(.towardZero) && Int(exactly: d) == p
            case .string(let s): return Int(s) == p
            default: return false
            }
        case .double(let p):
            switch value {
            case .int(let v): return p == p.rounded(.towardZero) && Double(v) == p
            case .double(let d): return d == p
            case .string(let s): return Double(s) == p
            default: return false
            }
        case .null:
            switch value {
            case .null: return true
            case .int(let i): return i == 0
            case .double(let d): return d == 0
            case .string(let s): return s.isEmpty
            case .bool(let b): return !b
            default: return false
            }
        case .object:
            // Only existence of an object is checked here, not its content.
            if case .object = value { return true }
            return false
        case .array:
            return false
        case .string:
            return validate(value, ScalarPattern(pattern))
        }
    }

    static func validate(_ value: Value, _ pattern: ScalarPattern) -> Bool {
        guard case .string(let p) = pattern.value else { return validate(value, pattern.value) }
        if case .string(let s) = value, s == p { return true }
        return pattern.alternatives.contains { conjunction in conjunction.allSatisfy { holds(value, $0) } }
    }

    static func holds(_ value: Value, _ c: StringCondition) -> Bool {
        switch c {
        case .both(let a, let b): return holds(value, a) && holds(value, b)
        case .either(let a, let b): return holds(value, a) || holds(value, b)
        case .text(let op, let body): return validateString(value, body, op)
        case .number(let op, let body, let quantity): return validateNumberWithString(value, body, op, quantity)
        }
    }

    /// `^(\d*(\.\d+)?)` — the numeric prefix of a pattern body.
    static func leadingNumber(_ s: String) -> Substring {
        let u = s.utf8
        var i = u.startIndex
        while i < u.endIndex, u[i] >= 48 && u[i] <= 57 { i = u.index(after: i) }
        if i < u.endIndex, u[i] == UInt8(ascii: ".") {
            var j = u.index(after: i)
            let digitsStart = j
            while j < u.endIndex, u[j] >= 48 && u[j] <= 57 { j = u.index(after: j) }
            if j > digitsStart { i = j }
        }
        return s[s.startIndex..<i]
    }

    static func validateString(_ value: Value, _ pattern: String, _ op: PatternOperator) -> Bool {
        guard op == .equal || op == .notEqual else { return false }
        let text: String
        switch value {
        case .string(let s): text = s
        case .int(let i): text = String(i)
        case .double(let d): text = goExponentFormat(d)
        case .bool(let b): text = b ? "true" : "false"
        default: return false
        }
        let matched = Wildcard.match(pattern, text)
        return op == .notEqual ? !matched : matched
    }

    static func validateNumberWithString(_ value: Value, _ pattern: String, _ op: PatternOperator, _ quantity: Double?) -> Bool {
        let text: String
        switch value {
        case .null: text = "0"
        case .string(let s): text = s
        case .int(let i): text = String(i)
        case .double(let d): text = String(format: "%f", d)
        default: return false
        }
        if let p = quantity {
            guard let v = Quantity.parse(text) else { return false }
            switch op {
            case .equal: return v == p
            case .notEqual: return v != p
            case .more: return v > p
            case .moreEqual: return v >= p
            case .less: return v < p
            case .lessEqual: return v <= p
            default: return false
            }
        }
        // Not a quantity: plain wildcard match, whatever the operator (Kyverno's behaviour).
        return Wildcard.match(pattern, text)
    }

    /// Go's `strconv.FormatFloat(v, 'E', -1, 64)`, which is how Kyverno stringifies a
    /// float before wildcard-matching it.
    static func goExponentFormat(_ d: Double) -> String {
        var s = String(format: "%.17E", d)
        // Shortest representation: use Swift's description digits instead.
        let desc = "\(d)"
        if let v = Double(desc) {
            let digits = desc.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ".", with: "")
                .split(separator: "e")[0].drop(while: { $0 == "0" })
            let trimmed = digits.reversed().drop(while: { $0 == "0" }).reversed()
            let mantissaDigits = String(trimmed.isEmpty ? "0" : String(trimmed))
            let exponent = v == 0 ? 0 : Int(floor(log10(abs(v))))
            var mant = String(mantissaDigits.prefix(1))
            if mantissaDigits.count > 1 { mant += "." + mantissaDigits.dropFirst() }
            s = (v < 0 ? "-" : "") + mant + "E" + (exponent < 0 ? "-" : "+") + (abs(exponent) < 10 ? "0" : "") + String(abs(exponent))
        }
        return s
    }
}
