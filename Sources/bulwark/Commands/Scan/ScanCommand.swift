import ArgumentParser
import BulwarkCompliance
import BulwarkCore
import BulwarkDependencies
import BulwarkFormats
import BulwarkKyverno
import BulwarkReport
import BulwarkRules
import BulwarkScan
import BulwarkSecrets
import BulwarkTerraform
import Foundation

extension Severity: ExpressibleByArgument {}
extension ReportFormat: ExpressibleByArgument {}

struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Check a repository: Kubernetes manifests, Dockerfiles, GitHub Actions workflows, your Kyverno policies.",
        discussion: """
        Exit status: 0 when nothing at or above --fail-on remains after suppressions, waivers and the baseline; \
        1 when something does; 2 on usage or configuration errors. Files that cannot be parsed are findings (BULWARK-000).
        """)

    @Argument(help: "Files or directories to scan.")
    var paths: [String] = ["."]

    @Option(help: "Output format on stdout: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: ReportFormat?

    @Option(name: .customLong("output"), help: "Also write FORMAT=FILE (repeatable), e.g. --output sarif=results.sarif.")
    var outputs: [String] = []

    @Option(name: .customLong("fail-on"), help: "Lowest severity that fails the scan (default: high).")
    var failOn: Severity?

    @Option(help: "Configuration file (default: .bulwark.yaml in the first path).")
    var config: String?

    @Option(name: .customLong("policies"), help: "Folder of your own Kyverno policies to run as well (repeatable).")
    var policies: [String] = []

    @Option(help: "Suppress findings whose fingerprints are in this baseline file.")
    var baseline: String?

    @Option(name: .customLong("write-baseline"), help: "Write the current findings' fingerprints to FILE and exit 0.")
    var writeBaseline: String?

    @Option(help: "Waivers file (default: .bulwark/waivers.yaml in the first path).")
    var waivers: String?

    @Option(name: .customLong("var"), help: "Terraform variable NAME=VALUE for root modules (repeatable; strongest, as with terraform -var).")
    var tfVars: [String] = []

    @Option(name: .customLong("var-file"), help: "Terraform variables file for root modules (repeatable; after terraform.tfvars and *.auto.tfvars).")
    var tfVarFiles: [String] = []

    @Flag(name: .customLong("no-secrets"), help: "Skip the secret scan.")
    var noSecrets = false

    @Flag(name: .customLong("secrets-only"), help: "Run only the secret scan (every file, no parsing).")
    var secretsOnly = false

    @Option(name: .customLong("framework"), help: "Also print the control status and posture for a compliance framework (see `bulwark frameworks list`).")
    var framework: String?

    @Option(name: .customLong("frameworks"), help: "A directory of your own framework files (see `bulwark frameworks list --frameworks`); a file with a bundled id replaces it.")
    var frameworksDir: String?

    @Option(name: .customLong("level"), help: "Compliance level for paths .bulwark.yaml does not pin: standard, pci, sox, hipaa or a level file (see `bulwark levels list`). Also reports the level's frameworks.")
    var level: String?

    @Option(name: .customLong("oscal"), help: "With --framework: also write OSCAL 1.1 assessment results to FILE.")
    var oscal: String?

    @Option(name: .customLong("evidence-out"), help: .hidden)
    var evidenceOut: String?

    @Option(name: .customLong("evidence-key"), help: .hidden)
    var evidenceKey: String?

    @Option(name: .customLong("evidence-previous"), help: .hidden)
    var evidencePrevious: String?

    @Option(name: .customLong("osv-db"), help: "Directory of OSV advisory records (JSON, any depth; unzip OSV's all.zip exports into it). Lockfiles are matched against it; indexed once and cached.")
    var osvDB: String?

    @Flag(name: .customLong("git-history"), help: "Scan every blob reachable from any ref for secrets (once each), attributing each to the commit that introduced it.")
    var gitHistory = false

    @Option(name: .customLong("since"), help: "Scan only lines added by the commits in REF..HEAD for secrets.")
    var since: String?

    @Flag(name: .customLong("staged"), help: "Scan only the staged changes for secrets (for a pre-commit hook).")
    var staged = false

    @Option(name: .customLong("secrets-config"), help: "Secret rules in gitleaks' TOML format (with [extend] useDefault = true to add to Bulwark's).")
    var secretsConfig: String?

    @Option(name: .customLong("secrets-max-file-size"), help: "Skip (and report) files larger than this for the secret scan, e.g. 10MB; 0 reads any size in bounded chunks.")
    var secretsMaxFileSize: String?

    @Flag(name: .customLong("no-inline-suppressions"), help: "Ignore bulwark:ignore, checkov:skip and bulwark.dev/ignore.")
    var noInlineSuppressions = false

    @Flag(name: .customLong("no-color"), help: "Plain text output.")
    var noColor = false

    @Flag(name: .customLong("exit-zero"), help: "Report only: exit 0 even when findings reach --fail-on (errors still exit 2).")
    var exitZero = false

    func run() throws {
        let root = paths.first ?? "."
        var options = RepositoryScanner.Options()
        let configPath = config ?? (isDirectory(root) ? root + "/.bulwark.yaml" : nil)
        if let configPath, FileManager.default.fileExists(atPath: configPath) {
            options.config = try ScanConfig.parse(try DocumentLoader.readText(configPath), file: configPath)
        } else if let config {
            throw BulwarkError(.usage, "\(config): no such file")
        }
        options.inlineSuppressions = !noInlineSuppressions
        for spec in tfVars {
            let parts = spec.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, !parts[0].isEmpty else { throw ValidationError("--var expects NAME=VALUE, got '\(spec)'") }
            options.terraformVariables[String(parts[0])] = TerraformModule.commandLineValue(String(parts[1]))
        }
        for file in tfVarFiles {
            guard FileManager.default.fileExists(atPath: file) else { throw BulwarkError(.usage, "\(file): no such file") }
            options.terraformVarFiles.append(try HCLParser.parse(try DocumentLoader.readText(file), file: file))
        }
        if let baseline { options.baseline = try Baseline.parse(try DocumentLoader.readText(baseline), file: baseline) }
        let waiverPath = waivers ?? (isDirectory(root) ? root + "/.bulwark/waivers.yaml" : nil)
        if let waiverPath, FileManager.default.fileExists(atPath: waiverPath) {
            for doc in try DocumentLoader.load(path: waiverPath) { options.waivers += try Waiver.parse(doc) }
        } else if let waivers {
            throw BulwarkError(.usage, "\(waivers): no such file")
        }
        let outputSpecs = try outputs.map { spec -> (ReportFormat, String) in
            let parts = spec.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, let f = ReportFormat(rawValue: String(parts[0])) else {
                throw ValidationError("--output expects FORMAT=FILE with FORMAT one of \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")), got '\(spec)'")
            }
            return (f, String(parts[1]))
        }
        for p in paths where !FileManager.default.fileExists(atPath: p) { throw BulwarkError(.usage, "\(p): no such file or directory") }

        // Users' own Kyverno policies, from flags and the config.
        var userPolicies: [Policy] = []
        let policyPaths = policies + options.config.policyPaths.map { isDirectory(root) && !$0.hasPrefix("/") ? root + "/" + $0 : $0 }
        if !policyPaths.isEmpty {
            let loaded = try PolicySources.load(policyPaths)
            for e in loaded.parseErrors { Terminal.error(e.description) }
            for i in loaded.issues where i.severity == .error { Terminal.error(i.description) }
            if loaded.hasErrors { throw ExitCode(2) }
            userPolicies = loaded.policies
        }

        // A level file named on the command line is relative to the working directory;
        // in .bulwark.yaml, to the scanned root.
        let levelArgument = level.map { ComplianceLevel.looksLikePath($0) && !$0.hasPrefix("/") ? FileManager.default.currentDirectoryPath + "/" + $0 : $0 }
        let plan = try LevelPlan.make(config: options.config, override: levelArgument, root: isDirectory(root) ? root : (root as NSString).deletingLastPathComponent)
        options.levels = plan
        let frameworkIDs = framework.map { [$0] } ?? (level != nil ? plan.base.frameworks : [])
        if oscal != nil && frameworkIDs.isEmpty { throw ValidationError("--oscal needs --framework") }
        if secretsOnly && noSecrets { throw ValidationError("--secrets-only and --no-secrets contradict each other") }
        let historyModes = [gitHistory, since != nil, staged].filter { $0 }.count
        if historyModes > 1 { throw ValidationError("choose one of --git-history, --since and --staged") }
        if historyModes == 1 && noSecrets { throw ValidationError("--git-history, --since and --staged scan for secrets; drop --no-secrets") }
        options.secretsOnly = secretsOnly
        if secretsOnly || (!noSecrets && options.config.secretsEnabled) {
            options.secrets = try SecretsSetup.pass(root: root, configFlag: secretsConfig, maxFileSizeFlag: secretsMaxFileSize, config: options.config)
        }

        if let dir = osvDB ?? options.config.osvDatabase.map({ $0.hasPrefix("/") ? $0 : root + "/" + $0 }) {
            let db = try OSVDatabase.load(directory: dir)
            for (file, problem) in db.problems { Terminal.error("osv: \(dir)/\(file): \(problem)") }
            options.dependencies = DependencyPass(database: db)
            Terminal.note("dependencies: \(db.records.count) OSV records\(db.fromCache ? " (cached index)" : "")\(db.problems.isEmpty ? "" : ", \(db.problems.count) unreadable")")
        }

        let interactive = isatty(STDERR_FILENO) != 0
        if interactive {
            options.progress = { done, total in
                if total > 200, done % 100 == 0 || done == total {
                    FileHandle.standardError.write(Data("\r  parsed \(done)/\(total) files\(done == total ? "\n" : "")".utf8))
                }
            }
        }
        var history: GitHistoryScanner.Result?
        var historySecrets: SecretsPass?
        if historyModes == 1, let secrets = options.secrets {
            // History replaces the working tree's secret pass; the other rules still run on the tree unless --secrets-only.
            let git = GitHistoryScanner(scanner: secrets.scanner)
            history = try staged ? git.scanStaged(repo: root) : since.map { try git.scanRange(repo: root, since: $0) } ?? git.scanAll(repo: root)
            historySecrets = secrets
            options.secrets = nil
        }
        let scanner = RepositoryScanner(options: options)
        var result = historyModes == 1 && secretsOnly
            ? ScanResult()
            : scanner.scan(paths, userPolicies: userPolicies)
        if let history, let secrets = historySecrets {
            result.findings += history.findings.map { scanner.applyWaiversAndBaseline(secrets.finding($0)) }
            result.findings.sort(by: Finding.ordered)
            result.secretSkips += history.skipped
            result.filesScanned += history.blobs
            options.secrets = secrets
            Terminal.note("secrets: \(history.commits) commits, \(history.blobs) \(staged || since != nil ? "changed files" : "distinct blobs"), \(history.findings.count) secrets")
        }
        if let writeBaseline {
            try Baseline.render(result.findings).write(toFile: writeBaseline, atomically: true, encoding: .utf8)
            Terminal.note("wrote \(Set(result.active.map(\.fingerprint)).count) fingerprints to \(writeBaseline)")
            return
        }
        var rules: [String: RuleMetadata] = [:]
        for m in RuleDocs.all { rules[m.id] = m }
        if let secrets = options.secrets {
            for (id, m) in secrets.metadata { rules[id] = m }
            SecretsSetup.reportSkips(result.secretSkips)
        }
        let threshold = failOn ?? options.config.failOn ?? plan.base.failOn
        var input = ReportInput(findings: result.findings, unparsed: result.unparsedFiles.map { .init(location: $0.location, message: $0.message) },
                                filesScanned: result.filesScanned, sources: result.sources, rules: rules, failOn: threshold,
                                toolVersion: Bulwark.version)
        input.applicableRules = result.applicableRules.map { $0.sorted() }
        input.checked = result.checked
        // Pinned levels first, the default (which covers everything else) last.
        let summaries = plan.scopes.map { LevelSummary(id: $0.level.id, failOn: $0.level.failOn, patterns: $0.patterns, isDefault: $0.level.id == plan.base.id) }
        input.levels = summaries.filter { !$0.isDefault } + summaries.filter(\.isDefault)
        let stdoutFormat = format ?? options.config.format.flatMap(ReportFormat.init(rawValue:)) ?? .text
        let color = !noColor && Terminal.stdoutIsTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        print(stdoutFormat.renderer(color: color).render(input), terminator: "")
        let frameworksDir = self.frameworksDir ?? options.config.frameworks.map { $0.hasPrefix("/") ? $0 : root + "/" + $0 }
        let allFrameworks = frameworkIDs.isEmpty ? [] : try FrameworksCommand.load(frameworksDir)
        for framework in frameworkIDs {
            guard let f = allFrameworks.first(where: { $0.id == framework }) else {
                throw BulwarkError(.usage, "no framework '\(framework)' (known: \(allFrameworks.map(\.id).joined(separator: ", ")))")
            }
            let posture = Posture(framework: f, rules: Array(rules.values), findings: result.findings, applicable: result.applicableRules)
            if let oscal, framework == frameworkIDs[0] {
                let now = ISO8601DateFormatter().string(from: Date())
                let doc = OSCAL.assessmentResults(posture: posture, findings: result.findings, rules: Array(rules.values), scope: paths.joined(separator: " "),
                                                  toolVersion: Bulwark.version, start: now, end: now)
                try (doc.jsonString(pretty: true) + "\n").write(toFile: oscal, atomically: true, encoding: .utf8)
            }
            // Text goes with the report; machine formats keep stdout clean and get the table on stderr.
            let text = posture.text() + (try Self.levelNote(framework: f, plan: plan) ?? "")
            switch stdoutFormat {
            case .text: print("\n" + text, terminator: "")
            case .markdown: print("\n" + posture.markdown() + (try Self.levelNote(framework: f, plan: plan).map { "\n" + $0 } ?? ""), terminator: "")
            default: FileHandle.standardError.write(Data(text.utf8))
            }
        }
        for (f, file) in outputSpecs {
            try f.renderer().render(input).write(toFile: file, atomically: true, encoding: .utf8)
        }
        if let evidenceOut, let evidenceKey {
            try EvidenceWriter.write(input: input, waivers: options.waivers, scope: paths.joined(separator: " "), framework: frameworkIDs.first,
                                     frameworks: allFrameworks.isEmpty ? try FrameworksCommand.load(frameworksDir) : allFrameworks, plan: plan, out: evidenceOut, key: evidenceKey, previous: evidencePrevious)
            return
        }
        if !input.failing.isEmpty && !exitZero { throw ExitCode(1) }
    }

    /// A framework judged at a level not meant for it passes controls at the wrong
    /// thresholds (30-day logs "pass" PCI DSS 10.5.1 at standard); say so under the table.
    static func levelNote(framework: Framework, plan: LevelPlan) throws -> String? {
        if plan.levels.contains(where: { $0.frameworks.contains(framework.id) }) { return nil }
        let meant = try ComplianceLevel.bundled().filter { $0.frameworks.contains(framework.id) }.map(\.id)
        guard !meant.isEmpty else { return nil }
        let used = plan.levels.map(\.id)
        return "Note: checked at level\(used.count > 1 ? "s" : "") \(used.joined(separator: " and ")); \(framework.name) is checked at its own thresholds with --level \(meant.joined(separator: " or ")) (or `levels:` in .bulwark.yaml).\n"
    }

    private func isDirectory(_ p: String) -> Bool {
        var d: ObjCBool = false
        return FileManager.default.fileExists(atPath: p, isDirectory: &d) && d.boolValue
    }
}
