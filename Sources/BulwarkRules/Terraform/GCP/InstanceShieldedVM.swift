import BulwarkCore
import BulwarkTerraform

/// Secure boot and integrity monitoring stop and detect rootkits and boot-level malware.
enum InstanceShieldedVM: TerraformRule {
    static let metadata = RuleMetadata(
        id: "GCP-CE-003", title: "Compute instances use Shielded VM with secure boot", severity: .medium, pack: "terraform-gcp",
        rationale: "Secure boot and integrity monitoring stop and detect rootkits and boot-level malware.",
        remediation: "Add shielded_instance_config { enable_secure_boot = true, enable_vtpm = true, enable_integrity_monitoring = true }.",
        controls: controls("cis-gcp:4.8", "soc2:CC6.8", "nist:SI-7"), aliases: ["CKV_GCP_39"])

    static let examples = RuleExamples(
        triggering: ["resource \"google_compute_instance\" \"x\" {\n  name = \"vm\"\n  shielded_instance_config {\n    ↓enable_secure_boot = false\n  }\n}\n"],
        passing: ["resource \"google_compute_instance\" \"x\" {\n  name = \"vm\"\n  shielded_instance_config {\n    enable_secure_boot          = true\n    enable_vtpm                 = true\n    enable_integrity_monitoring = true\n  }\n}\n"])

    static let resourceTypes: Set<String> = ["google_compute_instance"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        if let reason = r.unknown["shielded_instance_config"] { return [.notEvaluated(path: "shielded_instance_config", reason: reason)] }
        guard let c = r.elements("shielded_instance_config").first else {
            return [.violation(path: "shielded_instance_config", message: "\(r.address) has no shielded_instance_config, so secure boot is off.")]
        }
        return AttributeCheck.requireBool(r, c + ".enable_secure_boot", true, whenMissing: false)
    }
}
