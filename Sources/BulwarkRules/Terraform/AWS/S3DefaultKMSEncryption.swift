import BulwarkCore
import BulwarkTerraform

/// S3 encrypts with S3-managed keys by default; a KMS key adds a separate, audited permission to read objects and a way to revoke it.
enum S3DefaultKMSEncryption: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-S3-006", title: "S3 buckets encrypt by default with a KMS key", severity: .low, pack: "terraform-aws",
        rationale: "S3 encrypts with S3-managed keys by default; a KMS key adds a separate, audited permission to read objects and a way to revoke it.",
        remediation: "Add aws_s3_bucket_server_side_encryption_configuration with sse_algorithm = \"aws:kms\" and kms_master_key_id.",
        controls: controls("soc2:CC6.1", "pci:3.5.1", "hipaa:164.312(a)(2)(iv)", "nist:SC-28"), aliases: ["CKV_AWS_145"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_s3_bucket\" \"x\" {\n  ↓bucket = \"data\"\n}\nresource \"aws_s3_bucket_server_side_encryption_configuration\" \"x\" {\n  bucket = aws_s3_bucket.x.id\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm = \"AES256\"\n    }\n  }\n}\n"],
        passing: ["resource \"aws_s3_bucket\" \"x\" {\n  bucket = \"data\"\n}\nresource \"aws_s3_bucket_server_side_encryption_configuration\" \"x\" {\n  bucket = aws_s3_bucket.x.id\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm     = \"aws:kms\"\n      kms_master_key_id = \"arn:aws:kms:eu-west-1:111122223333:key/abcd\"\n    }\n  }\n}\n"])

    static let resourceTypes: Set<String> = ["aws_s3_bucket"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        var undecided: TerraformVerdict?
        func verdict(_ owner: ResourceInstance, _ rules: [String]) -> Bool {
            for rule in rules {
                for d in owner.elements(rule + ".apply_server_side_encryption_by_default") {
                    switch owner.attribute(d + ".sse_algorithm") {
                    case .unknown(let reason): undecided = undecided ?? .notEvaluated(path: "server_side_encryption_configuration", reason: "\(owner.address): \(reason)")
                    case .known(let v): if (v.stringValue ?? "").hasPrefix("aws:kms") { return true }
                    }
                }
            }
            return false
        }
        if let reason = r.unknown["server_side_encryption_configuration"] { return [.notEvaluated(path: "server_side_encryption_configuration", reason: reason)] }
        for c in r.elements("server_side_encryption_configuration") where verdict(r, r.elements(c + ".rule")) { return [] }
        for c in AttributeCheck.connected(r, in: module, type: "aws_s3_bucket_server_side_encryption_configuration") {
            if let reason = c.unknown["rule"] { undecided = undecided ?? .notEvaluated(path: "server_side_encryption_configuration", reason: "\(c.address): \(reason)"); continue }
            if verdict(c, c.elements("rule")) { return [] }
        }
        return [undecided ?? .violation(path: "bucket", message: "\(r.address) is not encrypted by default with a KMS key.")]
    }
}
