import BulwarkCore
import BulwarkJMESPath

/// A value whose `{{ }}` variables were located and compiled at load time, so rendering
/// it for a resource only evaluates expressions — no scanning, no parsing, no cache lock.
indirect enum Template: Sendable {
    case constant(Value)
    case string(TemplateString)
    case array([Template])
    case object([(key: String, value: Template)])

    init(_ value: Value) {
        switch value {
        case .string(let s):
            self = VariableScanner.mayContainVariable(s) ? .string(TemplateString(s)) : .constant(value)
        case .array(let a):
            let parts = a.map(Template.init)
            if parts.allSatisfy(\.isConstant) { self = .constant(value) } else { self = .array(parts) }
        case .object(let o):
            if !o.keys.contains(where: VariableScanner.mayContainVariable), !PatternVariables.contains(value) {
                self = .constant(value)
            } else if o.keys.contains(where: VariableScanner.mayContainVariable) {
                self = .string(TemplateString(dynamic: value))
            } else {
                self = .object(o.keys.indices.map { (o.keys[$0], Template(o.values[$0])) })
            }
        default:
            self = .constant(value)
        }
    }

    var isConstant: Bool { if case .constant = self { return true } else { return false } }
}

/// A string split into literal text and variables.
final class TemplateString: Sendable {
    enum Part: Sendable {
        case literal(String)
        case variable(source: String, compiled: JMESPathExpression?)
    }

    let raw: Value
    let parts: [Part]
    /// The whole string is one variable, so rendering keeps the value's type.
    let isWholeVariable: Bool
    /// Variables nest (`{{ f('{{ x }}') }}`) or keys hold variables: rendered by the
    /// general substitution path, which resolves inner variables first.
    let dynamic: Bool

    init(_ s: String) {
        raw = .string(s)
        let matches = VariableScanner.find(s)
        let bytes = Array(s.utf8)
        var parts: [Part] = []
        var cursor = 0
        var leftover = false
        for m in matches {
            if m.range.lowerBound > cursor {
                let text = String(decoding: bytes[cursor..<m.range.lowerBound], as: UTF8.self)
                if VariableScanner.mayContainVariable(text) { leftover = true }
                parts.append(.literal(text))
            }
            parts.append(.variable(source: m.expression, compiled: try? ExpressionCache.shared.expression(m.expression)))
            cursor = m.range.upperBound
        }
        if cursor < bytes.count {
            let text = String(decoding: bytes[cursor...], as: UTF8.self)
            if VariableScanner.mayContainVariable(text) { leftover = true }
            parts.append(.literal(text))
        }
        self.parts = parts
        isWholeVariable = matches.count == 1 && matches[0].range == 0..<bytes.count
        // Text left with `{{` after extraction (nesting, escapes) or `@` references go the general way.
        dynamic = leftover || matches.isEmpty || matches.contains { $0.expression.contains("{{") || $0.expression == "@" }
    }

    init(dynamic value: Value) {
        raw = value
        parts = []
        isWholeVariable = false
        dynamic = true
    }
}

extension EvalContext {
    func render(_ t: Template, unresolved: UnresolvedVariablePolicy = .error) throws -> Value {
        switch t {
        case .constant(let v): return v
        case .array(let items): return .array(try items.map { try render($0, unresolved: unresolved) })
        case .object(let entries):
            var o = Object()
            for (k, v) in entries { o[k] = try render(v, unresolved: unresolved) }
            return .object(o)
        case .string(let ts):
            if ts.dynamic { return try substitute(ts.raw, unresolved: unresolved) }
            if ts.isWholeVariable, case .variable(let source, let compiled) = ts.parts[0] {
                return try resolve(source, compiled, unresolved: unresolved)
            }
            var out = ""
            for part in ts.parts {
                switch part {
                case .literal(let s): out += s
                case .variable(let source, let compiled): out += try resolve(source, compiled, unresolved: unresolved).interpolationText
                }
            }
            return .string(out)
        }
    }

    private func resolve(_ source: String, _ compiled: JMESPathExpression?, unresolved: UnresolvedVariablePolicy) throws -> Value {
        guard let compiled else { return try resolve(source, unresolved: unresolved) }
        do {
            return try compiled.searchReportingMissingKeys(.object(data), functions: functions)
        } catch let e as JMESPathError {
            if unresolved == .emptyString { return .string("") }
            throw SubstitutionError(variable: source, underlying: e)
        }
    }
}
