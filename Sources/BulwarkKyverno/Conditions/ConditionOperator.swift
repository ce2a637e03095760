import BulwarkCore
import Foundation

/// The operators of `preconditions` and `deny.conditions`, with Kyverno's semantics:
/// string comparisons use wildcards, durations and quantities compare by magnitude,
/// set operators stringify their operands, and ranges (`5000-6000`) are understood.
public enum ConditionOperator: String, Sendable, CaseIterable {
    case equals = "Equals", notEquals = "NotEquals"
    case `in` = "In", notIn = "NotIn"
    case anyIn = "AnyIn", allIn = "AllIn", anyNotIn = "AnyNotIn", allNotIn = "AllNotIn"
    case greaterThan = "GreaterThan", greaterThanOrEquals = "GreaterThanOrEquals"
    case lessThan = "LessThan", lessThanOrEquals = "LessThanOrEquals"
    case durationGreaterThan = "DurationGreaterThan", durationGreaterThanOrEquals = "DurationGreaterThanOrEquals"
    case durationLessThan = "DurationLessThan", durationLessThanOrEquals = "DurationLessThanOrEquals"

    /// Kyverno accepts operators case-insensitively (`equals`, `Equal`).
    public init?(lenient raw: String) {
        let lower = raw.lowercased()
        if lower == "equal" { self = .equals; return }
        if lower == "notequal" { self = .notEquals; return }
        guard let op = ConditionOperator.allCases.first(where: { $0.rawValue.lowercased() == lower }) else { return nil }
        self = op
    }

    public func evaluate(_ key: Value, _ value: Value) -> Bool {
        switch self {
        case .equals: return Self.equals(key, value)
        case .notEquals: return !Self.equals(key, value)
        case .in: return Self.legacyIn(key, value)
        case .notIn: return !Self.legacyIn(key, value)
        case .anyIn: return Self.setOp(key, value, .anyIn)
        case .allIn: return Self.setOp(key, value, .allIn)
        case .anyNotIn: return Self.setOp(key, value, .anyNotIn)
        case .allNotIn: return Self.setOp(key, value, .allNotIn)
        case .greaterThan: return Self.numeric(key, value) { $0 > $1 }
        case .greaterThanOrEquals: return Self.numeric(key, value) { $0 >= $1 }
        case .lessThan: return Self.numeric(key, value) { $0 < $1 }
        case .lessThanOrEquals: return Self.numeric(key, value) { $0 <= $1 }
        case .durationGreaterThan: return Self.duration(key, value) { $0 > $1 }
        case .durationGreaterThanOrEquals: return Self.duration(key, value) { $0 >= $1 }
        case .durationLessThan: return Self.duration(key, value) { $0 < $1 }
        case .durationLessThanOrEquals: return Self.duration(key, value) { $0 <= $1 }
        }
    }

    /// Go's `fmt.Sprint` of a decoded JSON value, which the set operators compare.
    static func sprint(_ v: Value) -> String {
        switch v {
        case .null: return "<nil>"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return Value.formatDouble(d)
        case .string(let s): return s
        case .array(let a): return "[" + a.map(sprint).joined(separator: " ") + "]"
        case .object(let o): return "map[" + o.keys.sorted().map { "\($0):\(sprint(o[$0] ?? .null))" }.joined(separator: " ") + "]"
        }
    }

    // MARK: Equals

    static func equals(_ key: Value, _ value: Value) -> Bool {
        switch key {
        case .string(let k):
            if let dk = Duration.parse(k) {
                switch value {
                case .string(let s): if let dv = Duration.parse(s) { return dk == dv }
                case .int(let i): if Duration.parse(k) != nil && !isPlainNumber(k) { return dk == Double(i) }
                default: break
                }
            }
            if let qk = Quantity.parse(k), case .string(let s) = value, let qv = Quantity.parse(s) { return qk == qv }
            if case .string(let p) = value { return Wildcard.match(p, k) }
            return false
        case .int, .double:
            guard let kn = key.numberValue else { return false }
            switch value {
            case .int, .double: return kn == value.numberValue
            case .string(let s):
                if let d = Duration.parse(s), !isPlainNumber(s) { return kn == d }
                if let q = Quantity.parse(s) { return kn == q }
                return false
            default: return false
            }
        case .bool(let b):
            if case .bool(let v) = value { return b == v }
            return false
        case .null:
            return value.isNull
        case .array, .object:
            return key == value
        }
    }

