/// A pattern key wrapped in an anchor: `(k)` condition, `=(k)` equality, `X(k)` negation,
/// `<(k)` global, `^(k)` existence, `+(k)` add-if-absent (mutate only).
public struct Anchor: Sendable, Equatable {
    public enum Modifier: String, Sendable {
        case condition = ""
        case equality = "="
        case negation = "X"
        case global = "<"
        case existence = "^"
        case addIfNotPresent = "+"
    }

    public var modifier: Modifier
    public var key: String

    /// Parses `key` as an anchor; `nil` for a plain key.
    ///
    /// Called for every key of every pattern map on every evaluation, so the common
    /// case (a plain key) is decided from the first and last bytes without allocating.
    public static func parse(_ raw: String) -> Anchor? {
        let u = raw.utf8
        guard u.count >= 3, let last = u.last, last == UInt8(ascii: ")"), let first = u.first else { return nil }
        let modifier: Modifier
        let bodyStart: Int
        switch first {
        case UInt8(ascii: "("): modifier = .condition; bodyStart = 1
        case UInt8(ascii: "="), UInt8(ascii: "X"), UInt8(ascii: "<"), UInt8(ascii: "^"), UInt8(ascii: "+"):
            guard u[u.index(after: u.startIndex)] == UInt8(ascii: "(") else { return nil }
            switch first {
            case UInt8(ascii: "="): modifier = .equality
            case UInt8(ascii: "X"): modifier = .negation
            case UInt8(ascii: "<"): modifier = .global
            case UInt8(ascii: "^"): modifier = .existence
            default: modifier = .addIfNotPresent
            }
            bodyStart = 2
        default: return nil
        }
        guard u.count > bodyStart + 1 else { return nil }
        let lo = u.index(u.startIndex, offsetBy: bodyStart)
        let hi = u.index(before: u.endIndex)
        return Anchor(modifier: modifier, key: String(decoding: u[lo..<hi], as: UTF8.self))
    }

    /// Whether `value` (a pattern subtree) contains any anchor key at any depth.
    static func containsAnchor(_ value: BulwarkCore.Value) -> Bool {
        switch value {
        case .object(let o):
            for (k, v) in o where Anchor.parse(k) != nil || containsAnchor(v) { return true }
            return false
        case .array(let a):
            return a.contains(where: containsAnchor)
        default:
            return false
        }
    }
}

import BulwarkCore
