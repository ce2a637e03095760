import BulwarkCore
import BulwarkTerraform

/// Flow logs are the network record of an incident: which addresses talked to what, and how much left.
enum SubnetFlowLogs: TerraformRule {
    static let metadata = RuleMetadata(
        id: "GCP-NET-001", title: "VPC subnetworks have flow logs", severity: .low, pack: "terraform-gcp",
        rationale: "Flow logs are the network record of an incident: which addresses talked to what, and how much left.",
        remediation: "Add log_config { aggregation_interval = \"INTERVAL_5_SEC\", flow_sampling = 0.5, metadata = \"INCLUDE_ALL_METADATA\" }.",
        controls: controls("soc2:CC7.2", "pci:10.2.1", "hipaa:164.312(b)", "nist:AU-2"), aliases: ["CKV_GCP_26"])

    static let examples = RuleExamples(
        triggering: ["resource \"google_compute_subnetwork\" \"x\" {\n  name          = \"app\"\n  network       = \"vpc\"\n  ↓ip_cidr_range = \"10.0.0.0/24\"\n}\n"],
        passing: ["resource \"google_compute_subnetwork\" \"x\" {\n  name          = \"app\"\n  network       = \"vpc\"\n  ip_cidr_range = \"10.0.0.0/24\"\n  log_config {\n    aggregation_interval = \"INTERVAL_5_SEC\"\n  }\n}\n"])

    static let resourceTypes: Set<String> = ["google_compute_subnetwork"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        if let reason = r.unknown["log_config"] { return [.notEvaluated(path: "log_config", reason: reason)] }
        // Proxy-only and private service connect subnets cannot have flow logs.
        if let purpose = r.attribute("purpose").known?.stringValue, ["REGIONAL_MANAGED_PROXY", "GLOBAL_MANAGED_PROXY", "INTERNAL_HTTPS_LOAD_BALANCER", "PRIVATE_SERVICE_CONNECT"].contains(purpose) { return [] }
        return r.elements("log_config").isEmpty ? [.violation(path: "ip_cidr_range", message: "\(r.address) has no log_config, so flow logs are off.")] : []
    }
}
