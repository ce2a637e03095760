import BulwarkCore
import BulwarkFormats
import Foundation

/// Terraform's built-in functions that configurations commonly use. Each takes known
/// values (the evaluator handles unknown arguments) and fails with Terraform's kind of
/// message on bad input.
public struct TFFunctions: Sendable {
    public typealias Body = @Sendable ([Value], EvalScope) throws -> Value

    let table: [String: Body]

    public static let standard = TFFunctions(table: TFFunctions.builtins)

    public var names: [String] { table.keys.sorted() }

    func acceptsUnknown(_ name: String) -> Bool { name == "coalesce" || name == "coalescelist" }

    func call(_ name: String, _ args: [TFValue], scope: EvalScope, at pos: HCLPosition) throws -> TFValue {
        guard let f = table[name] else {
            if name.contains("::") { return .unknown(reason: "provider function \(name) is not evaluated") }
            throw TFError("call to unknown function \(name)()", at: pos)
        }
        if acceptsUnknown(name) {
            // coalesce: the first known non-null/non-empty argument decides only if every
            // argument before it is known.
            for a in args {
                guard case .known(let v) = a else { return a }
                if name == "coalesce", !v.isNull, v != .string("") { return .known(v) }
                if name == "coalescelist", case .array(let x) = v, !x.isEmpty { return .known(v) }
            }
            throw TFError("\(name)(): no non-null arguments", at: pos)
        }
        do {
            return .known(try f(args.compactMap(\.known), scope))
        } catch let e as TFError {
            throw TFError("\(name)(): \(e.message)", at: pos)
        }
    }

    static func string(_ v: Value) throws -> String {
        switch v {
        case .string(let s): return s
        case .int, .double, .bool: return v.interpolationText
        default: throw TFError("expected a string, got \(v.typeName)")
        }
    }

    static func list(_ v: Value) throws -> [Value] {
        if case .array(let a) = v { return a }
        if v.isNull { return [] }
        throw TFError("expected a list, got \(v.typeName)")
    }

    static func map(_ v: Value) throws -> Object {
        if case .object(let o) = v { return o }
        throw TFError("expected a map, got \(v.typeName)")
    }

    static func int(_ v: Value) throws -> Int {
        if let n = ExpressionEvaluator.numeric(v), n == n.rounded() { return Int(n) }
        throw TFError("expected a whole number, got \(v.jsonString())")
    }

    static func arity(_ a: [Value], _ n: Int) throws {
        if a.count != n { throw TFError("expected \(n) argument\(n == 1 ? "" : "s"), got \(a.count)") }
    }

