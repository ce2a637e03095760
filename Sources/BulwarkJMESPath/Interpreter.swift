import BulwarkCore

/// Walks a compiled `ASTNode` over a `Value`.
///
/// One interpreter lives for one search; it carries the function registry and, in the
/// Kyverno dialect, remembers the last key a path failed to find so a null result can be
/// reported the way Kyverno reports it ("Unknown key").
public struct Interpreter {
    let functions: FunctionRegistry
    let root: Value
    let tracksMissingKeys: Bool
    var missingKey: String?

    mutating func evaluate(_ node: ASTNode, _ value: Value) throws -> Value {
        switch node {
        case .identity:
            return value
        case .root:
            return root
        case .field(let name):
            if case .object(let o) = value {
                if let v = o[name] { return v }
                if tracksMissingKeys { missingKey = name }
            }
            return .null
        case .fieldPath(let names):
            var current = value
            for name in names {
                guard case .object(let o) = current else { return .null }
                guard let next = o[name] else {
                    if tracksMissingKeys { missingKey = name }
                    return .null
                }
                current = next
            }
            return current
        case .subexpression(let l, let r):
            let left = try evaluate(l, value)
            return try evaluate(r, left)
        case .index(let i):
            guard case .array(let a) = value else { return .null }
            let idx = i < 0 ? a.count + i : i
            return idx >= 0 && idx < a.count ? a[idx] : .null
        case .indexExpression(let l, let r):
            let left = try evaluate(l, value)
            return try evaluate(r, left)
        case .slice(let start, let stop, let step):
            guard case .array(let a) = value else { return .null }
            return .array(try Interpreter.slice(a, start, stop, step))
        case .literal(let v):
            return v
        case .multiSelectList(let items):
            if value.isNull { return .null }
            var out: [Value] = []
            out.reserveCapacity(items.count)
            for item in items { out.append(try evaluate(item, value)) }
            return .array(out)
        case .multiSelectHash(let pairs):
            if value.isNull { return .null }
            var o = Object()
            for (k, e) in pairs { o[k] = try evaluate(e, value) }
            return .object(o)
        case .projection(let l, let r):
            guard case .array(let a) = try evaluate(l, value) else { return .null }
            var out: [Value] = []
            out.reserveCapacity(a.count)
            for element in a {
                let v = try evaluate(r, element)
                if !v.isNull { out.append(v) }
            }
            return .array(out)
        case .valueProjection(let l, let r):
            guard case .object(let o) = try evaluate(l, value) else { return .null }
            var out: [Value] = []
            for element in o.values {
                let v = try evaluate(r, element)
                if !v.isNull { out.append(v) }
            }
            return .array(out)
        case .filterProjection(let l, let r, let condition):
            guard case .array(let a) = try evaluate(l, value) else { return .null }
            var out: [Value] = []
            for element in a where try evaluate(condition, element).isTruthy {
                let v = try evaluate(r, element)
                if !v.isNull { out.append(v) }
            }
            return .array(out)
        case .flatten(let inner):
            guard case .array(let a) = try evaluate(inner, value) else { return .null }
            var out: [Value] = []
            out.reserveCapacity(a.count)
            for element in a {
                if case .array(let nested) = element { out.append(contentsOf: nested) } else { out.append(element) }
            }
            return .array(out)
        case .pipe(let l, let r):
            let left = try evaluate(l, value)
            return try evaluate(r, left)
        case .or(let l, let r):
            let left = try evaluate(l, value)
            return left.isTruthy ? left : try evaluate(r, value)
        case .and(let l, let r):
            let left = try evaluate(l, value)
            return left.isTruthy ? try evaluate(r, value) : left
        case .not(let inner):
            return .bool(!(try evaluate(inner, value)).isTruthy)
        case .comparator(let op, let l, let r):
            let left = try evaluate(l, value)
            let right = try evaluate(r, value)
            return Interpreter.compare(op, left, right)
        case .expref:
            // An expression reference only has meaning as a function argument.
            return .null
        case .function(let name, let argNodes):
            guard let function = functions[name] else {
                throw JMESPathError(.unknownFunction, "unknown function \(name)()")
            }
            var args: [FunctionArgument] = []
            args.reserveCapacity(argNodes.count)
            for a in argNodes {
                if case .expref(let e) = a { args.append(.expression(e)) } else { args.append(.value(try evaluate(a, value))) }
            }
            try function.check(args)
            return try function.body(args, &self)
        }
    }

    /// Evaluates an expression reference for a function such as `sort_by`.
    public mutating func apply(_ expression: ASTNode, to value: Value) throws -> Value {
        try evaluate(expression, value)
    }

    static func compare(_ op: ASTNode.Comparator, _ left: Value, _ right: Value) -> Value {
        switch op {
        case .eq: return .bool(left == right)
        case .ne: return .bool(left != right)
        default:
            guard let a = left.numberValue, let b = right.numberValue else { return .null }
            switch op {
            case .lt: return .bool(a < b)
            case .lte: return .bool(a <= b)
            case .gt: return .bool(a > b)
            case .gte: return .bool(a >= b)
            default: return .null
            }
        }
    }

    static func slice(_ a: [Value], _ start: Int?, _ stop: Int?, _ step: Int?) throws -> [Value] {
        let step = step ?? 1
        guard step != 0 else { throw JMESPathError(.invalidValue, "slice step cannot be 0") }
        let n = a.count
        func adjust(_ v: Int?, _ def: Int) -> Int {
            guard let v else { return def }
            if v < 0 {
                let r = v + n
                return r < 0 ? (step < 0 ? -1 : 0) : r
            }
            if v >= n { return step < 0 ? n - 1 : n }
            return v
        }
        let s = adjust(start, step < 0 ? n - 1 : 0)
        let e = adjust(stop, step < 0 ? -1 : n)
        var out: [Value] = []
        var i = s
        if step > 0 {
            while i < e { out.append(a[i]); i += step }
        } else {
            while i > e { out.append(a[i]); i += step }
        }
        return out
    }
}
