import Dispatch
import Foundation

/// JSON rendering of values, hand-written so output is byte-for-byte deterministic
/// (key order as in the input, or sorted on request) and needs no Foundation bridging.
extension Value {
    public func jsonString(pretty: Bool = false, sortedKeys: Bool = false) -> String {
        // Built as UTF-8 bytes: appending to a byte array is several times faster than
        // growing a String, which matters for reports with tens of thousands of findings.
        var out: [UInt8] = []
        out.reserveCapacity(256)
        writeJSON(into: &out, pretty: pretty, sortedKeys: sortedKeys, indent: 0)
        return String(decoding: out, as: UTF8.self)
    }

    private static func newline(_ out: inout [UInt8], _ indent: Int) {
        out.append(10)
        for _ in 0..<indent { out.append(32); out.append(32) }
    }

    private func writeJSON(into out: inout [UInt8], pretty: Bool, sortedKeys: Bool, indent: Int) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .double(let d): out.append(contentsOf: Value.formatDouble(d).utf8)
        case .string(let s): Value.writeJSONString(s, into: &out)
        case .array(let a):
            if a.isEmpty { out.append(contentsOf: "[]".utf8); return }
            out.append(UInt8(ascii: "["))
            if a.count >= 2048 {
                // Reports with thousands of findings: elements are written in parallel chunks and
                // joined in order (the bytes are the same as the serial loop's).
                let chunks = 16, per = (a.count + chunks - 1) / chunks
                let parts = ParallelMap.map(Array(0..<chunks), minimum: 1) { c -> [UInt8] in
                    var buf: [UInt8] = []
                    for i in (c * per)..<min(a.count, (c + 1) * per) {
                        if i > 0 { buf.append(UInt8(ascii: ",")) }
                        if pretty { Value.newline(&buf, indent + 1) }
                        a[i].writeJSON(into: &buf, pretty: pretty, sortedKeys: sortedKeys, indent: indent + 1)
                    }
                    return buf
                }
                for part in parts { out.append(contentsOf: part) }
            } else {
                for (i, v) in a.enumerated() {
                    if i > 0 { out.append(UInt8(ascii: ",")) }
                    if pretty { Value.newline(&out, indent + 1) }
                    v.writeJSON(into: &out, pretty: pretty, sortedKeys: sortedKeys, indent: indent + 1)
                }
            }
            if pretty { Value.newline(&out, indent) }
            out.append(UInt8(ascii: "]"))
        case .object(let o):
            if o.isEmpty { out.append(contentsOf: "{}".utf8); return }
            out.append(UInt8(ascii: "{"))
            let keys = o.keys, values = o.values
            let order = sortedKeys ? Array(keys.indices.sorted { keys[$0] < keys[$1] }) : Array(keys.indices)
            for (n, i) in order.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                if pretty { Value.newline(&out, indent + 1) }
                Value.writeJSONString(keys[i], into: &out)
                out.append(UInt8(ascii: ":"))
                if pretty { out.append(32) }
                values[i].writeJSON(into: &out, pretty: pretty, sortedKeys: sortedKeys, indent: indent + 1)
            }
            if pretty { Value.newline(&out, indent) }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Integral doubles print without a fraction (`3.0` → `3`), as Go and JavaScript do.
    public static func formatDouble(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d > 0 ? "+Inf" : "-Inf" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
        return String(d)
    }

    public static func writeJSONString(_ s: String, into out: inout String) {
        var bytes: [UInt8] = []
        writeJSONString(s, into: &bytes)
        out += String(decoding: bytes, as: UTF8.self)
    }

    static func writeJSONString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        let hex = Array("0123456789abcdef".utf8)
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out.append(92); out.append(b)
            case UInt8(ascii: "\\"): out.append(92); out.append(b)
            case 10: out.append(92); out.append(UInt8(ascii: "n"))
            case 13: out.append(92); out.append(UInt8(ascii: "r"))
            case 9: out.append(92); out.append(UInt8(ascii: "t"))
            case 8: out.append(92); out.append(UInt8(ascii: "b"))
            case 12: out.append(92); out.append(UInt8(ascii: "f"))
            case 0..<0x20:
                out.append(contentsOf: [92, UInt8(ascii: "u"), 48, 48, hex[Int(b >> 4)], hex[Int(b & 15)]])
            default:
                out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// The text a value contributes when interpolated into a larger string: strings
    /// as-is, everything else as compact JSON (Kyverno's and JMESPath's convention).
    public var interpolationText: String {
        if case .string(let s) = self { return s }
        return jsonString()
    }
}
