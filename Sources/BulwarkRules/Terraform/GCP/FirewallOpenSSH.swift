import BulwarkCore
import BulwarkTerraform

/// SSH open to 0.0.0.0/0 is brute-forced continuously by internet-wide scanners.
enum FirewallOpenSSH: TerraformRule {
    static let metadata = RuleMetadata(
        id: "GCP-FW-001", title: "Firewall rules do not allow SSH from the internet", severity: .high, pack: "terraform-gcp",
        rationale: "SSH open to 0.0.0.0/0 is brute-forced continuously by internet-wide scanners.",
        remediation: "Restrict source_ranges, or use Identity-Aware Proxy TCP forwarding (35.235.240.0/20) for SSH.",
        controls: controls("cis-gcp:3.6", "soc2:CC6.6", "pci:1.3.1", "nist:SC-7"), aliases: ["CKV_GCP_2"])

    static let examples = RuleExamples(
        triggering: ["resource \"google_compute_firewall\" \"x\" {\n  name    = \"ssh\"\n  network = \"default\"\n  allow {\n    protocol = \"tcp\"\n    ports    = [\"22\"]\n  }\n  ↓source_ranges = [\"0.0.0.0/0\"]\n}\n"],
        passing: ["resource \"google_compute_firewall\" \"x\" {\n  name    = \"ssh\"\n  network = \"default\"\n  allow {\n    protocol = \"tcp\"\n    ports    = [\"22\"]\n  }\n  source_ranges = [\"35.235.240.0/20\"]\n}\n"])

    static let resourceTypes = FirewallOpenPort.resourceTypes

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        FirewallOpenPort.check(r, port: 22)
    }
}
