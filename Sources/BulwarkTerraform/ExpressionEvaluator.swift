import BulwarkCore
import BulwarkFormats
import Foundation

/// Evaluates HCL expressions to `TFValue`s. Unknown propagates: any operation on an
/// unknown value is unknown, keeping the first reason, so a rule can say exactly why it
/// could not decide.
public struct ExpressionEvaluator: Sendable {
    public var scope: EvalScope
    public var functions: TFFunctions

    public init(scope: EvalScope, functions: TFFunctions = .standard) {
        self.scope = scope
        self.functions = functions
    }

    public func evaluate(_ e: HCLExpression) throws -> TFValue {
        switch e {
        case .literal(let v, _):
            return .known(v)
        case .parenthesized(let inner, _):
            return try evaluate(inner)
        case .template(let parts, _):
            var out = ""
            for p in parts {
                switch try render(p) {
                case .known(let v): out += v.interpolationText
                case .unknown(let r): return .unknown(reason: r)
                }
            }
            return .known(.string(out))
        case .variable(let name, let pos):
            return try root(name, steps: [], at: pos)
        case .traversal(let base, let steps, let pos):
            // Fold leading attribute names into a reference when the base is a bare name.
            if case .variable(let name, _) = base {
                var names: [String] = []
                var rest = steps[...]
                while let first = rest.first, case .attribute(let a) = first { names.append(a); rest = rest.dropFirst() }
                let start = try root(name, steps: names, at: pos)
                return try apply(Array(rest), to: start)
            }
            return try apply(steps, to: try evaluate(base))
        case .call(let name, let args, let expand, let pos):
            if name == "try" { return try tryFunction(args) }
            if name == "can" {
                guard let a = args.first else { throw TFError("can() needs one argument", at: pos) }
                do {
                    if case .unknown(let r) = try evaluate(a) { return .unknown(reason: r) }
                    return .known(.bool(true))
                } catch {
                    return .known(.bool(false))
                }
            }
            var values: [TFValue] = []
            for a in args { values.append(try evaluate(a)) }
            if expand, let last = values.popLast() {
                guard case .known(let v) = last else { return last }
                guard case .array(let items) = v else { throw TFError("'...' needs a list, got \(v.typeName)", at: pos) }
                values += items.map(TFValue.known)
            }
            if let unknown = values.first(where: { !$0.isKnown }), !functions.acceptsUnknown(name) { return unknown }
            return try functions.call(name, values, scope: scope, at: pos)
        case .tuple(let items, _):
            var out: [Value] = []
            for i in items {
                switch try evaluate(i) {
                case .known(let v): out.append(v)
                case .unknown(let r): return .unknown(reason: r)
                }
            }
            return .known(.array(out))
        case .object(let items, let pos):
            var o = Object()
            for (k, v) in items {
                guard case .known(let key) = try evaluate(k) else { return .unknown(reason: "an object key is unknown") }
                guard let ks = key.stringValue ?? (key.isNumber ? key.interpolationText : nil) else {
                    throw TFError("object keys must be strings, got \(key.typeName)", at: pos)
                }
                switch try evaluate(v) {
                case .known(let value): o[ks] = value
                case .unknown(let r): return .unknown(reason: r)
                }
            }
            return .known(.object(o))
        case .conditional(let c, let a, let b, let pos):
            switch try evaluate(c) {
            case .unknown(let r): return .unknown(reason: r)
            case .known(.bool(let cond)): return try evaluate(cond ? a : b)
            case .known(let v): throw TFError("condition must be a bool, got \(v.typeName)", at: pos)
            }
        case .unary(let op, let x, let pos):
            let v = try evaluate(x)
            guard case .known(let value) = v else { return v }
            switch (op, value) {
            case (.not, .bool(let b)): return .known(.bool(!b))
            case (.negate, .int(let i)): return .known(.int(-i))
            case (.negate, .double(let d)): return .known(.double(-d))
            case (.negate, .string(let s)) where Double(s) != nil: return .known(Self.number(-(Double(s) ?? 0)))
            default: throw TFError("cannot apply \(op.rawValue) to \(value.typeName)", at: pos)
            }
        case .binary(let op, let l, let r, let pos):
            return try binary(op, l, r, pos)
        case .forTuple(let k, let v, let coll, let value, let cond, _):
            return try forExpression(k, v, coll, cond) { scope in
                try ExpressionEvaluator(scope: scope, functions: functions).evaluate(value)
            }.map { pairs in .array(pairs.map(\.1)) }
        case .forObject(let k, let v, let coll, let key, let value, let grouping, let cond, let pos):
            var o = Object()
            let result = try forExpression(k, v, coll, cond) { scope -> TFValue in
                let ev = ExpressionEvaluator(scope: scope, functions: functions)
                guard case .known(let kv) = try ev.evaluate(key) else { return .unknown(reason: "a for-expression key is unknown") }
                switch try ev.evaluate(value) {
                case .known(let vv): return .known(.array([kv, vv]))
                case .unknown(let r): return .unknown(reason: r)
                }
            }
            guard case .known(let pairs) = result.map({ Value.array($0.map(\.1)) }), case .array(let items) = pairs else { return result.map { _ in .null } }
            for item in items {
                guard case .array(let kv) = item, kv.count == 2, let ks = kv[0].stringValue else { throw TFError("for-expression keys must be strings", at: pos) }
                if grouping {
                    var list = o[ks]?.arrayValue ?? []
                    list.append(kv[1])
                    o[ks] = .array(list)
                } else {
                    if o[ks] != nil { throw TFError("duplicate key '\(ks)' in for expression (use ... to group)", at: pos) }
                    o[ks] = kv[1]
                }
            }
            return .known(.object(o))
        }
    }

