import BulwarkCore

/// What a function argument may be, in the specification's type vocabulary.
public enum ArgumentType: String, Sendable {
    case any, number, string, boolean, array, object, null, expref
    case arrayNumber = "array[number]"
    case arrayString = "array[string]"

    func accepts(_ argument: FunctionArgument) -> Bool {
        switch argument {
        case .expression: return self == .expref
        case .value(let v):
            switch self {
            case .any: return true
            case .expref: return false
            case .number: return v.isNumber
            case .string: return v.stringValue != nil
            case .boolean: return v.boolValue != nil
            case .array: return v.arrayValue != nil
            case .object: return v.objectValue != nil
            case .null: return v.isNull
            case .arrayNumber: return v.arrayValue?.allSatisfy(\.isNumber) ?? false
            case .arrayString: return v.arrayValue?.allSatisfy { $0.stringValue != nil } ?? false
            }
        }
    }
}

/// An evaluated argument: a value, or for `&expr` the unevaluated expression.
public enum FunctionArgument: Sendable {
    case value(Value)
    case expression(ASTNode)

    public var value: Value {
        if case .value(let v) = self { return v }
        return .null
    }
}

/// One callable function: its signature (checked before the body runs, so bodies can
/// assume their types) and its implementation.
public struct Function: Sendable {
    public typealias Body = @Sendable ([FunctionArgument], inout Interpreter) throws -> Value

    public let name: String
    /// Accepted types per positional parameter.
    public let parameters: [[ArgumentType]]
    /// When true, the last parameter may repeat (at least once).
    public let variadic: Bool
    public let returns: String
    public let summary: String
    public let body: Body

    public init(_ name: String, _ parameters: [[ArgumentType]], variadic: Bool = false, returns: String,
                summary: String = "", body: @escaping Body) {
        self.name = name
        self.parameters = parameters
        self.variadic = variadic
        self.returns = returns
        self.summary = summary
        self.body = body
    }

    /// Convenience for functions that only take values.
    public init(_ name: String, _ parameters: [[ArgumentType]], variadic: Bool = false, returns: String,
                summary: String = "", values: @escaping @Sendable ([Value]) throws -> Value) {
        self.init(name, parameters, variadic: variadic, returns: returns, summary: summary) { args, _ in
            try values(args.map(\.value))
        }
    }

    public var signature: String {
        var parts = parameters.map { $0.map(\.rawValue).joined(separator: "|") }
        if variadic, let last = parts.last { parts[parts.count - 1] = last + "..." }
        return "\(name)(\(parts.joined(separator: ", "))) \(returns)"
    }

    func check(_ args: [FunctionArgument]) throws {
        let n = parameters.count
        if variadic ? args.count < n : args.count != n {
            throw JMESPathError(.invalidArity, "\(name)() takes \(variadic ? "at least " : "")\(n) argument\(n == 1 ? "" : "s"), got \(args.count)")
        }
        for (i, arg) in args.enumerated() {
            let allowed = parameters[min(i, n - 1)]
            guard allowed.contains(where: { $0.accepts(arg) }) else {
                let got: String
                switch arg {
                case .value(let v): got = v.typeName
                case .expression: got = "expref"
                }
                throw JMESPathError(.invalidType, "\(name)() argument \(i + 1) must be \(allowed.map(\.rawValue).joined(separator: " or ")), got \(got)")
            }
        }
    }
}

/// Name → function. The standard registry holds the specification's functions;
/// the Kyverno module builds a larger one on top of it.
public struct FunctionRegistry: Sendable {
    public private(set) var functions: [String: Function] = [:]

    public init(_ functions: [Function] = []) {
        for f in functions { self.functions[f.name] = f }
    }

    public subscript(name: String) -> Function? { functions[name] }

    public mutating func register(_ function: Function) { functions[function.name] = function }

    public func adding(_ more: [Function]) -> FunctionRegistry {
        var copy = self
        for f in more { copy.register(f) }
        return copy
    }

    public var sorted: [Function] { functions.values.sorted { $0.name < $1.name } }

    public static let standard = FunctionRegistry(StandardFunctions.all)
}