    private static func isPlainNumber(_ s: String) -> Bool { Double(s) != nil }

    // MARK: Set operators

    enum SetKind { case anyIn, allIn, anyNotIn, allNotIn }

    /// Kyverno's `In`/`NotIn` (deprecated): a key in the value list; an array key
    /// must be wholly contained.
    static func legacyIn(_ key: Value, _ value: Value) -> Bool {
        let values = valueStrings(value) ?? []
        switch key {
        case .array(let ks): return ks.allSatisfy { k in values.contains(sprint(k)) }
        case .object: return false
        default:
            if case .string(let s) = value { return Wildcard.match(s, sprint(key)) || s == sprint(key) }
            return values.contains(where: { Wildcard.match($0, sprint(key)) })
        }
    }

    /// The value side of a set operator as strings: an array, a JSON-array string, or
    /// a single string (which may be a wildcard or a range).
    static func valueStrings(_ value: Value) -> [String]? {
        switch value {
        case .array(let a): return a.map(sprint)
        case .string(let s):
            if let parsed = try? JSONParser.parseValue(s), case .array(let a) = parsed { return a.map(sprint) }
            return [s]
        case .null: return nil
        default: return [sprint(value)]
        }
    }

    static func member(_ key: String, in values: [String]) -> Bool {
        values.contains { v in v == key || Wildcard.match(v, key) || Wildcard.match(key, v) || inRange(key, v) }
    }

    /// `5000-6000` contains 5500; `5000!-6000` contains anything outside.
    static func inRange(_ key: String, _ range: String) -> Bool {
        guard let k = Double(key) else { return false }
        switch PatternOperator.of(range) {
        case .inRange(let lo, let hi):
            guard let l = Double(lo), let h = Double(hi) else { return false }
            return k >= l && k <= h
        case .notInRange(let lo, let hi):
            guard let l = Double(lo), let h = Double(hi) else { return false }
            return k < l || k > h
        default: return false
        }
    }

    static func setOp(_ key: Value, _ value: Value, _ kind: SetKind) -> Bool {
        let keys: [String]
        switch key {
        case .array(let a): keys = a.map(sprint)
        case .object: return false
        case .null: keys = [sprint(key)]
        default: keys = [sprint(key)]
        }
        guard let values = valueStrings(value) else { return false }
        let found = keys.filter { member($0, in: values) }.count
        switch kind {
        case .anyIn: return found > 0
        case .allIn: return found == keys.count
        case .anyNotIn: return found < keys.count
        case .allNotIn: return found == 0
        }
    }

    // MARK: Numeric

    /// GreaterThan & co: durations first, then quantities, then versions, then numbers.
    static func numeric(_ key: Value, _ value: Value, _ cmp: (Double, Double) -> Bool) -> Bool {
        switch key {
        case .int, .double:
            guard let k = key.numberValue else { return false }
            switch value {
            case .int, .double: return cmp(k, value.numberValue ?? 0)
            case .string(let s):
                if let d = Duration.parse(s), !isPlainNumber(s) { return cmp(k, d) }
                if let q = Quantity.parse(s) { return cmp(k, q) }
                return false
            default: return false
            }
        case .string(let k):
            if let dk = Duration.parse(k), !isPlainNumber(k) {
                switch value {
                case .string(let s): if let dv = Duration.parse(s) { return cmp(dk, dv) }
                case .int, .double: return cmp(dk, value.numberValue ?? 0)
                default: break
                }
            }
            if let qk = Quantity.parse(k) {
                switch value {
                case .string(let s): if let qv = Quantity.parse(s) { return cmp(qk, qv) }
                case .int, .double: return cmp(qk, value.numberValue ?? 0)
                default: break
                }
            }
            if let vk = SemanticVersion(k), case .string(let s) = value, let vv = SemanticVersion(s) {
                return cmp(Double(vk.compare(vv)), 0)
            }
            return false
        default:
            return false
        }
    }

    static func duration(_ key: Value, _ value: Value, _ cmp: (Double, Double) -> Bool) -> Bool {
        func seconds(_ v: Value) -> Double? {
            switch v {
            case .string(let s): return Duration.parse(s)
            case .int(let i): return Double(i)
            case .double(let d): return d
            default: return nil
            }
        }
        guard let k = seconds(key), let v = seconds(value) else { return false }
        return cmp(k, v)
    }
}