    func render(_ p: HCLTemplatePart) throws -> TFValue {
        switch p {
        case .literal(let s): return .known(.string(s))
        case .interpolation(let e, _, _): return try evaluate(e)
        case .ifDirective(let c, let t, let f):
            guard case .known(let cv) = try evaluate(c) else { return .unknown(reason: "a template condition is unknown") }
            var out = ""
            for part in (cv.isTruthy ? t : f) {
                guard case .known(let v) = try render(part) else { return .unknown(reason: "a template part is unknown") }
                out += v.interpolationText
            }
            return .known(.string(out))
        case .forDirective(let k, let v, let coll, let body):
            let result = try forExpression(k, v, coll, nil) { scope -> TFValue in
                var out = ""
                for part in body {
                    guard case .known(let pv) = try ExpressionEvaluator(scope: scope, functions: functions).render(part) else {
                        return .unknown(reason: "a template part is unknown")
                    }
                    out += pv.interpolationText
                }
                return .known(.string(out))
            }
            return result.map { pairs in .string(pairs.map { $0.1.interpolationText }.joined()) }
        }
    }

    /// Iterates a collection, binding key/value names, skipping elements whose condition
    /// is false. Returns (key, value) pairs of the body's results.
    func forExpression(_ keyVar: String?, _ valueVar: String, _ collection: HCLExpression, _ condition: HCLExpression?,
                       _ body: (EvalScope) throws -> TFValue) throws -> Result<[(Value, Value)]> {
        guard case .known(let coll) = try evaluate(collection) else { return .unknown("the for-expression collection is unknown") }
        var elements: [(Value, Value)] = []
        switch coll {
        case .array(let a): elements = a.enumerated().map { (.int($0.offset), $0.element) }
        case .object(let o): elements = o.keys.sorted().map { (.string($0), o[$0] ?? .null) }
        case .null: elements = []
        default: throw TFError("cannot iterate over \(coll.typeName)", at: collection.position)
        }
        var out: [(Value, Value)] = []
        for (k, v) in elements {
            var s = scope
            s.bindings[valueVar] = .known(v)
            if let keyVar { s.bindings[keyVar] = .known(k) }
            if let condition {
                switch try ExpressionEvaluator(scope: s, functions: functions).evaluate(condition) {
                case .known(.bool(true)): break
                case .known(.bool(false)): continue
                case .known(let x): throw TFError("for-expression condition must be a bool, got \(x.typeName)", at: condition.position)
                case .unknown(let r): return .unknown(r)
                }
            }
            switch try body(s) {
            case .known(let r): out.append((k, r))
            case .unknown(let r): return .unknown(r)
            }
        }
        return .known(out)
    }

    enum Result<T> {
        case known(T)
        case unknown(String)

        func map(_ f: (T) -> Value) -> TFValue {
            switch self {
            case .known(let t): return .known(f(t))
            case .unknown(let r): return .unknown(reason: r)
            }
        }
    }

    /// Resolves `name.steps…` against the scope.
    func root(_ name: String, steps: [String], at pos: HCLPosition) throws -> TFValue {
        if let bound = scope.bindings[name] { return try apply(steps.map { .attribute($0) }, to: bound) }
        switch name {
        case "var":
            guard let v = steps.first else { throw TFError("'var' needs an attribute (var.name)", at: pos) }
            guard let value = scope.variables[v] else { throw TFError("reference to undeclared input variable '\(v)'", at: pos) }
            return try apply(steps.dropFirst().map { .attribute($0) }, to: value)
        case "local":
            guard let l = steps.first else { throw TFError("'local' needs an attribute (local.name)", at: pos) }
            guard let value = scope.locals[l] else { throw TFError("reference to undeclared local value '\(l)'", at: pos) }
            return try apply(steps.dropFirst().map { .attribute($0) }, to: value)
        case "each":
            guard let each = scope.each, let which = steps.first else { throw TFError("'each' is only available in resources with for_each", at: pos) }
            let base = which == "key" ? each.key : which == "value" ? each.value : nil
            guard let base else { throw TFError("each has only key and value", at: pos) }
            return try apply(steps.dropFirst().map { .attribute($0) }, to: base)
        case "count":
            guard let i = scope.countIndex, steps.first == "index" else { throw TFError("'count.index' is only available in resources with count", at: pos) }
            return .known(.int(i))
        case "path", "terraform":
            return .unknown(reason: "\(name).\(steps.joined(separator: ".")) depends on where Terraform runs")
        default:
            if let resolve = scope.resolveReference { return resolve(name, steps) }
            return .unknown(reason: "\(([name] + steps).joined(separator: ".")) is not known before apply")
        }
    }

