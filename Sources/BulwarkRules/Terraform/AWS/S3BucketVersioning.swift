import BulwarkCore
import BulwarkTerraform

/// Versioning is what makes an overwritten or ransomware-encrypted object recoverable.
/// It can be set inline (provider v3) or by a separate `aws_s3_bucket_versioning`
/// (v4+) that names the bucket by reference, by name, or through the same variable.
enum S3BucketVersioning: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-S3-001", title: "S3 buckets have versioning enabled", severity: .medium, pack: "terraform-aws",
        rationale: "Without versioning, a deleted or overwritten object is gone: accidents, compromised credentials and ransomware all become data loss.",
        remediation: "Add an aws_s3_bucket_versioning resource for the bucket with versioning_configuration { status = \"Enabled\" }.",
        controls: controls("soc2:A1.2", "pci:10.5.1", "hipaa:164.308(a)(7)(ii)(A)", "nist:CP-9"), aliases: ["CKV_AWS_21"])

    static let examples = RuleExamples(
        triggering: ["↓resource \"aws_s3_bucket\" \"x\" {\n  bucket = \"invoices\"\n}\nresource \"aws_s3_bucket_versioning\" \"x\" {\n  bucket = aws_s3_bucket.x.id\n  versioning_configuration {\n    status = \"Suspended\"\n  }\n}\n"],
        passing: ["resource \"aws_s3_bucket\" \"x\" {\n  bucket = \"invoices\"\n}\nresource \"aws_s3_bucket_versioning\" \"x\" {\n  bucket = aws_s3_bucket.x.id\n  versioning_configuration {\n    status = \"Enabled\"\n  }\n}\n"])

    static let resourceTypes: Set<String> = ["aws_s3_bucket"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        var undecided: TerraformVerdict?
        if let reason = r.unknown["versioning"] { undecided = .notEvaluated(path: "versioning", reason: reason) }
        for block in r.elements("versioning") {
            switch r.attribute(block + ".enabled") {
            case .unknown(let reason): undecided = undecided ?? .notEvaluated(path: block + ".enabled", reason: reason)
            case .known(let v): if AttributeCheck.bool(v) == true { return [] }
            }
        }
        for v in AttributeCheck.connected(r, in: module, type: "aws_s3_bucket_versioning") {
            for config in v.elements("versioning_configuration") {
                switch v.attribute(config + ".status") {
                case .unknown(let reason): undecided = undecided ?? .notEvaluated(path: "versioning", reason: "\(v.address): \(reason)")
                case .known(let s): if s.stringValue == "Enabled" { return [] }
                }
            }
        }
        return [undecided ?? .violation(path: "versioning", message: "\(r.address) has no versioning enabled, inline or through aws_s3_bucket_versioning.")]
    }
}
