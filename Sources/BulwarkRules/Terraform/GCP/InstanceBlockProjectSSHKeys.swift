import BulwarkCore
import BulwarkTerraform

/// Project-wide SSH keys grant access to every instance in the project; one leaked key opens them all.
enum InstanceBlockProjectSSHKeys: TerraformRule {
    static let metadata = RuleMetadata(
        id: "GCP-CE-005", title: "Compute instances block project-wide SSH keys", severity: .medium, pack: "terraform-gcp",
        rationale: "Project-wide SSH keys grant access to every instance in the project; one leaked key opens them all.",
        remediation: "Set metadata block-project-ssh-keys = \"true\" (or use OS Login).",
        controls: controls("cis-gcp:4.3", "soc2:CC6.2", "nist:AC-2"), aliases: ["CKV_GCP_32"])

    static let examples = RuleExamples(
        triggering: ["resource \"google_compute_instance\" \"x\" {\n  name = \"vm\"\n  ↓metadata = {\n    block-project-ssh-keys = \"false\"\n  }\n}\n"],
        passing: ["resource \"google_compute_instance\" \"x\" {\n  name = \"vm\"\n  metadata = {\n    block-project-ssh-keys = \"true\"\n  }\n}\n"])

    static let resourceTypes: Set<String> = ["google_compute_instance", "google_compute_instance_template"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.require(r, "metadata") { v in
            let o = v.objectValue
            if o?["enable-oslogin"].map({ $0.interpolationText.lowercased() == "true" }) == true { return nil }
            return o?["block-project-ssh-keys"].map({ $0.interpolationText.lowercased() == "true" }) == true ? nil : "accepts project-wide SSH keys (block-project-ssh-keys is not true)"
        }
    }
}
