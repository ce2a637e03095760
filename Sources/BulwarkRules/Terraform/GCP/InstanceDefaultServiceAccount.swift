import BulwarkCore
import BulwarkTerraform

/// The default compute service account is an Editor on the project; with the cloud-platform scope, any process on the VM can change almost anything.
enum InstanceDefaultServiceAccount: TerraformRule {
    static let metadata = RuleMetadata(
        id: "GCP-CE-006", title: "Compute instances do not use the default service account with full API access", severity: .high, pack: "terraform-gcp",
        rationale: "The default compute service account is an Editor on the project; with the cloud-platform scope, any process on the VM can change almost anything.",
        remediation: "Attach a dedicated least-privilege service account, or narrow scopes.",
        controls: controls("cis-gcp:4.2", "soc2:CC6.3", "nist:AC-6"), aliases: ["CKV_GCP_31"])

    static let examples = RuleExamples(
        triggering: ["resource \"google_compute_instance\" \"x\" {\n  name = \"vm\"\n  service_account {\n    email  = \"123456789-compute@developer.gserviceaccount.com\"\n    ↓scopes = [\"cloud-platform\"]\n  }\n}\n"],
        passing: ["resource \"google_compute_instance\" \"x\" {\n  name = \"vm\"\n  service_account {\n    email  = \"app@project.iam.gserviceaccount.com\"\n    scopes = [\"cloud-platform\"]\n  }\n}\n"])

    static let resourceTypes: Set<String> = ["google_compute_instance", "google_compute_instance_template"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        if let reason = r.unknown["service_account"] { return [.notEvaluated(path: "service_account", reason: reason)] }
        for sa in r.elements("service_account") {
            guard case .known(let email) = r.attribute(sa + ".email"), case .known(let scopes) = r.attribute(sa + ".scopes") else { continue }
            let isDefault = email.isNull || (email.stringValue ?? "").hasSuffix("-compute@developer.gserviceaccount.com")
            let full = AttributeCheck.strings(scopes).contains { $0 == "cloud-platform" || $0.hasSuffix("/auth/cloud-platform") }
            if isDefault && full {
                return [.violation(path: sa + ".scopes", message: "\(r.address) runs as the default service account with the cloud-platform scope.")]
            }
        }
        return []
    }
}
