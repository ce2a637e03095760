/// Package ecosystems, named as OSV names them, each with its own version ordering.
public enum Ecosystem: String, Sendable, CaseIterable, Codable {
    case npm, pypi = "PyPI", go = "Go", cratesIO = "crates.io", rubyGems = "RubyGems", packagist = "Packagist", maven = "Maven",
         swiftURL = "SwiftURL", nuget = "NuGet"

    /// Orders two versions the ecosystem's way; nil when either cannot be read as a version.
    public func compare(_ a: String, _ b: String) -> Int? {
        switch self {
        case .npm, .cratesIO, .swiftURL, .nuget: return SemVer.compare(a, b)
        case .go: return SemVer.compare(GoVersion.normalize(a), GoVersion.normalize(b))
        case .pypi: return PEP440.compare(a, b)
        case .rubyGems: return RubyGemsVersion.compare(a, b)
        case .maven: return MavenVersion.compare(a, b)
        case .packagist: return PackagistVersion.compare(a, b)
        }
    }

    /// Names as the ecosystem compares them (PyPI: PEP 503 normalisation; Packagist: lower case).
    public func normalize(_ name: String) -> String {
        switch self {
        case .pypi:
            var out = ""
            var lastSep = false
            for c in name.lowercased() {
                if c == "-" || c == "_" || c == "." { if !lastSep { out.append("-") }; lastSep = true } else { out.append(c); lastSep = false }
            }
            return out
        case .packagist: return name.lowercased()
        default: return name
        }
    }
}

func sign(_ x: Int) -> Int { x < 0 ? -1 : x > 0 ? 1 : 0 }
