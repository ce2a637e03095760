/// Semantic Versioning 2.0 precedence (npm, crates.io, NuGet, SwiftPM, Go after normalisation):
/// major.minor.patch numerically, a pre-release sorts before its release, pre-release
/// identifiers compare numerically when numeric (and below alphanumerics), build metadata ignored.
/// A leading `v` and missing minor/patch (`1.2`) are accepted, as registries do.
public enum SemVer {
    public struct Parsed: Equatable {
        var core: [Int]
        var pre: [String]
    }

    public static func parse(_ s: String) -> Parsed? {
        var t = Substring(s.trimmingCharacters(in: .whitespaces))
        if t.hasPrefix("v") || t.hasPrefix("=") { t = t.dropFirst() }
        if let plus = t.firstIndex(of: "+") { t = t[..<plus] }
        var pre: [String] = []
        if let dash = t.firstIndex(of: "-") {
            pre = t[t.index(after: dash)...].split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard !pre.contains(where: \.isEmpty) else { return nil }
            t = t[..<dash]
        }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...4).contains(parts.count) else { return nil }
        var core: [Int] = []
        for p in parts {
            guard !p.isEmpty, p.allSatisfy(\.isNumber), let n = Int(p) else { return nil }
            core.append(n)
        }
        while core.count < 3 { core.append(0) }
        return Parsed(core: core, pre: pre)
    }

    public static func compare(_ a: String, _ b: String) -> Int? {
        guard let x = parse(a), let y = parse(b) else { return nil }
        for i in 0..<max(x.core.count, y.core.count) {
            let l = i < x.core.count ? x.core[i] : 0, r = i < y.core.count ? y.core[i] : 0
            if l != r { return l < r ? -1 : 1 }
        }
        if x.pre.isEmpty || y.pre.isEmpty { return x.pre.isEmpty == y.pre.isEmpty ? 0 : (x.pre.isEmpty ? 1 : -1) }
        for i in 0..<min(x.pre.count, y.pre.count) {
            let l = x.pre[i], r = y.pre[i]
            if l == r { continue }
            switch (Int(l), Int(r)) {
            case let (p?, q?): return p < q ? -1 : 1
            case (.some, nil): return -1
            case (nil, .some): return 1
            default: return l < r ? -1 : 1
            }
        }
        return sign(x.pre.count - y.pre.count)
    }
}

/// Go module versions: `v1.2.3`, pseudo-versions (`v0.0.0-20210101120000-abcdef123456`, already
/// ordered by their timestamp under SemVer rules) and `+incompatible`.
enum GoVersion {
    static func normalize(_ v: String) -> String {
        var s = v
        if s.hasSuffix("+incompatible") { s = String(s.dropLast("+incompatible".count)) }
        return s
    }
}

import Foundation
