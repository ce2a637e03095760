import Foundation

/// Kubernetes resource quantities (`500m`, `2Gi`, `1e3`) as exact-enough numbers.
///
/// Kyverno compares quantities with Kubernetes' `resource.Quantity`; a Double keeps
/// every practical value (up to exabytes with milli precision) exact enough to compare.
public enum Quantity {
    private static let suffixes: [(String, Double)] = [
        ("Ki", 1024), ("Mi", 1_048_576), ("Gi", 1_073_741_824), ("Ti", 1_099_511_627_776),
        ("Pi", 1_125_899_906_842_624), ("Ei", 1_152_921_504_606_846_976),
        ("n", 1e-9), ("u", 1e-6), ("m", 1e-3), ("k", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12), ("P", 1e15), ("E", 1e18),
    ]

    public static func parse(_ raw: String) -> Double? {
        let u = Array(ASCII.trim(raw).utf8)
        guard !u.isEmpty else { return nil }
        var i = 0
        if u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-") { i += 1 }
        let numStart = i
        var sawDigit = false
        while i < u.count, u[i] >= 48 && u[i] <= 57 { i += 1; sawDigit = true }
        if i < u.count, u[i] == UInt8(ascii: ".") {
            i += 1
            while i < u.count, u[i] >= 48 && u[i] <= 57 { i += 1; sawDigit = true }
        }
        guard sawDigit else { return nil }
        _ = numStart
        if i < u.count, !(u[i] >= 65 && u[i] <= 90) && !(u[i] >= 97 && u[i] <= 122) { return nil }
        guard let base = Double(String(decoding: u[0..<i], as: UTF8.self)) else { return nil }
        if i == u.count { return base }
        let suffix = String(decoding: u[i...], as: UTF8.self)
        for (sfx, mult) in suffixes where sfx == suffix { return base * mult }
        // Decimal exponent: 1e3, 1E-2
        if let f = suffix.first, f == "e" || f == "E", let exp = Int(suffix.dropFirst()) {
            return base * pow(10, Double(exp))
        }
        return nil
    }
}

/// Go `time.ParseDuration` syntax (`1h30m`, `300ms`, `-1.5h`), in seconds.
public enum Duration {
    public static func parse(_ raw: String) -> Double? {
        var s = Substring(raw)
        guard !s.isEmpty else { return nil }
        var sign = 1.0
        if s.first == "-" { sign = -1; s = s.dropFirst() } else if s.first == "+" { s = s.dropFirst() }
        if s == "0" { return 0 }
        guard !s.isEmpty else { return nil }
        var total = 0.0
        while !s.isEmpty {
            let numEnd = s.firstIndex(where: { !($0.isASCII && ($0.isNumber || $0 == ".")) }) ?? s.endIndex
            guard numEnd != s.startIndex, let n = Double(s[s.startIndex..<numEnd]) else { return nil }
            s = s[numEnd...]
            let unitEnd = s.firstIndex(where: { $0.isASCII && ($0.isNumber || $0 == ".") }) ?? s.endIndex
            let unit = s[s.startIndex..<unitEnd]
            s = s[unitEnd...]
            let mult: Double
            switch unit {
            case "ns": mult = 1e-9
            case "us", "µs", "μs": mult = 1e-6
            case "ms": mult = 1e-3
            case "s": mult = 1
            case "m": mult = 60
            case "h": mult = 3600
            default: return nil
            }
            total += n * mult
        }
        return sign * total
    }

    /// Go's `Duration.String()` form, used when Kyverno prints durations.
    public static func format(_ seconds: Double) -> String {
        if seconds == 0 { return "0s" }
        var out = seconds < 0 ? "-" : ""
        var rem = abs(seconds)
        if rem < 1 {
            if rem < 1e-6 { return out + Value.formatDouble(rem * 1e9) + "ns" }
            if rem < 1e-3 { return out + Value.formatDouble(rem * 1e6) + "µs" }
            return out + Value.formatDouble(rem * 1e3) + "ms"
        }
        let h = Int(rem / 3600)
        rem -= Double(h) * 3600
        let m = Int(rem / 60)
        rem -= Double(m) * 60
        if h > 0 { out += "\(h)h" }
        if h > 0 || m > 0 { out += "\(m)m" }
        out += Value.formatDouble((rem * 1e9).rounded() / 1e9) + "s"
        return out
    }
}

import BulwarkCore
