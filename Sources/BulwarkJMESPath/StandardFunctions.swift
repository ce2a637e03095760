import BulwarkCore

/// The built-in functions of the JMESPath specification, with its exact type rules.
public enum StandardFunctions {
    static func typeError(_ fn: String, _ message: String) -> JMESPathError {
        JMESPathError(.invalidType, "\(fn)(): \(message)")
    }

    /// Sort key for `sort`, `sort_by`, `max`, `min`: all numbers or all strings.
    enum SortKey: Comparable {
        case number(Double), string(String)
        static func < (a: SortKey, b: SortKey) -> Bool {
            switch (a, b) {
            case (.number(let x), .number(let y)): return x < y
            case (.string(let x), .string(let y)): return x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars)
            default: return false
            }
        }
    }

    static func sortKeys(_ values: [Value], _ fn: String) throws -> [SortKey] {
        guard let first = values.first else { return [] }
        if first.isNumber {
            return try values.map { guard let n = $0.numberValue else { throw typeError(fn, "mixed types") }; return .number(n) }
        }
        if first.stringValue != nil {
            return try values.map { guard let s = $0.stringValue else { throw typeError(fn, "mixed types") }; return .string(s) }
        }
        throw typeError(fn, "expected numbers or strings, got \(first.typeName)")
    }

    static func number(_ d: Double) -> Value {
        if d == d.rounded(), abs(d) < 9e15 { return .int(Int(d)) }
        return .double(d)
    }

    public static let all: [Function] = [
        Function("abs", [[.number]], returns: "number") { a in
            if case .int(let i) = a[0] { return .int(abs(i)) }
            return .double(abs(a[0].numberValue ?? 0))
        },
        Function("avg", [[.arrayNumber]], returns: "number") { a in
            let xs = a[0].arrayValue ?? []
            guard !xs.isEmpty else { return .null }
            return .double(xs.reduce(0) { $0 + ($1.numberValue ?? 0) } / Double(xs.count))
        },
        Function("ceil", [[.number]], returns: "number") { a in number((a[0].numberValue ?? 0).rounded(.up)) },
        Function("floor", [[.number]], returns: "number") { a in number((a[0].numberValue ?? 0).rounded(.down)) },
        Function("contains", [[.array, .string], [.any]], returns: "boolean") { a in
            switch a[0] {
            case .array(let xs): return .bool(xs.contains(a[1]))
            case .string(let s):
                guard let needle = a[1].stringValue else { return .bool(false) }
                return .bool(needle.isEmpty || s.contains(needle))
            default: return .bool(false)
            }
        },
        Function("ends_with", [[.string], [.string]], returns: "boolean") { a in
            .bool((a[0].stringValue ?? "").unicodeScalars.reversed().starts(with: (a[1].stringValue ?? "").unicodeScalars.reversed()))
        },
        Function("starts_with", [[.string], [.string]], returns: "boolean") { a in
            .bool((a[0].stringValue ?? "").unicodeScalars.starts(with: (a[1].stringValue ?? "").unicodeScalars))
        },
        Function("join", [[.string], [.arrayString]], returns: "string") { a in
            .string((a[1].arrayValue ?? []).compactMap(\.stringValue).joined(separator: a[0].stringValue ?? ""))
        },
        Function("keys", [[.object]], returns: "array") { a in .array((a[0].objectValue?.keys ?? []).map(Value.string)) },
        Function("values", [[.object]], returns: "array") { a in .array(a[0].objectValue?.values ?? []) },
        Function("length", [[.string, .array, .object]], returns: "number") { a in
            switch a[0] {
            case .string(let s): return .int(s.unicodeScalars.count)
            case .array(let xs): return .int(xs.count)
            case .object(let o): return .int(o.count)
            default: return .null
            }
        },
        Function("map", [[.expref], [.array]], returns: "array") { args, interp in
            guard case .expression(let e) = args[0], case .array(let xs) = args[1].value else { return .null }
            return .array(try xs.map { try interp.apply(e, to: $0) })
        },
        Function("max", [[.arrayNumber, .arrayString]], returns: "number|string") { a in
            let xs = a[0].arrayValue ?? []
            let keys = try sortKeys(xs, "max")
            guard let i = keys.indices.max(by: { keys[$0] < keys[$1] }) else { return .null }
            return xs[i]
        },
        Function("min", [[.arrayNumber, .arrayString]], returns: "number|string") { a in
            let xs = a[0].arrayValue ?? []
            let keys = try sortKeys(xs, "min")
            guard let i = keys.indices.min(by: { keys[$0] < keys[$1] }) else { return .null }
            return xs[i]
        },
        Function("max_by", [[.array], [.expref]], returns: "any") { args, interp in
            try extremeBy(args, &interp, "max_by", wantMax: true)
        },
        Function("min_by", [[.array], [.expref]], returns: "any") { args, interp in
            try extremeBy(args, &interp, "min_by", wantMax: false)
        },
        Function("merge", [[.object]], variadic: true, returns: "object") { a in
            var out = Object()
            for v in a { for (k, x) in v.objectValue ?? Object() { out[k] = x } }
            return .object(out)
        },
        Function("not_null", [[.any]], variadic: true, returns: "any") { a in a.first(where: { !$0.isNull }) ?? .null },
        Function("reverse", [[.array, .string]], returns: "array|string") { a in
            switch a[0] {
            case .string(let s): return .string(String(String.UnicodeScalarView(s.unicodeScalars.reversed())))
            case .array(let xs): return .array(xs.reversed())
            default: return .null
            }
        },
        Function("sort", [[.arrayNumber, .arrayString]], returns: "array") { a in
            let xs = a[0].arrayValue ?? []
            let keys = try sortKeys(xs, "sort")
            return .array(xs.indices.sorted { keys[$0] < keys[$1] || (!(keys[$1] < keys[$0]) && $0 < $1) }.map { xs[$0] })
        },
        Function("sort_by", [[.array], [.expref]], returns: "array") { args, interp in
            guard case .array(let xs) = args[0].value, case .expression(let e) = args[1] else { return .null }
            let mapped = try xs.map { try interp.apply(e, to: $0) }
            let keys = try sortKeys(mapped, "sort_by")
            return .array(xs.indices.sorted { keys[$0] < keys[$1] || (!(keys[$1] < keys[$0]) && $0 < $1) }.map { xs[$0] })
        },
        Function("sum", [[.arrayNumber]], returns: "number") { a in
            var intSum = 0
            var allInts = true
            var d = 0.0
            for x in a[0].arrayValue ?? [] {
                if case .int(let i) = x, allInts { let (r, o) = intSum.addingReportingOverflow(i); if o { allInts = false } else { intSum = r } } else { allInts = false }
                d += x.numberValue ?? 0
            }
            return allInts ? .int(intSum) : .double(d)
        },
        Function("to_array", [[.any]], returns: "array") { a in
            if case .array = a[0] { return a[0] }
            return .array([a[0]])
        },
        Function("to_string", [[.any]], returns: "string") { a in
            if case .string = a[0] { return a[0] }
            return .string(a[0].jsonString())
        },
        Function("to_number", [[.any]], returns: "number") { a in
            switch a[0] {
            case .int, .double: return a[0]
            case .string(let s):
                guard let v = try? JSONParser.parseValue(s), v.isNumber else { return .null }
                return v
            default: return .null
            }
        },
        Function("type", [[.any]], returns: "string") { a in .string(a[0].typeName) },
    ]

    static func extremeBy(_ args: [FunctionArgument], _ interp: inout Interpreter, _ fn: String, wantMax: Bool) throws -> Value {
        guard case .array(let xs) = args[0].value, case .expression(let e) = args[1] else { return .null }
        guard !xs.isEmpty else { return .null }
        let mapped = try xs.map { try interp.apply(e, to: $0) }
        let keys = try sortKeys(mapped, fn)
        var best = 0
        for i in keys.indices.dropFirst() where wantMax ? keys[best] < keys[i] : keys[i] < keys[best] { best = i }
        return xs[best]
    }
}
