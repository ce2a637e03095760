import BulwarkCore
import BulwarkFormats
import Foundation

/// A package version a lockfile pins, and where.
public struct LockedPackage: Sendable, Hashable {
    public var ecosystem: Ecosystem
    public var name: String
    public var version: String
    public var location: SourceSpan
}

/// Which lockfile formats Bulwark reads, recognised by file name.
public enum LockfileKind: String, Sendable, CaseIterable {
    case packageLock = "package-lock.json", yarnLock = "yarn.lock", pnpmLock = "pnpm-lock.yaml", requirements = "requirements.txt",
         poetryLock = "poetry.lock", pipfileLock = "Pipfile.lock", goMod = "go.mod", cargoLock = "Cargo.lock",
         gemfileLock = "Gemfile.lock", composerLock = "composer.lock", packageResolved = "Package.resolved", pom = "pom.xml"

    public static func detect(fileName: String) -> LockfileKind? {
        if let k = LockfileKind(rawValue: fileName) { return k }
        if fileName == "npm-shrinkwrap.json" { return .packageLock }
        // requirements-dev.txt, requirements/prod.txt style names.
        if fileName.hasPrefix("requirements") && fileName.hasSuffix(".txt") { return .requirements }
        return nil
    }
}

/// Reads lockfiles. A malformed one is an error with `file:line:column`; the scan reports it
/// and goes on with the other files.
public enum Lockfiles {
    public static func parse(_ text: String, kind: LockfileKind, file: String) throws -> [LockedPackage] {
        switch kind {
        case .packageLock: return try NPMLock.packageLock(text, file: file)
        case .yarnLock: return try NPMLock.yarn(text, file: file)
        case .pnpmLock: return try NPMLock.pnpm(text, file: file)
        case .requirements: return PythonLock.requirements(text, file: file)
        case .poetryLock: return try TOMLLock.packages(text, file: file, ecosystem: .pypi)
        case .pipfileLock: return try PythonLock.pipfile(text, file: file)
        case .goMod: return GoMod.parse(text, file: file)
        case .cargoLock: return try TOMLLock.packages(text, file: file, ecosystem: .cratesIO)
        case .gemfileLock: return GemfileLock.parse(text, file: file)
        case .composerLock: return try ComposerLock.parse(text, file: file)
        case .packageResolved: return try SwiftResolved.parse(text, file: file)
        case .pom: return try MavenPOM.parse(text, file: file)
        }
    }
}
