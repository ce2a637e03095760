import BulwarkCore
import BulwarkTerraform

/// Per-object ACLs make access impossible to review and are how individual objects end up public.
enum BucketUniformAccess: TerraformRule {
    static let metadata = RuleMetadata(
        id: "GCP-GCS-001", title: "Cloud Storage buckets use uniform bucket-level access", severity: .medium, pack: "terraform-gcp",
        rationale: "Per-object ACLs make access impossible to review and are how individual objects end up public.",
        remediation: "Set uniform_bucket_level_access = true.",
        controls: controls("cis-gcp:5.2", "soc2:CC6.1", "pci:7.2.1", "nist:AC-3"), aliases: ["CKV_GCP_29"])

    static let examples = RuleExamples(
        triggering: ["resource \"google_storage_bucket\" \"x\" {\n  name     = \"data\"\n  location = \"EU\"\n  ↓uniform_bucket_level_access = false\n}\n"],
        passing: ["resource \"google_storage_bucket\" \"x\" {\n  name     = \"data\"\n  location = \"EU\"\n  uniform_bucket_level_access = true\n}\n"])

    static let resourceTypes: Set<String> = ["google_storage_bucket"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.requireBool(r, "uniform_bucket_level_access", true, whenMissing: false)
    }
}
