@testable import BulwarkDependencies
import Testing

/// Each list is strictly increasing in its ecosystem's order; every pair is checked both ways.
@Suite struct VersionOrderingTests {
    static let orders: [(Ecosystem, [String])] = [
        (.npm, ["0.0.1", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11",
                "1.0.0-rc.1", "1.0.0", "1.0.1", "1.2.0", "1.10.0", "2.0.0"]),
        (.cratesIO, ["0.9.0", "1.0.0-rc.1", "1.0.0", "1.0.10"]),
        (.go, ["v0.0.0-20190101000000-abcdefabcdef", "v0.0.0-20210101000000-abcdefabcdef", "v0.1.0", "v1.2.3-pre", "v1.2.3",
               "v2.0.0+incompatible", "v2.1.0"]),
        (.pypi, ["1.0.dev0", "1.0a1.dev1", "1.0a1", "1.0a2", "1.0b1", "1.0rc1", "1.0", "1.0+local.1", "1.0.post1.dev0", "1.0.post1",
                 "1.0.1", "1.1", "2.0", "1!0.1"]),
        (.rubyGems, ["1.0.a", "1.0.a.2", "1.0.b1", "1.0.rc1", "1.0", "1.0.1", "1.1", "1.10"]),
        (.maven, ["1.0-alpha-1", "1.0-beta-1", "1.0-milestone-1", "1.0-rc-1", "1.0-SNAPSHOT", "1.0", "1.0-sp-1", "1.0.1", "1.1", "1.10"]),
        (.packagist, ["1.0.0-dev", "1.0.0-alpha1", "1.0.0-beta2", "1.0.0-RC1", "1.0.0", "1.0.0-p1", "1.0.1", "v1.1.0", "2.0.0"]),
        (.nuget, ["1.0.0-preview.1", "1.0.0", "1.0.0.1", "1.0.1"]),
    ]

    @Test(arguments: orders.map(\.0.rawValue))
    func increasing(ecosystem: String) throws {
        let (eco, list) = try #require(Self.orders.first { $0.0.rawValue == ecosystem })
        for i in list.indices {
            for j in list.indices {
                let c = try #require(eco.compare(list[i], list[j]), "\(eco) cannot read \(list[i]) or \(list[j])")
                #expect(c == (i < j ? -1 : i > j ? 1 : 0), "\(eco): \(list[i]) vs \(list[j]) gave \(c)")
            }
        }
    }

    @Test func equivalentSpellings() {
        #expect(Ecosystem.pypi.compare("1.0.0", "1.0") == 0)
        #expect(Ecosystem.pypi.compare("1.0-alpha1", "1.0a1") == 0)
        #expect(Ecosystem.pypi.compare("1.0-1", "1.0.post1") == 0)
        #expect(Ecosystem.pypi.compare("0!1.0", "1.0") == 0)
        #expect(Ecosystem.maven.compare("1.0.0", "1") == 0)
        #expect(Ecosystem.maven.compare("1.0-final", "1.0") == 0)
        #expect(Ecosystem.maven.compare("1.0-cr-1", "1.0-rc-1") == 0)
        #expect(Ecosystem.rubyGems.compare("1.0.0", "1") == 0)
        #expect(Ecosystem.npm.compare("1.0.0+build.5", "1.0.0") == 0)
        #expect(Ecosystem.npm.compare("v1.2.3", "1.2.3") == 0)
    }

    @Test func unreadableVersionsAreNil() {
        #expect(Ecosystem.npm.compare("latest", "1.0.0") == nil)
        #expect(Ecosystem.pypi.compare("1.0.x", "1.0") == nil)
        #expect(Ecosystem.packagist.compare("dev-main", "1.0") == nil)
    }

    @Test func pythonNamesNormalise() {
        #expect(Ecosystem.pypi.normalize("Django_REST.framework") == "django-rest-framework")
        #expect(Ecosystem.pypi.normalize("requests") == "requests")
    }
}
