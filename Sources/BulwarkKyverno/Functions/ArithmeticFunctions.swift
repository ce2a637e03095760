import BulwarkCore
import BulwarkJMESPath
import Foundation

/// Kyverno's arithmetic: numbers, Kubernetes quantities (`"1Gi"`) and durations
/// (`"1h"`) — a result keeps the unit family of its operands.
enum ArithmeticFunctions {
    enum Operand {
        case number(Double)
        case quantity(Double, QuantityFormat)
        case duration(Double)

        init(_ v: Value, _ fn: String) throws {
            switch v {
            case .int, .double: self = .number(v.numberValue ?? 0)
            case .string(let s):
                // Kyverno tries a quantity first, then a duration: "30m" is 30 milli, "1h30m" a duration.
                if let q = Quantity.parse(s) { self = .quantity(q, QuantityFormat(of: s)); return }
                if let d = Duration.parse(s) { self = .duration(d); return }
                throw KyvernoFunctions.fail(fn, "'\(s)' is neither a number, a quantity nor a duration")
            default:
                throw JMESPathError(.invalidType, "\(fn)(): expected number, quantity or duration, got \(v.typeName)")
            }
        }
    }

    static func number(_ d: Double) -> Value {
        if d == d.rounded(), abs(d) < 9e15 { return .int(Int(d)) }
        return .double(d)
    }

    static func binary(_ fn: String, _ a: Value, _ b: Value, _ op: (Double, Double) throws -> Double,
                       divisionLike: Bool = false) throws -> Value {
        let x = try Operand(a, fn), y = try Operand(b, fn)
        switch (x, y) {
        case (.number(let p), .number(let q)): return number(try op(p, q))
        case (.quantity(let p, let f), .quantity(let q, _)):
            return divisionLike ? number(try op(p, q)) : .string(f.format(try op(p, q)))
        case (.quantity(let p, let f), .number(let q)):
            return .string(f.format(try op(p, q)))
        case (.number(let p), .quantity(let q, let f)) where !divisionLike:
            return .string(f.format(try op(p, q)))
        case (.duration(let p), .duration(let q)):
            return divisionLike ? number(try op(p, q)) : .string(Duration.format(try op(p, q)))
        case (.duration(let p), .number(let q)):
            return .string(Duration.format(try op(p, q)))
        case (.number(let p), .duration(let q)) where !divisionLike:
            return .string(Duration.format(try op(p, q)))
        default:
            throw JMESPathError(.invalidType, "\(fn)(): operands of incompatible types")
        }
    }

    static let all: [Function] = [
        Function("add", [[.any], [.any]], returns: "any", summary: "sum of numbers, quantities or durations") { a in
            try binary("add", a[0], a[1], { $0 + $1 })
        },
        Function("subtract", [[.any], [.any]], returns: "any") { a in try binary("subtract", a[0], a[1], { $0 - $1 }) },
        Function("multiply", [[.any], [.any]], returns: "any") { a in try binary("multiply", a[0], a[1], { $0 * $1 }) },
        Function("divide", [[.any], [.any]], returns: "any") { a in
            try binary("divide", a[0], a[1], { p, q in
                guard q != 0 else { throw KyvernoFunctions.fail("divide", "division by zero") }
                return p / q
            }, divisionLike: true)
        },
        Function("modulo", [[.any], [.any]], returns: "any") { a in
            try binary("modulo", a[0], a[1], { p, q in
                guard q != 0 else { throw KyvernoFunctions.fail("modulo", "modulo by zero") }
                guard p == p.rounded(), q == q.rounded() else { throw KyvernoFunctions.fail("modulo", "non-integer operand") }
                return p.truncatingRemainder(dividingBy: q)
            })
        },
        Function("round", [[.number], [.number]], returns: "number", summary: "round to n decimal places") { a in
            let v = a[0].numberValue ?? 0
            let digits = a[1].numberValue ?? 0
            guard digits >= 0, digits == digits.rounded() else { throw KyvernoFunctions.fail("round", "digits must be a non-negative integer") }
            let m = pow(10, digits)
            return number((v * m).rounded(.toNearestOrAwayFromZero) / m)
        },
        Function("sum", [[.array]], returns: "any", summary: "sum of numbers, quantities or durations") { a in
            let xs = a[0].arrayValue ?? []
            guard var acc = xs.first else { throw KyvernoFunctions.fail("sum", "at least one element is required") }
            for x in xs.dropFirst() { acc = try binary("sum", acc, x, { $0 + $1 }) }
            if case .string(let s) = acc, xs.count == 1, let q = Quantity.parse(s) {
                return .string(QuantityFormat(of: s).format(q))
            }
            return acc
        },
    ]
}

/// Kubernetes' canonical quantity rendering: binary (`Ki`…), decimal SI (`k`, `M`, `m`…)
/// or plain, choosing the largest suffix that keeps the number whole.
struct QuantityFormat {
    var binary: Bool

    init(of s: String) {
        binary = s.hasSuffix("i")
    }

    func format(_ v: Double) -> String {
        if binary, v == v.rounded() {
            let units = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"]
            var value = v
            var i = 0
            while i < units.count - 1, value != 0, (value / 1024) == (value / 1024).rounded() { value /= 1024; i += 1 }
            if v == 0 { return "0" }
            return Value.formatDouble(value) + units[i]
        }
        let units: [(String, Double)] = [("E", 1e18), ("P", 1e15), ("T", 1e12), ("G", 1e9), ("M", 1e6), ("k", 1e3), ("", 1), ("m", 1e-3), ("u", 1e-6), ("n", 1e-9)]
        if v == 0 { return "0" }
        for (u, m) in units {
            let scaled = v / m
            let rounded = scaled.rounded()
            if abs(scaled - rounded) < 1e-9 * max(1, abs(scaled)) {
                // Prefer the largest suffix with a whole mantissa, but never a bigger
                // suffix than the value's own magnitude.
                if abs(v) >= m || m <= 1 { return Value.formatDouble(rounded) + u }
            }
        }
        return Value.formatDouble(v)
    }
}
