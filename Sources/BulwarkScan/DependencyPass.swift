import BulwarkCore
import BulwarkDependencies
import Foundation

/// The dependency part of `bulwark scan`: lockfiles found by name, their packages matched
/// against an offline OSV database. A broken lockfile is a BULWARK-000 finding.
public struct DependencyPass: Sendable {
    public let scanner: DependencyScanner

    public init(database: OSVDatabase) { scanner = DependencyScanner(database: database) }

    public static let vulnerable = RuleMetadata(
        id: "DEP-001", title: "Dependency with a known vulnerability", severity: .high, pack: "dependencies",
        rationale: "A library version with a published advisory is a known way in; the advisory tells attackers as much as it tells you.",
        remediation: "Upgrade to the fixed version named in the finding (or later), regenerate the lockfile, and re-run the tests.",
        controls: [ControlRef("soc2", "CC7.1"), ControlRef("pci", "6.3.3"), ControlRef("nist", "RA-5"), ControlRef("nist", "SI-2")],
        aliases: [])

    public static let undecided = RuleMetadata(
        id: "DEP-002", title: "Dependency version could not be compared with an advisory", severity: .info, pack: "dependencies",
        rationale: "When a lockfile's version cannot be ordered against an advisory's ranges, the package may or may not be affected; that is reported, not passed.",
        remediation: "Check the advisory by hand, or pin a released version the ecosystem can order.",
        controls: [ControlRef("soc2", "CC7.1")], aliases: [])

    public func findings(text: String, kind: LockfileKind, file: String) -> [Finding] {
        let packages: [LockedPackage]
        do { packages = try Lockfiles.parse(text, kind: kind, file: file) } catch let e as BulwarkError {
            return [Finding(ScanRules.parseError, message: e.message, at: e.location ?? SourceSpan(file: file, line: 1, column: 1), attributePath: "parse")]
        } catch {
            return [Finding(ScanRules.parseError, message: "\(error)", at: SourceSpan(file: file, line: 1, column: 1), attributePath: "parse")]
        }
        let r = scanner.check(packages)
        var out: [Finding] = []
        for v in r.vulnerable {
            let a = v.advisory
            let ids = ([a.id] + a.aliases.filter { $0.hasPrefix("CVE-") || $0.hasPrefix("GHSA-") }).joined(separator: ", ")
            let fix = v.fixedIn.map { " Fixed in \($0)." } ?? " No fixed version is published."
            var f = Finding(DependencyPass.vulnerable,
                            message: "\(v.package.name) \(v.package.version) is affected by \(ids)\(a.summary.isEmpty ? "" : ": \(a.summary)").\(fix)",
                            at: v.package.location, resource: ResourceRef(kind: v.package.ecosystem.rawValue, name: "\(v.package.name)@\(v.package.version)"),
                            attributePath: "dep:\(a.id)")
            f.severity = v.severity
            f.remediation = v.fixedIn.map { "Upgrade \(v.package.name) to \($0) or later." } ?? DependencyPass.vulnerable.remediation
            out.append(f)
        }
        for (p, id) in r.undecided {
            out.append(Finding(DependencyPass.undecided, message: "\(p.name) \(p.version) cannot be ordered against the ranges of \(id).",
                               at: p.location, resource: ResourceRef(kind: p.ecosystem.rawValue, name: "\(p.name)@\(p.version)"), attributePath: "dep:\(id)"))
        }
        return out
    }
}
