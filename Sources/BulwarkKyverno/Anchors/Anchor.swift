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
    public static func parse(_ raw: String) -> Anchor? {
        guard raw.hasSuffix(")"), raw.count >= 3 else { return nil }
        let scalars = Array(raw.unicodeScalars)
        let modifier: Modifier
        let bodyStart: Int
        switch scalars[0] {
        case "(": modifier = .condition; bodyStart = 1
        case "=", "X", "<", "^", "+":
            guard scalars[1] == "(" else { return nil }
            modifier = Modifier(rawValue: String(scalars[0]))!
            bodyStart = 2
        default: return nil
        }
        let body = String(String.UnicodeScalarView(scalars[bodyStart..<(scalars.count - 1)]))
        guard !body.isEmpty else { return nil }
        return Anchor(modifier: modifier, key: body)
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
