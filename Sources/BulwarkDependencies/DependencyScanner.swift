import BulwarkCore
import Foundation

/// A package version that an advisory affects.
public struct VulnerableDependency: Sendable {
    public var package: LockedPackage
    public var advisory: OSVRecord
    public var fixedIn: String?
    public var severity: Severity
}

/// Matches lockfile packages against the OSV database, each ecosystem with its own version order.
public struct DependencyScanner: Sendable {
    public let database: OSVDatabase

    public init(database: OSVDatabase) { self.database = database }

    public struct Result: Sendable {
        public var vulnerable: [VulnerableDependency] = []
        /// Packages whose version an advisory's range could not be evaluated for: said, not guessed.
        public var undecided: [(LockedPackage, String)] = []
    }

    public func check(_ packages: [LockedPackage]) -> Result {
        var r = Result()
        for p in packages {
            for advisory in database.advisories(ecosystem: p.ecosystem, name: p.name) {
                switch advisory.affects(ecosystem: p.ecosystem, name: p.name, version: p.version) {
                case true?:
                    r.vulnerable.append(VulnerableDependency(package: p, advisory: advisory,
                                                             fixedIn: advisory.lowestFix(ecosystem: p.ecosystem, name: p.name, above: p.version),
                                                             severity: advisory.severity))
                case nil: r.undecided.append((p, advisory.id))
                default: break
                }
            }
        }
        return r
    }
}
