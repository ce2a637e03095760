import BulwarkCompliance
import BulwarkCore
import BulwarkDependencies
import BulwarkFormats
import BulwarkKyverno
import BulwarkRules
import BulwarkSecrets
import BulwarkTerraform
import Dispatch
import Foundation

/// The result of one scan.
public struct ScanResult: Sendable {
    public struct UnparsedFile: Sendable {
        public var location: SourceSpan
        public var message: String
    }

    public var findings: [Finding]
    public var unparsedFiles: [UnparsedFile]
    public var filesScanned: Int
    /// Lines of each file that has findings, for reports that show the offending line.
    public var sources: [String: [Substring]]
    /// Files the secret scan did not read (binary, archive, minified, over the size limit), and why.
    public var secretSkips: [(path: String, reason: SecretSkipReason)] = []
    /// Bytes the secret scan read.
    public var secretBytes = 0
    /// Rules that had something to check in this scan (a manifest, a Dockerfile, a resource of
    /// their type, any file for secrets, a lockfile): a control whose rules had nothing to check
    /// is "not evaluated", not "pass". nil when unknown.
    public var applicableRules: Set<String>? = nil
    /// Every (rule, subject) the rules looked at, at a level that runs them, in scan order
    /// (deterministic): the subjects without a finding are the per-resource passes evidence records.
    public var checked: [CheckedSubject] = []

    public var active: [Finding] { findings.filter { $0.suppression == nil } }

    public init(findings: [Finding] = [], unparsedFiles: [UnparsedFile] = [], filesScanned: Int = 0, sources: [String: [Substring]] = [:],
                secretSkips: [(path: String, reason: SecretSkipReason)] = [], secretBytes: Int = 0) {
        self.findings = findings
        self.unparsedFiles = unparsedFiles
        self.filesScanned = filesScanned
        self.sources = sources
        self.secretSkips = secretSkips
        self.secretBytes = secretBytes
    }

    public func failing(at threshold: Severity) -> [Finding] { active.filter { $0.severity >= threshold } }
}

/// Runs every applicable rule over a repository. Files are parsed once and checked in
/// parallel; the output is sorted, so it is the same whatever the scheduling.
public struct RepositoryScanner: Sendable {
    public struct Options: Sendable {
        public var config = ScanConfig()
        public var extraPolicyPaths: [String] = []
        public var inlineSuppressions = true
        public var baseline: Baseline?
        public var waivers: [Waiver] = []
        public var today: String = RepositoryScanner.isoDate(Date())
        /// Files larger than this are reported and skipped (a 50 MB "manifest" is not one).
        public var maxFileBytes = 8 * 1024 * 1024
        /// `--var` and `--var-file` for Terraform root modules.
        public var terraformVariables: [String: Value] = [:]
        public var terraformVarFiles: [HCLBody] = []
        public var progress: (@Sendable (Int, Int) -> Void)? = nil
        /// The secret scan over every file; nil turns it off.
        public var secrets: SecretsPass? = nil
        /// Run only the secret scan (no parsing, no other rules).
        public var secretsOnly = false
        /// Lockfiles against an offline OSV database; nil turns it off.
        public var dependencies: DependencyPass? = nil
        /// Compliance levels per path; nil runs every rule that is not opt-in at the standard settings.
        public var levels: LevelPlan? = nil
        public init() {}
    }

    public let options: Options

    public init(options: Options) { self.options = options }

