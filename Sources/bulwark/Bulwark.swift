import ArgumentParser
import BulwarkCore
import Foundation

/// The `bulwark` command line: one small type per command, each a thin shell around a
/// library module.
struct Bulwark: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "bulwark",
        abstract: "Security checks for platform teams: Kyverno-compatible policies, fast.",
        version: version,
        subcommands: [ScanCommand.self, ReportCommand.self, PolicyCommand.self, RulesCommand.self, SecretsCommand.self, FrameworksCommand.self, LevelsCommand.self, EvidenceCommand.self, JPCommand.self, TerraformCommand.self])
}

/// Exit codes: 0 clean, 1 findings / failed checks, 2 usage or configuration errors.
@main
enum Main {
    static func main() {
        do {
            var command = try Bulwark.parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            exit(code.rawValue)
        } catch let error as BulwarkError {
            Terminal.error(error.description)
            exit(2)
        } catch {
            let code = Bulwark.exitCode(for: error)
            if code == .success {
                Bulwark.exit(withError: error)
            }
            Terminal.error(Bulwark.fullMessage(for: error))
            exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}