    static let builtins: [String: Body] = [
        "length": { a, _ in
            try arity(a, 1)
            switch a[0] {
            case .string(let s): return .int(s.count)
            case .array(let x): return .int(x.count)
            case .object(let o): return .int(o.count)
            default: throw TFError("cannot take the length of \(a[0].typeName)")
            }
        },
        "lookup": { a, _ in
            guard a.count == 2 || a.count == 3 else { throw TFError("expected 2 or 3 arguments") }
            let m = try map(a[0])
            if let v = m[try string(a[1])] { return v }
            if a.count == 3 { return a[2] }
            throw TFError("the map has no key \(a[1].jsonString()) and no default was given")
        },
        "merge": { a, _ in
            var out = Object()
            for v in a where !v.isNull { for (k, x) in try map(v) { out[k] = x } }
            return .object(out)
        },
        "concat": { a, _ in .array(try a.flatMap(list)) },
        "flatten": { a, _ in
            try arity(a, 1)
            func flat(_ v: Value) -> [Value] { if case .array(let x) = v { return x.flatMap(flat) } else { return [v] } }
            return .array(try list(a[0]).flatMap(flat))
        },
        "distinct": { a, _ in
            try arity(a, 1)
            var seen: [Value] = []
            for v in try list(a[0]) where !seen.contains(v) { seen.append(v) }
            return .array(seen)
        },
        "keys": { a, _ in try arity(a, 1); return .array(try map(a[0]).keys.sorted().map(Value.string)) },
        "values": { a, _ in try arity(a, 1); let m = try map(a[0]); return .array(m.keys.sorted().map { m[$0] ?? .null }) },
        "element": { a, _ in
            try arity(a, 2)
            let l = try list(a[0])
            guard !l.isEmpty else { throw TFError("cannot use element() with an empty list") }
            let i = try int(a[1])
            guard i >= 0 else { throw TFError("index must not be negative") }
            return l[i % l.count]
        },
        "contains": { a, _ in try arity(a, 2); return .bool(try list(a[0]).contains(a[1])) },
        "compact": { a, _ in try arity(a, 1); return .array(try list(a[0]).filter { !$0.isNull && $0 != .string("") }) },
        "format": { a, _ in
            guard let f = a.first else { throw TFError("expected a format string") }
            return .string(try format(try string(f), Array(a.dropFirst())))
        },
        "join": { a, _ in
            try arity(a, 2)
            return .string(try list(a[1]).map(string).joined(separator: try string(a[0])))
        },
        "split": { a, _ in
            try arity(a, 2)
            let sep = try string(a[0]), s = try string(a[1])
            if s.isEmpty { return .array([]) }
            return .array(s.components(separatedBy: sep).map(Value.string))
        },
        "replace": { a, _ in
            try arity(a, 3)
            let s = try string(a[0]), old = try string(a[1]), new = try string(a[2])
            if old.count > 1, old.hasPrefix("/"), old.hasSuffix("/") {
                let re = try NSRegularExpression(pattern: String(old.dropFirst().dropLast()))
                return .string(re.stringByReplacingMatches(in: s, range: NSRange(s.startIndex..., in: s), withTemplate: new))
            }
            return .string(old.isEmpty ? s : s.replacingOccurrences(of: old, with: new))
        },
        "lower": { a, _ in try arity(a, 1); return .string(try string(a[0]).lowercased()) },
        "upper": { a, _ in try arity(a, 1); return .string(try string(a[0]).uppercased()) },
        "trimspace": { a, _ in try arity(a, 1); return .string(try string(a[0]).trimmingCharacters(in: .whitespacesAndNewlines)) },
        "jsonencode": { a, _ in try arity(a, 1); return .string(a[0].jsonString()) },
        "jsondecode": { a, _ in
            try arity(a, 1)
            do { return try JSONParser.parseValue(try string(a[0])) } catch { throw TFError("invalid JSON: \(error)") }
        },
        "yamldecode": { a, _ in
            try arity(a, 1)
            do { return try YAMLLoader.load(try string(a[0]), file: "<yamldecode>").first?.value ?? .null } catch { throw TFError("invalid YAML: \(error)") }
        },
        "tomap": { a, _ in try arity(a, 1); return .object(try map(a[0])) },
        "tolist": { a, _ in try arity(a, 1); return .array(try list(a[0])) },
        "toset": { a, _ in
            try arity(a, 1)
            var seen: [Value] = []
            for v in try list(a[0]) where !seen.contains(v) { seen.append(v) }
            return .array(seen)
        },
        "tostring": { a, _ in try arity(a, 1); return a[0].isNull ? .null : .string(try string(a[0])) },
        "tonumber": { a, _ in
            try arity(a, 1)
            if a[0].isNull { return .null }
            guard let n = ExpressionEvaluator.numeric(a[0]) else { throw TFError("cannot convert \(a[0].jsonString()) to a number") }
            return ExpressionEvaluator.number(n)
        },
        "tobool": { a, _ in
            try arity(a, 1)
            switch a[0] {
            case .bool, .null: return a[0]
            case .string("true"): return .bool(true)
            case .string("false"): return .bool(false)
            default: throw TFError("cannot convert \(a[0].jsonString()) to a bool")
            }
        },
        "range": { a, _ in
            guard (1...3).contains(a.count) else { throw TFError("expected 1 to 3 arguments") }
            let start = a.count == 1 ? 0 : try int(a[0])
            let end = try int(a[a.count == 1 ? 0 : 1])
            let step = a.count == 3 ? try int(a[2]) : (end >= start ? 1 : -1)
            guard step != 0 else { throw TFError("step must not be zero") }
            guard abs((end - start) / step) <= 1024 else { throw TFError("more than 1024 elements") }
            return .array(stride(from: start, to: end, by: step).map(Value.int))
        },
        "zipmap": { a, _ in
            try arity(a, 2)
            let k = try list(a[0]), v = try list(a[1])
            guard k.count == v.count else { throw TFError("the key and value lists differ in length") }
            var o = Object()
            for (x, y) in zip(k, v) { o[try string(x)] = y }
            return .object(o)
        },
        "setunion": { a, _ in
            var seen: [Value] = []
            for s in a { for v in try list(s) where !seen.contains(v) { seen.append(v) } }
            return .array(seen)
        },
        // Sensitivity is tracked per attribute by the module evaluator; the value is unchanged.
        "sensitive": { a, _ in try arity(a, 1); return a[0] },
        "nonsensitive": { a, _ in try arity(a, 1); return a[0] },
        "base64encode": { a, _ in try arity(a, 1); return .string(Data(try string(a[0]).utf8).base64EncodedString()) },
        "base64decode": { a, _ in
            try arity(a, 1)
            guard let d = Data(base64Encoded: try string(a[0])), let s = String(data: d, encoding: .utf8) else { throw TFError("invalid base64") }
            return .string(s)
        },
        "cidrsubnet": { a, _ in
            try arity(a, 3)
            return .string(try CIDR.subnet(try string(a[0]), newbits: try int(a[1]), netnum: try int(a[2])))
        },
        "cidrhost": { a, _ in
            try arity(a, 2)
            return .string(try CIDR.host(try string(a[0]), hostnum: try int(a[1])))
        },
        "file": { a, scope in
            try arity(a, 1)
            guard let read = scope.readFile else { throw TFError("file() is not available here") }
            return .string(try read(try string(a[0])))
        },
        "templatefile": { a, scope in
            try arity(a, 2)
            guard let read = scope.readFile else { throw TFError("templatefile() is not available here") }
            let text = try read(try string(a[0]))
            let parts: [HCLTemplatePart]
            do { parts = try HCLParser.parseTemplate(text, file: try string(a[0])) } catch { throw TFError("\(error)") }
            var s = EvalScope()
            for (k, v) in try map(a[1]) { s.bindings[k] = .known(v) }
            s.readFile = scope.readFile
            let ev = ExpressionEvaluator(scope: s)
            var out = ""
            for p in parts {
                guard case .known(let v) = try ev.render(p) else { throw TFError("template references an unknown value") }
                out += v.interpolationText
            }
            return .string(out)
        },
        "coalesce": { _, _ in .null },
        "coalescelist": { _, _ in .null },
    ]

