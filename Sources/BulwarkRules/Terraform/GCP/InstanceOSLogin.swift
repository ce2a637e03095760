import BulwarkCore
import BulwarkTerraform

/// OS Login ties SSH access to IAM identities; project-wide keys in metadata cannot be audited or revoked per person.
enum InstanceOSLogin: TerraformRule {
    static let metadata = RuleMetadata(
        id: "GCP-CE-002", title: "Compute instances do not disable OS Login", severity: .medium, pack: "terraform-gcp",
        rationale: "OS Login ties SSH access to IAM identities; project-wide keys in metadata cannot be audited or revoked per person.",
        remediation: "Remove enable-oslogin = \"false\" from instance metadata (enable it at project level).",
        controls: controls("cis-gcp:4.4", "soc2:CC6.2", "nist:AC-2"), aliases: ["CKV_GCP_34"])

    static let examples = RuleExamples(
        triggering: ["resource \"google_compute_instance\" \"x\" {\n  name = \"vm\"\n  ↓metadata = {\n    enable-oslogin = \"false\"\n  }\n}\n"],
        passing: ["resource \"google_compute_instance\" \"x\" {\n  name = \"vm\"\n}\n"])

    static let resourceTypes: Set<String> = ["google_compute_instance", "google_compute_instance_template"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.require(r, "metadata") { v in
            guard let flag = v.objectValue?["enable-oslogin"] else { return nil }
            return flag.interpolationText.lowercased() == "false" || flag.interpolationText == "0" ? "disables OS Login (enable-oslogin = false)" : nil
        }
    }
}
