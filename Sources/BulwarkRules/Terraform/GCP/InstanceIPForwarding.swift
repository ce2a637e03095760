import BulwarkCore
import BulwarkTerraform

/// IP forwarding lets an instance route traffic for others, bypassing firewall rules and spoofing sources.
enum InstanceIPForwarding: TerraformRule {
    static let metadata = RuleMetadata(
        id: "GCP-CE-004", title: "Compute instances do not forward IP packets", severity: .medium, pack: "terraform-gcp",
        rationale: "IP forwarding lets an instance route traffic for others, bypassing firewall rules and spoofing sources.",
        remediation: "Remove can_ip_forward = true unless the instance is a NAT or network appliance.",
        controls: controls("soc2:CC6.6", "pci:1.3.1", "nist:SC-7"), aliases: ["CKV_GCP_36"])

    static let examples = RuleExamples(
        triggering: ["resource \"google_compute_instance\" \"x\" {\n  name = \"vm\"\n  ↓can_ip_forward = true\n}\n"],
        passing: ["resource \"google_compute_instance\" \"x\" {\n  name = \"vm\"\n  can_ip_forward = false\n}\n"])

    static let resourceTypes: Set<String> = ["google_compute_instance", "google_compute_instance_template"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.requireBool(r, "can_ip_forward", false, whenMissing: false)
    }
}
