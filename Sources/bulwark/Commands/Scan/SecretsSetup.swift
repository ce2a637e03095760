import ArgumentParser
import BulwarkCore
import BulwarkScan
import BulwarkSecrets
import Foundation

/// Builds the secret pass from flags and `.bulwark.yaml`, and says what it skipped.
enum SecretsSetup {
    static func pass(root: String, configFlag: String?, maxFileSizeFlag: String?, config: ScanConfig) throws -> SecretsPass {
        var rules: SecretConfig
        if let path = configFlag ?? config.secretsConfig.map({ $0.hasPrefix("/") || configFlag != nil ? $0 : root + "/" + $0 }) {
            guard FileManager.default.fileExists(atPath: path) else { throw BulwarkError(.usage, "\(path): no such file") }
            rules = try SecretConfig.load(path: path)
        } else {
            rules = try SecretConfig.bundled()
        }
        rules.rules.removeAll { config.disabledRules.contains($0.id) }
        var limits = SecretScanLimits()
        if let flag = maxFileSizeFlag {
            guard let n = ScanConfig.byteSize(flag) else { throw ValidationError("--secrets-max-file-size expects a size such as 10MB, got '\(flag)'") }
            limits.maxFileSize = n
        } else if let n = config.secretsMaxFileSize {
            limits.maxFileSize = n
        }
        if let n = config.secretsMaxMinifiedSize { limits.maxMinifiedSize = n }
        return SecretsPass(config: rules, limits: limits)
    }

    /// One line on stderr: binaries and archives are counted, files skipped for size are named
    /// (they are the ones that could hide a secret).
    static func reportSkips(_ skips: [(path: String, reason: SecretSkipReason)]) {
        guard !skips.isEmpty else { return }
        let byKind = Dictionary(grouping: skips, by: { $0.reason.kind })
        let summary = byKind.keys.sorted().map { "\(byKind[$0]!.count) \($0)" }.joined(separator: ", ")
        Terminal.note("secrets: not read: \(summary)")
        for s in skips {
            switch s.reason {
            case .tooLarge, .minified, .unreadable: Terminal.note("secrets: \(s.path): \(s.reason)")
            default: break
            }
        }
    }
}
