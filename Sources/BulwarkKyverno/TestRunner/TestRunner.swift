import BulwarkCore
import BulwarkFormats
import BulwarkJMESPath

/// Runs a `kyverno-test.yaml`: evaluates every policy against every resource and
/// compares each expected row with the engine's verdict.
///
/// By default it is Kyverno-CLI compatible: a row whose resource the rule never
/// matched (or whose `kind` names a kind the resource does not have) is passed, as the
/// Kyverno CLI does, but flagged. `strict` fails such rows.
public struct TestRunner {
    public struct RowOutcome: Sendable {
        public var row: KyvernoTest.Row
        public var resource: String
        public var actual: RuleStatus?
        public var passed: Bool
        /// Why a row passed without a matching verdict (compatibility) or failed in strict mode.
        public var note: String?
        public var message: String?
    }

    public struct Outcome: Sendable {
        public var test: String
        public var file: String
        public var rows: [RowOutcome] = []
        public var errors: [String] = []
        public var warnings: [String] = []
        public var passed: Int { rows.filter(\.passed).count }
        public var failed: Int { rows.filter { !$0.passed }.count + errors.count }
        public var lenient: Int { rows.filter { $0.passed && $0.note != nil }.count }

        public init(test: String, file: String) {
            self.test = test
            self.file = file
        }
    }

    /// Reads a path relative to the test file's directory into documents.
    public typealias Reader = (String) throws -> [Document]

    public var strict: Bool
    public var functions = KyvernoFunctions.shared

    public init(strict: Bool = false) { self.strict = strict }

    public func run(_ test: KyvernoTest, file: String, read: Reader) -> Outcome {
        var outcome = Outcome(test: test.name, file: file)
        var policies: [Policy] = []
        for path in test.policies {
            do {
                for doc in try read(path) where PolicyLoader.isPolicy(doc.value) {
                    let loaded = PolicyLoader.load(doc)
                    for issue in loaded.issues where issue.severity == .error { outcome.errors.append(issue.description) }
                    for issue in loaded.issues where issue.severity == .warning { outcome.warnings.append(issue.description) }
                    if let p = loaded.policy { policies.append(p) }
                }
            } catch {
                outcome.errors.append("\(error)")
            }
        }
        var resources: [Value] = []
        for path in test.resources {
            do {
                resources += DocumentLoader.resources(in: try read(path)).map(\.value)
            } catch {
                outcome.errors.append("\(error)")
            }
        }
        var values = OfflineValues()
        if let vf = test.valuesFile {
            do {
                if let v = try read(vf).first?.value { values = OfflineValues(v) }
            } catch {
                outcome.errors.append("\(error)")
            }
        } else if let inline = test.inlineValues {
            values = OfflineValues(inline)
        }
        var request = Engine.Request()
        if let uf = test.userInfoFile {
            do {
                if let u = try read(uf).first?.value { request.user = Self.userInfo(u) }
            } catch {
                outcome.errors.append("\(error)")
            }
        }
        let engine = Engine(policies: policies, values: values, functions: functions)
        var cache: [String: [RuleResult]] = [:]
        for row in test.rows {
            guard let policy = policies.first(where: { $0.qualifiedName == row.policy || $0.name == row.policy }) else {
                outcome.rows.append(RowOutcome(row: row, resource: row.resources.joined(separator: ","), actual: nil, passed: false,
                                               note: "policy '\(row.policy)' not found in the test's policies"))
                continue
            }
            for name in row.resources {
                outcome.rows.append(evaluate(row, resourceName: name, policy: policy, resources: resources, engine: engine,
                                             request: request, cache: &cache))
            }
        }
        return outcome
    }

    private func evaluate(_ row: KyvernoTest.Row, resourceName: String, policy: Policy, resources: [Value], engine: Engine,
                          request: Engine.Request, cache: inout [String: [RuleResult]]) -> RowOutcome {
        let parts = resourceName.split(separator: "/").map(String.init)
        let name = parts.last ?? resourceName
        let namespace = row.namespace ?? (parts.count >= 2 ? parts[parts.count - 2] : nil)
        let candidates = resources.enumerated().filter { _, r in
            let key = ResourceKey(r)
            return key.name == name && (namespace == nil || key.namespace == namespace || (key.namespace.isEmpty && namespace == "default"))
        }
        let kindMatches = candidates.filter { row.kind == nil || ResourceKey($0.element).kind == row.kind }
        guard let (index, resource) = kindMatches.first ?? (strict ? nil : candidates.first) else {
            let why = candidates.isEmpty ? "resource '\(resourceName)' not found in the test's resources"
                : "resource '\(resourceName)' is not of kind \(row.kind ?? "")"
            return lenientOrFail(row, resourceName, why)
        }
        let kindNote = kindMatches.isEmpty ? "kind \(row.kind ?? "") does not match resource kind \(ResourceKey(resource).kind)" : nil
        let cacheKey = "\(policy.qualifiedName)#\(index)"
        let results = cache[cacheKey] ?? engine.evaluate(policy, resource, request: request)
        cache[cacheKey] = results
        let candidatesRules = [row.rule, "autogen-" + row.rule, "autogen-cronjob-" + row.rule]
        guard let result = candidatesRules.lazy.compactMap({ r in results.first { $0.rule == r } }).first else {
            return lenientOrFail(row, resourceName, "rule '\(row.rule)' did not match resource '\(resourceName)'", actualIfKnown: .skip)
        }
        if let kindNote, strict {
            return RowOutcome(row: row, resource: resourceName, actual: result.status, passed: false, note: kindNote, message: result.message)
        }
        return RowOutcome(row: row, resource: resourceName, actual: result.status, passed: result.status == row.result,
                          note: kindNote.map { "\($0) (Kyverno CLI ignores this)" }, message: result.message)
    }

    private func lenientOrFail(_ row: KyvernoTest.Row, _ resource: String, _ why: String, actualIfKnown: RuleStatus? = nil) -> RowOutcome {
        if strict {
            return RowOutcome(row: row, resource: resource, actual: nil, passed: false, note: why)
        }
        return RowOutcome(row: row, resource: resource, actual: actualIfKnown, passed: true,
                          note: "\(why); passed for Kyverno CLI compatibility (--strict fails this row)")
    }

    public static func userInfo(_ v: Value) -> UserInfo {
        let u = v["userInfo"] ?? v
        return UserInfo(username: u["username"]?.stringValue ?? "",
                        groups: (u["groups"]?.arrayValue ?? []).compactMap(\.stringValue),
                        roles: (v["roles"]?.arrayValue ?? []).compactMap(\.stringValue),
                        clusterRoles: (v["clusterRoles"]?.arrayValue ?? []).compactMap(\.stringValue))
    }
}