    func apply(_ steps: [HCLExpression.Step], to start: TFValue) throws -> TFValue {
        var current = start
        var i = 0
        while i < steps.count {
            guard case .known(let v) = current else { return current }
            switch steps[i] {
            case .attribute(let a):
                switch v {
                case .object(let o):
                    guard let x = o[a] else { throw TFError("this object does not have an attribute named '\(a)'") }
                    current = .known(x)
                case .null: throw TFError("attempt to get attribute '\(a)' from a null value")
                default: throw TFError("cannot read attribute '\(a)' of \(v.typeName)")
                }
            case .index(let e):
                guard case .known(let key) = try evaluate(e) else { return .unknown(reason: "an index is unknown") }
                switch (v, key) {
                case (.array(let a), _):
                    guard let n = key.numberValue.map(Int.init), n >= 0, n < a.count else { throw TFError("index \(key.interpolationText) out of range for a list of \(a.count)", at: e.position) }
                    current = .known(a[n])
                case (.object(let o), _):
                    guard let value = o[key.interpolationText] else { throw TFError("no key \(key.jsonString()) in the map", at: e.position) }
                    current = .known(value)
                default: throw TFError("cannot index \(v.typeName)", at: e.position)
                }
            case .splat:
                let rest = Array(steps[(i + 1)...])
                let items: [Value]
                switch v {
                case .array(let a): items = a
                case .null: items = []
                default: items = [v]
                }
                var out: [Value] = []
                for item in items {
                    switch try apply(rest, to: .known(item)) {
                    case .known(let r): out.append(r)
                    case .unknown(let r): return .unknown(reason: r)
                    }
                }
                return .known(.array(out))
            }
            i += 1
        }
        return current
    }

    func binary(_ op: HCLExpression.BinaryOperator, _ l: HCLExpression, _ r: HCLExpression, _ pos: HCLPosition) throws -> TFValue {
        // Terraform evaluates both sides (no short circuit), and unknown wins.
        let lv = try evaluate(l), rv = try evaluate(r)
        guard case .known(let a) = lv else { return lv }
        guard case .known(let b) = rv else { return rv }
        switch op {
        case .or, .and:
            guard case .bool(let x) = a, case .bool(let y) = b else { throw TFError("\(op.rawValue) needs bools", at: pos) }
            return .known(.bool(op == .or ? x || y : x && y))
        case .eq: return .known(.bool(a == b))
        case .ne: return .known(.bool(a != b))
        default:
            guard let x = Self.numeric(a), let y = Self.numeric(b) else {
                throw TFError("\(op.rawValue) needs numbers, got \(a.typeName) and \(b.typeName)", at: pos)
            }
            switch op {
            case .lt: return .known(.bool(x < y))
            case .gt: return .known(.bool(x > y))
            case .le: return .known(.bool(x <= y))
            case .ge: return .known(.bool(x >= y))
            case .add: return .known(Self.number(x + y))
            case .sub: return .known(Self.number(x - y))
            case .mul: return .known(Self.number(x * y))
            case .div:
                guard y != 0 else { throw TFError("division by zero", at: pos) }
                return .known(Self.number(x / y))
            case .mod:
                guard y != 0 else { throw TFError("modulo by zero", at: pos) }
                return .known(Self.number(x.truncatingRemainder(dividingBy: y)))
            default: return .null
            }
        }
    }

    /// Terraform converts numeric strings to numbers in arithmetic.
    static func numeric(_ v: Value) -> Double? {
        if let n = v.numberValue { return n }
        if case .string(let s) = v { return Double(s) }
        return nil
    }

    static func number(_ d: Double) -> Value {
        if d == d.rounded(), abs(d) < 9e15 { return .int(Int(d)) }
        return .double(d)
    }

    func tryFunction(_ args: [HCLExpression]) throws -> TFValue {
        for a in args {
            if let v = try? evaluate(a), v.isKnown { return v }
        }
        if args.isEmpty { throw TFError("try() needs at least one argument") }
        return .unknown(reason: "no argument of try() could be evaluated")
    }
}