    public static func isoDate(_ d: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: d)
    }

    // MARK: Parsing

    enum Parsed {
        case kubernetes([Document])
        case dockerfile(Dockerfile)
        case workflow(Document)
        case hcl(HCLBody)
        case terraformPlan(Document)
        case none
    }

    struct FileUnit {
        var file: DiscoveredFile
        var lines: [Substring] = []
        var parsed: Parsed = .none
        var error: ScanResult.UnparsedFile?
        var templated = false
        /// The file mentions a suppression directive somewhere (checked once, not per line).
        var hasSuppressionMarkers = false
        var findings: [Finding] = []
        var secretFindings: [Finding] = []
        var dependencyFindings: [Finding] = []
        var checked: [CheckedSubject] = []
        var secretSkip: SecretSkipReason?
        var secretBytes = 0
    }

    /// Scans `roots` (files or directories).
    public func scan(_ roots: [String], userPolicies: [Policy] = []) -> ScanResult {
        var files: [DiscoveredFile] = []
        for root in roots { files += Discovery.walk(root: root, config: options.config, everything: options.secrets != nil || options.dependencies != nil) }
        files = files.filter { $0.kind != .config }
        let units = parseAll(files)
        return check(units, userPolicies: userPolicies)
    }

    func parseAll(_ files: [DiscoveredFile]) -> [FileUnit] {
        let box = Box<FileUnit>(count: files.count)
        let progress = options.progress
        let counter = Counter()
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            box.set(i, parse(files[i]))
            if let progress { progress(counter.increment(), files.count) }
        }
        return box.items.compactMap { $0 }
    }

    func parse(_ file: DiscoveredFile) -> FileUnit {
        var unit = FileUnit(file: file)
        let at = SourceSpan(file: file.relativePath, line: 1, column: 1)
        // Lockfiles: matched against the OSV database, never parsed as manifests.
        var lockfile: LockfileKind?
        if options.dependencies != nil, !options.secretsOnly {
            lockfile = LockfileKind.detect(fileName: (file.relativePath as NSString).lastPathComponent)
        }
        // A file the scan reads as text (a lockfile, a kind it parses) is read once and the
        // secret scan looks at the same bytes; other files stream through the secret scanner.
        let readsText = !options.secretsOnly && (lockfile != nil || file.kind != .other)
        var contents: Data?
        var tooLarge: Int?
        if readsText {
            let size = (try? FileManager.default.attributesOfItem(atPath: file.path))?[.size] as? Int
            if lockfile == nil, let size, size > options.maxFileBytes { tooLarge = size } else { contents = FileManager.default.contents(atPath: file.path) }
        }
        if let kind = lockfile, let deps = options.dependencies {
            let level = options.levels?.level(for: file.relativePath)
            unit.checked = [DependencyPass.vulnerable.id, DependencyPass.undecided.id].filter { runs($0, at: level) }.map {
                CheckedSubject(rule: $0, file: file.relativePath, line: 1, level: level?.id)
            }
            do {
                unit.dependencyFindings = deps.findings(text: try DocumentLoader.text(contents, path: file.path), kind: kind, file: file.relativePath)
            } catch let e as BulwarkError {
                unit.error = .init(location: e.location ?? at, message: e.message)
            } catch {
                unit.error = .init(location: at, message: "\(error)")
            }
        }
        if let secrets = options.secrets {
            let r = secrets.scan(file, contents: contents, disabled: options.config.disabledRules)
            unit.secretFindings = r.findings
            unit.secretSkip = r.skipped
            unit.secretBytes = r.bytes
            if file.kind == .other || options.secretsOnly {
                // Lines only for files with findings and suppression markers (and of a size that
                // fits in memory): reports quote the redacted snippet, so only inline
                // suppressions need the lines.
                if !r.findings.isEmpty, r.mentionsIgnore, r.bytes <= options.maxFileBytes, let data = contents ?? FileManager.default.contents(atPath: file.path) {
                    unit.hasSuppressionMarkers = true
                    unit.lines = Lines.split(String(decoding: data, as: UTF8.self))
                }
                return unit
            }
        }
        if lockfile != nil { return unit }
        if let size = tooLarge {
            unit.error = .init(location: at, message: "file is \(size / 1_048_576) MB, over the \(options.maxFileBytes / 1_048_576) MB limit; not scanned")
            return unit
        }
        let text: String
        do { text = try DocumentLoader.text(contents, path: file.path) } catch let e as BulwarkError {
            unit.error = .init(location: at, message: e.message)
            return unit
        } catch {
            unit.error = .init(location: at, message: "\(error)")
            return unit
        }
        unit.lines = Lines.split(text)
        unit.hasSuppressionMarkers = ByteSearch.contains("bulwark:ignore", in: text) || ByteSearch.contains("checkov:skip", in: text)
        switch file.kind {
        case .dockerfile:
            unit.parsed = .dockerfile(Dockerfile.parse(text, file: file.relativePath))
        case .workflow:
            do {
                if let doc = try YAMLLoader.load(text, file: file.relativePath).first { unit.parsed = .workflow(doc) }
            } catch let e as BulwarkError {
                unit.error = .init(location: e.location ?? at, message: e.message)
            } catch {
                unit.error = .init(location: at, message: "\(error)")
            }
        case .kubernetes:
            do {
                let parsedDocs = try DocumentLoader.parse(text, file: file.relativePath)
                if file.relativePath.hasSuffix(".json"), let plan = parsedDocs.first, TerraformPlan.isPlan(plan.value) {
                    unit.parsed = .terraformPlan(plan)
                    return unit
                }
                let docs = DocumentLoader.resources(in: parsedDocs)
                let manifests = docs.filter { $0.value["apiVersion"]?.stringValue != nil && $0.value["kind"]?.stringValue != nil }
                if !manifests.isEmpty { unit.parsed = .kubernetes(manifests) }
            } catch let e as BulwarkError {
                if file.relativePath.hasSuffix(".json") && !ByteSearch.contains("\"apiVersion\"", in: text) {
                    // Not a manifest (package.json, tsconfig.json with comments…): not ours to judge.
                    return unit
                }
                if ByteSearch.contains("{{", in: text) {
                    // Helm/Go templates are not YAML until rendered.
                    unit.error = .init(location: e.location ?? at, message: "template, not YAML (render it, e.g. `helm template`, and scan the output): \(e.message)")
                    unit.templated = true
                } else {
                    unit.error = .init(location: e.location ?? at, message: e.message)
                }
            } catch {
                unit.error = .init(location: at, message: "\(error)")
            }
        case .terraform, .tfvars:
            do {
                let json = file.relativePath.lowercased().hasSuffix(".json")
                let body = switch (json, file.kind) {
                case (true, .tfvars): try HCLJSON.parseVariables(text, file: file.relativePath)
                case (true, _): try HCLJSON.parse(text, file: file.relativePath)
                default: try HCLParser.parse(text, file: file.relativePath)
                }
                unit.parsed = .hcl(body)
            } catch let e as BulwarkError {
                unit.error = .init(location: e.location ?? at, message: e.message)
            } catch {
                unit.error = .init(location: at, message: "\(error)")
            }
        case .config, .other:
            break
        }
        return unit
    }

    // MARK: Checking

    func check(_ parsed: [FileUnit], userPolicies: [Policy]) -> ScanResult {
        // The Kubernetes pack is loaded only when there are manifests to check (not for --secrets-only).
        let hasManifests = parsed.contains { if case .kubernetes = $0.parsed { return true } else { return false } }
        let enabledPack = hasManifests ? KubernetesPack.shared.entries.filter { !options.config.disabledRules.contains($0.metadata.id) } : []
        var values = OfflineValues()
        if !options.config.allowedRegistries.isEmpty {
            values.global.append(("allowedRegistries", .array(options.config.allowedRegistries.map(Value.string))))
        }
        let engine = Engine(policies: enabledPack.map(\.policy) + userPolicies, values: values)
        let metaByPolicy = Dictionary(uniqueKeysWithValues: enabledPack.map { ($0.policy.name, $0.metadata) })
        let box = Box<FileUnit>(count: parsed.count)
        DispatchQueue.concurrentPerform(iterations: parsed.count) { i in
            var unit = parsed[i]
            let (found, checked) = evaluate(unit, engine: engine, metaByPolicy: metaByPolicy, userPolicies: userPolicies)
            unit.findings = found + unit.secretFindings + unit.dependencyFindings
            unit.checked += checked
            box.set(i, unit)
        }
        var units = box.items.compactMap { $0 }
        // Rules over the whole set of manifests.
        let manifests = units.flatMap { u -> [Document] in if case .kubernetes(let d) = u.parsed { return d } else { return [] } }
        let byFile = Dictionary(uniqueKeysWithValues: units.enumerated().map { ($0.element.file.relativePath, $0.offset) })
        for rule in RuleRegistry.manifestSet {
            let id = rule.metadata.id
            if options.config.disabledRules.contains(id) || !runsSomewhere(id) { continue }
            for (doc, hit) in rule.check(manifests) {
                guard let idx = byFile[doc.file] else { continue }
                units[idx].findings.append(finding(rule.metadata, hit, file: doc.file))
            }
            for doc in manifests where rule.appliesTo.contains(doc.value["kind"]?.stringValue ?? "") {
                let level = options.levels?.level(for: doc.file)
                guard let idx = byFile[doc.file], runs(id, at: level) else { continue }
                units[idx].checked.append(CheckedSubject(rule: id, file: doc.file, line: doc.span(at: []).line,
                                                         resource: Self.resourceKey(doc.value), level: level?.id))
            }
        }
        // Terraform: each directory is a module.
        let (tfFindings, tfChecked) = terraformFindings(units)
        for (file, f) in tfFindings {
            guard let idx = byFile[file] else { continue }
            units[idx].findings.append(f)
        }
        // Overrides and suppressions, per file and in parallel.
        let checked = units
        let finished = Box<FileUnit>(count: checked.count)
        DispatchQueue.concurrentPerform(iterations: checked.count) { i in
            var unit = checked[i]
            if let e = unit.error {
                var f = Finding(ScanRules.parseError, message: e.message, at: e.location, attributePath: "parse")
                if unit.templated { f.severity = .info }
                unit.findings.append(f)
            }
            unit.findings = applySuppressions(unit.findings.filter { runs($0.ruleId, at: level(of: $0)) }.map(applyOverrides), unit: unit)
            finished.set(i, unit)
        }
        var all: [Finding] = []
        var unparsed: [ScanResult.UnparsedFile] = []
        var sources: [String: [Substring]] = [:]
        var skips: [(path: String, reason: SecretSkipReason)] = []
        var secretBytes = 0
        for case let unit? in finished.items {
            if let e = unit.error { unparsed.append(e) }
            if let s = unit.secretSkip { skips.append((unit.file.relativePath, s)) }
            secretBytes += unit.secretBytes
            if !unit.findings.isEmpty { sources[unit.file.relativePath] = unit.lines }
            all += unit.findings
        }
        all.sort(by: Finding.ordered)
        // A rule is applicable when it had a subject at a level that runs it; secret rules
        // when any file was read where a level runs them; the scan's own rules always.
        // Terraform roots, then files in path order: deterministic without sorting.
        var subjects = tfChecked
        for u in finished.items.compactMap({ $0 }) { subjects += u.checked }
        var applicable = Set(subjects.map(\.rule))
        if let secrets = options.secrets {
            let levels = Set(finished.items.compactMap { $0.map { options.levels?.level(for: $0.file.relativePath).id ?? "" } })
            for id in secrets.metadata.keys where levels.contains(where: { runs(id, at: options.levels?.level(id: $0)) }) { applicable.insert(id) }
        }
        for m in ScanRules.all { applicable.insert(m.id) }
        var result = ScanResult(findings: all, unparsedFiles: unparsed.sorted { $0.location.file < $1.location.file },
                                filesScanned: parsed.count, sources: sources, secretSkips: skips, secretBytes: secretBytes)
        result.applicableRules = applicable
        result.checked = subjects
        return result
    }

    /// Evaluates every directory of `.tf` files as a module and runs the Terraform rules.
    /// A value the rule needs but cannot know becomes an info finding saying so.
    func terraformFindings(_ units: [FileUnit]) -> (findings: [(String, Finding)], checked: [CheckedSubject]) {
        var byDir: [String: (tf: [TerraformModule.File], vars: [(String, HCLBody)])] = [:]
        for u in units {
            guard case .hcl(let body) = u.parsed else { continue }
            let dir = (u.file.relativePath as NSString).deletingLastPathComponent
            if u.file.kind == .terraform { byDir[dir, default: ([], [])].tf.append(.init(path: u.file.relativePath, body: body)) }
            else { byDir[dir, default: ([], [])].vars.append((u.file.relativePath, body)) }
        }
        let filesByDir = byDir.mapValues(\.tf)
        // Where the scanned repository is on disk, for modules `terraform init` installed
        // under .terraform/ (which discovery skips).
        let base = units.first { $0.file.kind == .terraform }.map { u in String(u.file.path.dropLast(u.file.relativePath.count)) } ?? ""
        let load: @Sendable (String) -> [TerraformModule.File]? = { dir in
            filesByDir[dir] ?? Self.readModuleDirectory(base: base, dir: dir)
        }
        // Root modules are independent: evaluate them in parallel, keep them in path order.
        let dirs = byDir.keys.sorted().filter { !byDir[$0]!.tf.isEmpty }
        let entries = byDir, options = self.options
        let evaluated = Box<TerraformModule>(count: dirs.count)
        DispatchQueue.concurrentPerform(iterations: dirs.count) { i in
            let dir = dirs[i], entry = entries[dir]!
            // terraform.tfvars, terraform.tfvars.json, then *.auto.tfvars(.json) by name.
            func rank(_ path: String) -> (Int, String) {
                let name = (path as NSString).lastPathComponent.lowercased()
                return (name == "terraform.tfvars" ? 0 : name == "terraform.tfvars.json" ? 1 : 2, name)
            }
            let vars = entry.vars.sorted { rank($0.0) < rank($1.0) }.map(\.1) + options.terraformVarFiles
            evaluated.set(i, TerraformModule.evaluate(files: entry.tf, tfvars: vars, overrides: options.terraformVariables,
                                                      directory: dir, loadModule: load, installed: Self.installedModules(base: base, dir: dir)))
        }
        var modules: [(String, TerraformModule)] = zip(dirs, evaluated.items.map { $0! }).map { ($0, $1) }
        // Plans (`terraform show -json`) are modules Terraform has already evaluated.
        for u in units {
            if case .terraformPlan(let doc) = u.parsed { modules.append((u.file.relativePath, TerraformPlan.module(from: doc))) }
        }
        // A directory another module calls is evaluated through that call, with its
        // inputs; on its own it would only report unknown variables.
        let called = modules.reduce(into: Set<String>()) { $0.formUnion($1.1.moduleDirectories) }
        let scanned = Set(units.map(\.file.relativePath))
        let roots = modules.filter { !called.contains($0.0) }
        let disabled = options.config.disabledRules
        let plan = options.levels
        // Each root's findings are independent: check roots in parallel, merge in order.
        let perRoot = Box<([(String, Finding)], [CheckedSubject])>(count: roots.count)
        DispatchQueue.concurrentPerform(iterations: roots.count) { rootIndex in
            let (dir, module) = roots[rootIndex]
            var out: [(String, Finding)] = []
            var checked: [CheckedSubject] = []
            // Findings in installed modules (.terraform/, not scanned files) are filed with
            // the root module that calls them; their location still names the module file.
            let anchor = entries[dir]?.tf.first?.path ?? dir
            func owner(_ file: String) -> String { scanned.contains(file) ? file : anchor }
            // The root module decides the level of everything it deploys, its modules' resources included.
            let level = plan?.level(for: anchor)
            let settings = level?.settings ?? .standard
            for d in module.diagnostics {
                out.append((d.file, Finding(ScanRules.terraformEvaluation, message: d.message,
                                            at: SourceSpan(file: d.file, line: d.position.line, column: d.position.column), attributePath: "evaluate")))
            }
            for r in module.remoteModules {
                out.append((r.file, Finding(ScanRules.moduleNotScanned, message: "module \"\(r.name)\" comes from \(r.source.isEmpty ? "an unknown source" : r.source) and is not scanned.",
                                            at: SourceSpan(file: r.file, line: r.position.line, column: r.position.column),
                                            resource: ResourceRef(kind: "module", name: r.name), attributePath: "source")))
            }
            // Each rule visits only the resources of its types.
            for rule in RuleRegistry.terraform where !disabled.contains(rule.metadata.id) {
                guard runs(rule.metadata.id, at: level) else { continue }
                let indices = rule.resourceTypes.flatMap({ module.indexByType[$0] ?? [] }).sorted()
                for index in indices {
                    let inst = module.instances[index]
                    let prefix = (inst.mode == "data" ? "data." : "") + inst.type + "."
                    let local = inst.address.dropFirst(inst.modulePath.count)
                    let resource = ResourceRef(kind: inst.type, name: inst.modulePath + (local.hasPrefix(prefix) ? String(local.dropFirst(prefix.count)) : String(local)))
                    checked.append(CheckedSubject(rule: rule.metadata.id, file: inst.file, line: inst.position(of: "").line, resource: resource.description, level: level?.id))
                    for verdict in rule.evaluate(inst, in: module, settings: settings) {
                        switch verdict {
                        case .violation(let path, let message):
                            let p = inst.position(of: path)
                            var f = Finding(rule.metadata, message: message, at: SourceSpan(file: inst.file, line: p.line, column: p.column),
                                            resource: resource, attributePath: path)
                            f.level = level?.id
                            out.append((owner(inst.file), f))
                        case .notEvaluated(let path, let reason):
                            let p = inst.position(of: path)
                            var f = Finding(rule.metadata, message: "not evaluated: \(path) — \(reason)", at: SourceSpan(file: inst.file, line: p.line, column: p.column),
                                            resource: resource, attributePath: path)
                            f.severity = .info
                            f.level = level?.id
                            out.append((owner(inst.file), f))
                        }
                    }
                }
            }
            perRoot.set(rootIndex, (out, checked))
        }
        let done = perRoot.items.compactMap { $0 }
        return (done.flatMap(\.0), done.flatMap(\.1))
    }

    /// `.terraform/modules/modules.json` of a root module: call key → repo-relative dir.
    static func installedModules(base: String, dir: String) -> [String: String] {
        let prefix = dir.isEmpty ? "" : dir + "/"
        guard let text = try? String(contentsOfFile: base + prefix + ".terraform/modules/modules.json", encoding: .utf8),
              let json = try? JSONParser.parseValue(text) else { return [:] }
        var out: [String: String] = [:]
        for m in json["Modules"]?.arrayValue ?? [] {
            guard let key = m["Key"]?.stringValue, !key.isEmpty, let d = m["Dir"]?.stringValue, !d.hasPrefix("/") else { continue }
            out[key] = TerraformModule.join(dir, "./" + d)
        }
        return out
    }

    /// The `.tf` files of a directory discovery did not walk (an installed module).
    static func readModuleDirectory(base: String, dir: String) -> [TerraformModule.File]? {
        guard dir.contains(".terraform/"), let names = try? FileManager.default.contentsOfDirectory(atPath: base + dir) else { return nil }
        return names.filter { $0.hasSuffix(".tf") }.sorted().compactMap { name in
            let rel = dir + "/" + name
            guard let text = try? String(contentsOfFile: base + rel, encoding: .utf8), let body = try? HCLParser.parse(text, file: rel) else { return nil }
            return TerraformModule.File(path: rel, body: body)
        }
    }

    func finding(_ meta: RuleMetadata, _ hit: RuleHit, file: String) -> Finding {
        Finding(meta, message: hit.message, at: SourceSpan(file: file, line: hit.line, column: hit.column), resource: hit.resource,
                attributePath: hit.attributePath)
    }

    /// The unit's findings and the (rule, subject) pairs its rules looked at.
    func evaluate(_ unit: FileUnit, engine: Engine, metaByPolicy: [String: RuleMetadata], userPolicies: [Policy]) -> ([Finding], [CheckedSubject]) {
        let disabled = options.config.disabledRules
        let file = unit.file.relativePath
        let level = options.levels?.level(for: file)
        func subject(_ rule: String, line: Int = 1, resource: String? = nil) -> CheckedSubject? {
            guard runs(rule, at: level) else { return nil }
            return CheckedSubject(rule: rule, file: file, line: line, resource: resource, level: level?.id)
        }
        switch unit.parsed {
        case .dockerfile(let d):
            let rules = RuleRegistry.dockerfile.filter { !disabled.contains($0.metadata.id) }
            return (rules.flatMap { rule in rule.check(d).map { finding(rule.metadata, $0, file: file) } },
                    rules.compactMap { subject($0.metadata.id) })
        case .workflow(let doc):
            guard WorkflowModelCheck.isWorkflow(doc.value) else { return ([], []) }
            let rules = RuleRegistry.workflow.filter { !disabled.contains($0.metadata.id) }
            return (rules.flatMap { rule in rule.check(doc).map { finding(rule.metadata, $0, file: file) } },
                    rules.compactMap { subject($0.metadata.id) })
        case .kubernetes(let docs):
            var out: [Finding] = []
            var checked: [CheckedSubject] = []
            for doc in docs {
                let resource = ResourceRef(kind: doc.value["kind"]?.stringValue ?? "", name: doc.value["metadata"]?["name"]?.stringValue ?? "",
                                           namespace: doc.value["metadata"]?["namespace"]?.stringValue)
                let line = doc.span(at: []).line, name = resource.description
                var seen = Set<String>()
                for r in engine.evaluate(doc.value) where r.status != .skip {
                    // Pack policies are one rule each; users' policies are a rule per `policy/rule` (as userMetadata names them).
                    let id = metaByPolicy[r.policy]?.id ?? "\(r.policy)/\(r.autogenOf ?? r.rule)"
                    if seen.insert(id).inserted, let s = subject(id, line: line, resource: name) { checked.append(s) }
                    guard r.status == .fail || r.status == .error else { continue }
                    let meta = metaByPolicy[r.policy] ?? userMetadata(r, userPolicies)
                    // The nearest existing node on the violation's path: the offending field,
                    // or the object where a required field is missing.
                    let at = doc.span(at: r.path.map(Self.components) ?? [])
                    let message = r.status == .error ? "not evaluated: \(r.message)" : Self.cleanMessage(r.message, rule: r.rule)
                    var f = Finding(meta, message: message, at: at,
                                    resource: resource, attributePath: r.path ?? (r.autogenOf ?? r.rule))
                    if r.status == .error { f.severity = .info }
                    out.append(f)
                }
            }
            return (out, checked)
        case .none, .hcl, .terraformPlan:
            return ([], [])
        }
    }

    func userMetadata(_ r: RuleResult, _ policies: [Policy]) -> RuleMetadata {
        let p = policies.first { $0.qualifiedName == r.policy }
        return RuleMetadata(id: "\(r.policy)/\(r.autogenOf ?? r.rule)", title: p?.title ?? (r.autogenOf ?? r.rule),
                            severity: Severity(lenient: r.severity ?? "") ?? .medium, pack: "policy:\(r.policy)",
                            rationale: p?.annotations["policies.kyverno.io/description"] ?? "", remediation: "")
    }

    /// Kyverno's messages carry engine boilerplate ("validation failure: validation error:
    /// … rule X failed at path /p/"); the finding already says rule and place.
    static func cleanMessage(_ m: String, rule: String) -> String {
        var s = m
        for _ in 0..<2 {
            for prefix in ["validation failure: ", "validation error: "] where s.hasPrefix(prefix) { s.removeFirst(prefix.count) }
        }
        if let at = ByteSearch.firstIndex(of: " rule \(rule)", in: s) {
            s = String(decoding: s.utf8.prefix(at), as: UTF8.self)
        }
        while s.last == " " { s.removeLast() }
        return s
    }

    static func components(_ path: String) -> [PathComponent] {
        path.split(separator: "/").map { Int($0).map(PathComponent.index) ?? .key(String($0)) }
    }

    /// The level's severity for the rule (not for "not evaluated" notes, which stay info),
    /// then the configuration's, which has the last word.
    func applyOverrides(_ f: Finding) -> Finding {
        var f = f
        if let level = level(of: f) {
            f.level = level.id
            if f.severity != .info, let s = level.severity[f.ruleId] { f.severity = s }
        }
        if let s = options.config.severityOverrides[f.ruleId] { f.severity = s }
        return f
    }

    // MARK: Levels

    /// The level a finding falls under: the one set where it was raised (Terraform, by its
    /// root module), else the one pinned to its file.
    func level(of f: Finding) -> ComplianceLevel? {
        guard let plan = options.levels else { return nil }
        return f.level.flatMap(plan.level(id:)) ?? plan.level(for: f.location.file)
    }

    /// Whether `rule` runs at `level` (opt-in rules only where enabled); without levels,
    /// every rule but the opt-in ones.
    func runs(_ rule: String, at level: ComplianceLevel?) -> Bool {
        guard let level, let plan = options.levels else { return !LevelPlan.optInRules.contains(rule) }
        return plan.runs(rule, at: level)
    }

    func runsSomewhere(_ rule: String) -> Bool {
        options.levels?.runsAnywhere(rule) ?? !LevelPlan.optInRules.contains(rule)
    }

    // MARK: Suppressions

    func applySuppressions(_ findings: [Finding], unit: FileUnit) -> [Finding] {
        var out: [Finding] = []
        var inline: [Int: [InlineSuppression]] = [:]
        if options.inlineSuppressions && unit.hasSuppressionMarkers {
            for (i, line) in unit.lines.enumerated() where ByteSearch.contains("bulwark:ignore", in: String(line)) || ByteSearch.contains("checkov:skip", in: String(line)) {
                let commentStart = line.firstIndex(of: "#").map { line[$0...] } ?? line
                let parsed = SuppressionParser.parse(line: String(commentStart), number: i + 1)
                if !parsed.isEmpty { inline[i + 1] = parsed }
            }
        }
        var annotationsByResource: [String: [InlineSuppression]] = [:]
        if options.inlineSuppressions, case .kubernetes(let docs) = unit.parsed {
            for doc in docs {
                guard let text = doc.value["metadata"]?["annotations"]?["bulwark.dev/ignore"]?.stringValue else { continue }
                let span = doc.span(at: [.key("metadata"), .key("annotations"), .key("bulwark.dev/ignore")])
                annotationsByResource[Self.resourceKey(doc.value)] = SuppressionParser.parse(annotation: text, line: span.line)
            }
        }
        var startLines: [String: Int] = [:]
        if case .kubernetes(let docs) = unit.parsed {
            for doc in docs { startLines[Self.resourceKey(doc.value)] = doc.span(at: []).line }
        }
        var reported = Set<Int>()
        for var f in findings {
            var candidates: [InlineSuppression] = []
            var lines = [f.location.line, f.location.line - 1]
            if let r = f.resource, let start = startLines[r.description] { lines += [start, start - 1] }
            for l in lines { candidates += inline[l] ?? [] }
            if let r = f.resource { candidates += annotationsByResource[r.description] ?? [] }
            if let s = candidates.first(where: { $0.covers(f) }) {
                if let expires = s.expires, expires < options.today {
                    f.message += " (suppression on line \(s.line) expired \(expires))"
                    if reported.insert(s.line).inserted {
                        out.append(Finding(ScanRules.expiredSuppression, message: "The \(s.source) on line \(s.line) expired on \(expires) and no longer suppresses.",
                                           at: SourceSpan(file: f.location.file, line: s.line, column: 1), attributePath: "suppression.\(s.line)"))
                    }
                } else {
                    f.suppression = Suppression(kind: s.source == "annotation" ? .annotation : .inline, reason: s.reason ?? "", expires: s.expires)
                    if s.reason == nil, reported.insert(s.line).inserted {
                        out.append(Finding(ScanRules.suppressionWithoutReason, message: "The \(s.source) on line \(s.line) gives no reason.",
                                           at: SourceSpan(file: f.location.file, line: s.line, column: 1), attributePath: "suppression.\(s.line)"))
                    }
                }
            }
            out.append(applyWaiversAndBaseline(f))
        }
        return out
    }

    /// Waivers and the baseline, for findings that have no source file in the tree (git history).
    public func applyWaiversAndBaseline(_ f: Finding) -> Finding {
        var f = applyOverrides(f)
        if f.suppression == nil, let w = options.waivers.first(where: { $0.covers(f, relativePath: f.location.file) }) {
            if w.expires < options.today {
                f.message += " (waiver \(w.ticket) expired \(w.expires))"
            } else {
                f.suppression = Suppression(kind: .waiver, reason: w.justification, expires: w.expires, owner: w.owner)
            }
        }
        if f.suppression == nil, let b = options.baseline, b.fingerprints.contains(f.fingerprint) {
            f.suppression = Suppression(kind: .baseline, reason: "in baseline")
        }
        return f
    }

    static func resourceKey(_ v: Value) -> String {
        ResourceRef(kind: v["kind"]?.stringValue ?? "", name: v["metadata"]?["name"]?.stringValue ?? "",
                    namespace: v["metadata"]?["namespace"]?.stringValue).description
    }
}

enum WorkflowModelCheck {
    static func isWorkflow(_ v: Value) -> Bool { v["jobs"] != nil }
}

/// Results written by index from worker threads.
/// Results written from `concurrentPerform` workers, one slot each.
final class Box<T>: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var items: [T?]
    init(count: Int) { items = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ item: T) {
        lock.lock()
        items[i] = item
        lock.unlock()
    }
}


final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        n += 1
        return n
    }
}
