import BulwarkCore
import BulwarkFormats
import BulwarkKyverno
import Foundation

/// Parses one YAML document for a test; a malformed fixture is a test bug, so it traps.
func yaml(_ text: String) -> Value {
    do { return try YAMLLoader.load(text, file: "fixture.yaml").first?.value ?? .null } catch {
        preconditionFailure("bad fixture: \(error)")
    }
}

func policy(_ text: String) -> Policy {
    let loaded = PolicyLoader.load(Document(file: "policy.yaml", value: yaml(text)))
    guard let p = loaded.policy else { preconditionFailure("policy did not load: \(loaded.issues)") }
    return p
}

/// Status per rule name for one resource.
func verdicts(_ p: Policy, _ resource: String, values: OfflineValues = OfflineValues(), request: Engine.Request = Engine.Request()) -> [String: RuleStatus] {
    var out: [String: RuleStatus] = [:]
    for r in Engine(policies: [p], values: values).evaluate(yaml(resource), request: request) { out[r.rule] = r.status }
    return out
}

/// A fixed clock for time functions.
let fixedNow = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z
