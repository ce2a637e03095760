import BulwarkCore
import BulwarkJMESPath

/// How an unresolvable variable is treated. Kyverno uses `""` inside preconditions
/// and an error everywhere else.
enum UnresolvedVariablePolicy {
    case error
    case emptyString
}

/// An error while substituting variables: which variable and why.
struct SubstitutionError: Error, CustomStringConvertible {
    var variable: String
    var underlying: JMESPathError
    var description: String {
        if underlying.kind == .notFound {
            return "failed to resolve \(variable): JMESPath query failed: \(underlying.message)"
        }
        return "failed to resolve \(variable): \(underlying)"
    }
}

extension EvalContext {
    /// Substitutes `{{ }}` variables in every string (keys and leaves) of `value`.
    func substitute(_ value: Value, unresolved: UnresolvedVariablePolicy = .error) throws -> Value {
        switch value {
        case .string(let s):
            return try substitute(string: s, unresolved: unresolved)
        case .array(let a):
            var changed = false
            var out = a
            for i in a.indices {
                let v = try substitute(a[i], unresolved: unresolved)
                if !changed, v != a[i] { changed = true }
                out[i] = v
            }
            return changed ? .array(out) : value
        case .object(let o):
            guard needsSubstitution(value) else { return value }
            var out = Object()
            for (k, v) in o {
                let key: String
                if VariableScanner.mayContainVariable(k) {
                    key = try substitute(string: k, unresolved: unresolved).interpolationText
                } else {
                    key = k
                }
                out[key] = try substitute(v, unresolved: unresolved)
            }
            return .object(out)
        default:
            return value
        }
    }

    /// Cheap pre-check so the common case (no variables at all) allocates nothing.
    func needsSubstitution(_ value: Value) -> Bool {
        switch value {
        case .string(let s): return VariableScanner.mayContainVariable(s)
        case .array(let a): return a.contains(where: needsSubstitution)
        case .object(let o): return o.keys.contains(where: VariableScanner.mayContainVariable) || o.values.contains(where: needsSubstitution)
        default: return false
        }
    }

    func substitute(string: String, unresolved: UnresolvedVariablePolicy) throws -> Value {
        guard VariableScanner.mayContainVariable(string) else { return .string(string) }
        var current = string
        var passes = 0
        while passes < 16 {
            passes += 1
            let matches = VariableScanner.find(current)
            if matches.isEmpty { break }
            let bytes = Array(current.utf8)
            var rebuilt: [UInt8] = []
            rebuilt.reserveCapacity(bytes.count)
            var cursor = 0
            for m in matches {
                let resolved = try resolve(m.expression, unresolved: unresolved)
                if m.range.lowerBound == 0, m.range.upperBound == bytes.count {
                    // The whole string is one variable: keep the value's type.
                    return resolved
                }
                rebuilt.append(contentsOf: bytes[cursor..<m.range.lowerBound])
                rebuilt.append(contentsOf: resolved.interpolationText.utf8)
                cursor = m.range.upperBound
            }
            rebuilt.append(contentsOf: bytes[cursor...])
            current = String(decoding: rebuilt, as: UTF8.self)
        }
        if current.contains("\\{{") { current = current.replacingOccurrences(of: "\\{{", with: "{{") }
        return .string(current)
    }

    func resolve(_ expression: String, unresolved: UnresolvedVariablePolicy) throws -> Value {
        do {
            return try query(expression)
        } catch let e as JMESPathError {
            if unresolved == .emptyString { return .string("") }
            throw SubstitutionError(variable: expression, underlying: e)
        }
    }
}

import Foundation
