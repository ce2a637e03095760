import BulwarkCore

/// A JMESPath expression compiled once and searchable many times.
public struct JMESPathExpression: Sendable {
    public let source: String
    public let ast: ASTNode

    public init(_ source: String, allowRoot: Bool = false) throws {
        self.source = source
        self.ast = try Parser.parse(source, allowRoot: allowRoot).optimized()
    }

    /// Standard JMESPath evaluation with the given registry.
    public func search(_ value: Value, functions: FunctionRegistry = .standard) throws -> Value {
        var interpreter = Interpreter(functions: functions, root: value, tracksMissingKeys: false)
        return try interpreter.evaluate(ast, value)
    }

    /// Kyverno's evaluation: like `search`, but a null result reached through a key the
    /// data does not have is an error, because that is what Kyverno's engine reports
    /// (and what decides whether a rule errors or a precondition sees "").
    public func searchReportingMissingKeys(_ value: Value, functions: FunctionRegistry) throws -> Value {
        var interpreter = Interpreter(functions: functions, root: value, tracksMissingKeys: true)
        let result = try interpreter.evaluate(ast, value)
        if result.isNull, let key = interpreter.missingKey {
            throw JMESPathError(.notFound, "Unknown key \"\(key)\" in path")
        }
        return result
    }
}