    /// Terraform's `format` verbs: %s %d %f %q %v %% (with simple width/precision).
    static func format(_ f: String, _ args: [Value]) throws -> String {
        var out = ""
        var i = f.startIndex
        var n = 0
        while i < f.endIndex {
            let c = f[i]
            guard c == "%" else { out.append(c); i = f.index(after: i); continue }
            i = f.index(after: i)
            guard i < f.endIndex else { throw TFError("format string ends with %") }
            var spec = ""
            while i < f.endIndex, "0123456789.-+# ".contains(f[i]) { spec.append(f[i]); i = f.index(after: i) }
            guard i < f.endIndex else { throw TFError("incomplete format verb") }
            let verb = f[i]
            i = f.index(after: i)
            if verb == "%" { out += "%"; continue }
            guard n < args.count else { throw TFError("not enough arguments for the format string") }
            let v = args[n]
            n += 1
            switch verb {
            case "s", "v": out += v.interpolationText
            case "q": out += Value.string(try string(v)).jsonString()
            case "d": out += String(try int(v))
            case "f":
                guard let d = ExpressionEvaluator.numeric(v) else { throw TFError("%f needs a number") }
                let precision = spec.split(separator: ".").last.flatMap { Int($0) } ?? 6
                out += String(format: "%.\(precision)f", d)
            case "t": out += v.interpolationText
            default: throw TFError("unsupported format verb %\(verb)")
            }
        }
        return out
    }
}

/// IPv4 CIDR arithmetic for `cidrsubnet` and `cidrhost`.
enum CIDR {
    static func parse(_ s: String) throws -> (UInt32, Int) {
        let parts = s.split(separator: "/")
        guard parts.count == 2, let bits = Int(parts[1]), (0...32).contains(bits) else { throw TFError("invalid CIDR \(s)") }
        let octets = parts[0].split(separator: ".").compactMap { UInt32($0) }
        guard octets.count == 4, octets.allSatisfy({ $0 < 256 }) else { throw TFError("invalid or non-IPv4 CIDR \(s)") }
        let ip = octets.reduce(UInt32(0)) { $0 << 8 | $1 }
        let mask: UInt32 = bits == 0 ? 0 : UInt32.max << UInt32(32 - bits)
        return (ip & mask, bits)
    }

    static func render(_ ip: UInt32) -> String {
        (0..<4).map { String((ip >> UInt32(24 - $0 * 8)) & 0xFF) }.joined(separator: ".")
    }

    static func subnet(_ prefix: String, newbits: Int, netnum: Int) throws -> String {
        let (ip, bits) = try parse(prefix)
        let total = bits + newbits
        guard newbits >= 0, total <= 32 else { throw TFError("prefix would be longer than 32 bits") }
        guard netnum >= 0, netnum < (1 << newbits) else { throw TFError("netnum \(netnum) does not fit in \(newbits) bits") }
        let shifted = UInt32(netnum) << UInt32(32 - total)
        return "\(render(ip | shifted))/\(total)"
    }

    static func host(_ prefix: String, hostnum: Int) throws -> String {
        let (ip, bits) = try parse(prefix)
        let size = bits == 32 ? 1 : (1 << (32 - bits))
        let n = hostnum < 0 ? size + hostnum : hostnum
        guard n >= 0, n < size else { throw TFError("host number \(hostnum) does not fit in the prefix") }
        return render(ip + UInt32(n))
    }
}
