import BulwarkCore
import BulwarkJMESPath

/// The JSON document JMESPath expressions in a policy are evaluated against
/// (`request.object`, `element`, context entries, `images`, …), plus the element a
/// foreach body validates its patterns against.
public struct EvalContext: Sendable {
    public private(set) var data: Object
    /// For element-scoped foreach: patterns validate this instead of the resource.
    public var element: Value?
    public let functions: FunctionRegistry

    public init(data: Object = Object(), functions: FunctionRegistry) {
        self.data = data
        self.functions = functions
    }

    /// Evaluates a JMESPath expression with Kyverno's semantics (missing keys error).
    public func query(_ expression: String) throws -> Value {
        let compiled = try ExpressionCache.shared.expression(expression)
        return try compiled.searchReportingMissingKeys(.object(data), functions: functions)
    }

    /// Sets `name` (dotted: `a.b.c` creates nested objects) to `value`.
    public mutating func set(_ name: String, _ value: Value) {
        let parts = name.split(separator: ".").map(String.init)
        guard !parts.isEmpty else { return }
        data = EvalContext.setting(parts[...], value, in: data)
    }

    private static func setting(_ path: ArraySlice<String>, _ value: Value, in object: Object) -> Object {
        var o = object
        guard let head = path.first else { return o }
        if path.count == 1 {
            o[head] = value
        } else {
            let child = o[head]?.objectValue ?? Object()
            o[head] = .object(setting(path.dropFirst(), value, in: child))
        }
        return o
    }

    /// Adds a foreach element: `element`, `elementIndex`, and the nesting-numbered
    /// `element0`, `elementIndex0`, … Kyverno exposes for outer loops.
    mutating func addElement(_ value: Value, index: Int, nesting: Int) {
        data["element"] = value
        data["elementIndex"] = .int(index)
        data["element\(nesting)"] = value
        data["elementIndex\(nesting)"] = .int(index)
    }
}
