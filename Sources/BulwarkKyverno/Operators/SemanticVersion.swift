/// Semantic versions (`1.2.3-rc.1+build`), compared by SemVer 2.0 precedence.
public struct SemanticVersion: Sendable, Equatable {
    public var major: Int, minor: Int, patch: Int
    public var prerelease: [String]

    public init?(_ raw: String) {
        var s = Substring(raw)
        if s.first == "v" { s = s.dropFirst() }
        if let plus = s.firstIndex(of: "+") { s = s[s.startIndex..<plus] }
        var pre: [String] = []
        if let dash = s.firstIndex(of: "-") {
            pre = s[s.index(after: dash)...].split(separator: ".").map(String.init)
            guard !pre.isEmpty else { return nil }
            s = s[s.startIndex..<dash]
        }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let a = Int(parts[0]), let b = Int(parts[1]), let c = Int(parts[2]), a >= 0, b >= 0, c >= 0 else { return nil }
        (major, minor, patch, prerelease) = (a, b, c, pre)
    }

    /// -1, 0 or 1.
    public func compare(_ other: SemanticVersion) -> Int {
        for (x, y) in [(major, other.major), (minor, other.minor), (patch, other.patch)] where x != y {
            return x < y ? -1 : 1
        }
        switch (prerelease.isEmpty, other.prerelease.isEmpty) {
        case (true, true): return 0
        case (true, false): return 1
        case (false, true): return -1
        default: break
        }
        for (x, y) in zip(prerelease, other.prerelease) where x != y {
            switch (Int(x), Int(y)) {
            case (let a?, let b?): return a < b ? -1 : 1
            case (nil, .some): return 1
            case (.some, nil): return -1
            default: return x < y ? -1 : 1
            }
        }
        return prerelease.count == other.prerelease.count ? 0 : (prerelease.count < other.prerelease.count ? -1 : 1)
    }
}
