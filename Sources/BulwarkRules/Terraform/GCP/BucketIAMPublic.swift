import BulwarkCore
import BulwarkTerraform

/// allUsers is the whole internet and allAuthenticatedUsers is anyone with any Google account: both make the bucket public.
enum BucketIAMPublic: TerraformRule {
    static let metadata = RuleMetadata(
        id: "GCP-GCS-003", title: "Cloud Storage bucket IAM does not grant allUsers or allAuthenticatedUsers", severity: .critical, pack: "terraform-gcp",
        rationale: "allUsers is the whole internet and allAuthenticatedUsers is anyone with any Google account: both make the bucket public.",
        remediation: "Grant roles to specific users, groups or service accounts.",
        controls: controls("cis-gcp:5.1", "soc2:CC6.1", "pci:7.2.1", "hipaa:164.312(a)(1)", "nist:AC-3"), aliases: ["CKV_GCP_28"])

    static let examples = RuleExamples(
        triggering: ["resource \"google_storage_bucket_iam_member\" \"x\" {\n  bucket = \"data\"\n  role   = \"roles/storage.objectViewer\"\n  ↓member = \"allUsers\"\n}\n"],
        passing: ["resource \"google_storage_bucket_iam_member\" \"x\" {\n  bucket = \"data\"\n  role   = \"roles/storage.objectViewer\"\n  member = \"group:analysts@example.com\"\n}\n"])

    static let resourceTypes: Set<String> = ["google_storage_bucket_iam_member", "google_storage_bucket_iam_binding"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        let path = r.type == "google_storage_bucket_iam_member" ? "member" : "members"
        return AttributeCheck.require(r, path) { v in
            let members = AttributeCheck.strings(v)
            return members.first { $0 == "allUsers" || $0 == "allAuthenticatedUsers" }.map { "grants \(r.attribute("role").known?.interpolationText ?? "a role") to \($0)" }
        }
    }
}
