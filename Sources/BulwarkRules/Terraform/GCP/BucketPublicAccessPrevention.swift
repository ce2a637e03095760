import BulwarkCore
import BulwarkTerraform

/// Enforced public access prevention makes a later allUsers grant fail instead of publishing the bucket.
enum BucketPublicAccessPrevention: TerraformRule {
    static let metadata = RuleMetadata(
        id: "GCP-GCS-002", title: "Cloud Storage buckets enforce public access prevention", severity: .medium, pack: "terraform-gcp",
        rationale: "Enforced public access prevention makes a later allUsers grant fail instead of publishing the bucket.",
        remediation: "Set public_access_prevention = \"enforced\".",
        controls: controls("cis-gcp:5.1", "soc2:CC6.1", "pci:7.2.1", "nist:AC-3"), aliases: ["CKV_GCP_114"])

    static let examples = RuleExamples(
        triggering: ["resource \"google_storage_bucket\" \"x\" {\n  name                     = \"data\"\n  location                 = \"EU\"\n  ↓public_access_prevention = \"inherited\"\n}\n"],
        passing: ["resource \"google_storage_bucket\" \"x\" {\n  name                     = \"data\"\n  location                 = \"EU\"\n  public_access_prevention = \"enforced\"\n}\n"])

    static let resourceTypes: Set<String> = ["google_storage_bucket"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.require(r, "public_access_prevention") { v in
            v.stringValue == "enforced" ? nil : v.isNull ? "does not set public_access_prevention (inherited, usually not enforced)" : "sets public_access_prevention = \(v.interpolationText)"
        }
    }
}
