import BulwarkCore
import BulwarkJMESPath

/// Kyverno's collection helpers.
enum CollectionFunctions {
    static let all: [Function] = [
        Function("lookup", [[.object, .array], [.string, .number]], returns: "any", summary: "value at a key or index") { a in
            switch (a[0], a[1]) {
            case (.object(let o), .string(let k)): return o[k] ?? .null
            case (.array(let xs), let i) where i.isNumber:
                guard let d = i.numberValue, d == d.rounded() else { throw KyvernoFunctions.fail("lookup", "index must be an integer") }
                let n = Int(d)
                return n >= 0 && n < xs.count ? xs[n] : .null
            default:
                throw JMESPathError(.invalidType, "lookup(): object needs a string key, array a numeric index")
            }
        },
        Function("items", [[.object, .array], [.string], [.string]], returns: "array", summary: "[{key, value}] entries") { a in
            let kn = a[1].stringValue ?? "key", vn = a[2].stringValue ?? "value"
            var out: [Value] = []
            switch a[0] {
            case .object(let o):
                for k in o.keys.sorted() {
                    var e = Object()
                    e[kn] = .string(k)
                    e[vn] = o[k] ?? .null
                    out.append(.object(e))
                }
            case .array(let xs):
                for (i, x) in xs.enumerated() {
                    var e = Object()
                    e[kn] = .int(i)
                    e[vn] = x
                    out.append(.object(e))
                }
            default: break
            }
            return .array(out)
        },
        Function("object_from_lists", [[.array], [.array]], returns: "object") { a in
            let keys = a[0].arrayValue ?? [], values = a[1].arrayValue ?? []
            var o = Object()
            for (i, k) in keys.enumerated() {
                guard case .string(let s) = k else { throw JMESPathError(.invalidType, "object_from_lists(): keys must be strings") }
                o[s] = i < values.count ? values[i] : .null
            }
            return .object(o)
        },
        Function("label_match", [[.object], [.object]], returns: "boolean", summary: "labels satisfy a matchLabels map") { a in
            let selector = a[0].objectValue ?? Object(), labels = a[1].objectValue ?? Object()
            for (k, v) in selector {
                guard let actual = labels[k], KyvernoFunctions.text(actual) == KyvernoFunctions.text(v) else { return .bool(false) }
            }
            return .bool(true)
        },
    ]
}
