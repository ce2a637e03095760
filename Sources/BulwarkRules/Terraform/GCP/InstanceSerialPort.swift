import BulwarkCore
import BulwarkTerraform

/// The serial console accepts connections from any IP and bypasses firewall rules.
enum InstanceSerialPort: TerraformRule {
    static let metadata = RuleMetadata(
        id: "GCP-CE-001", title: "Compute instances disable interactive serial port access", severity: .medium, pack: "terraform-gcp",
        rationale: "The serial console accepts connections from any IP and bypasses firewall rules.",
        remediation: "Remove serial-port-enable from metadata or set it to \"false\".",
        controls: controls("cis-gcp:4.5", "soc2:CC6.6", "nist:AC-17"), aliases: ["CKV_GCP_35"])

    static let examples = RuleExamples(
        triggering: ["resource \"google_compute_instance\" \"x\" {\n  name = \"vm\"\n  ↓metadata = {\n    serial-port-enable = \"true\"\n  }\n}\n"],
        passing: ["resource \"google_compute_instance\" \"x\" {\n  name = \"vm\"\n  metadata = {\n    enable-oslogin = \"TRUE\"\n  }\n}\n"])

    static let resourceTypes: Set<String> = ["google_compute_instance", "google_compute_instance_template"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.require(r, "metadata") { v in
            guard let flag = v.objectValue?["serial-port-enable"] else { return nil }
            return AttributeCheck.bool(flag) == true || flag.interpolationText == "1" ? "enables the interactive serial console (serial-port-enable)" : nil
        }
    }
}
