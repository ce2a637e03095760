import BulwarkCore
import BulwarkTerraform

/// RDP open to 0.0.0.0/0 is a leading ransomware entry point.
enum FirewallOpenRDP: TerraformRule {
    static let metadata = RuleMetadata(
        id: "GCP-FW-002", title: "Firewall rules do not allow RDP from the internet", severity: .high, pack: "terraform-gcp",
        rationale: "RDP open to 0.0.0.0/0 is a leading ransomware entry point.",
        remediation: "Restrict source_ranges, or use Identity-Aware Proxy TCP forwarding for RDP.",
        controls: controls("cis-gcp:3.7", "soc2:CC6.6", "pci:1.3.1", "nist:SC-7"), aliases: ["CKV_GCP_3"])

    static let examples = RuleExamples(
        triggering: ["resource \"google_compute_firewall\" \"x\" {\n  name    = \"rdp\"\n  network = \"default\"\n  allow {\n    protocol = \"tcp\"\n    ports    = [\"3000-4000\"]\n  }\n  ↓source_ranges = [\"0.0.0.0/0\"]\n}\n"],
        passing: ["resource \"google_compute_firewall\" \"x\" {\n  name    = \"web\"\n  network = \"default\"\n  allow {\n    protocol = \"tcp\"\n    ports    = [\"443\"]\n  }\n  source_ranges = [\"0.0.0.0/0\"]\n}\n"])

    static let resourceTypes = FirewallOpenPort.resourceTypes

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        FirewallOpenPort.check(r, port: 3389)
    }
}
