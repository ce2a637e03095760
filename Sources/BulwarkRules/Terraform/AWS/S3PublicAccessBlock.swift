import BulwarkCore
import BulwarkTerraform

/// The public access block is the guard rail that stops a stray ACL or policy from publishing a bucket; any setting left off leaves a way around it.
enum S3PublicAccessBlock: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-S3-005", title: "S3 buckets have a public access block with every setting on", severity: .high, pack: "terraform-aws",
        rationale: "The public access block is the guard rail that stops a stray ACL or policy from publishing a bucket; any setting left off leaves a way around it.",
        remediation: "Add aws_s3_bucket_public_access_block for the bucket with block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets all true.",
        controls: controls("cis-aws:2.1.4", "soc2:CC6.1", "pci:7.2.1", "nist:AC-3"), aliases: ["CKV2_AWS_6", "CKV_AWS_53", "CKV_AWS_54", "CKV_AWS_55", "CKV_AWS_56"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_s3_bucket\" \"x\" {\n  ↓bucket = \"data\"\n}\nresource \"aws_s3_bucket_public_access_block\" \"x\" {\n  bucket                  = aws_s3_bucket.x.id\n  block_public_acls       = true\n  block_public_policy     = false\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}\n"],
        passing: ["resource \"aws_s3_bucket\" \"x\" {\n  bucket = \"data\"\n}\nresource \"aws_s3_bucket_public_access_block\" \"x\" {\n  bucket                  = aws_s3_bucket.x.id\n  block_public_acls       = true\n  block_public_policy     = true\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}\n"])

    static let resourceTypes: Set<String> = ["aws_s3_bucket"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        let blocks = AttributeCheck.connected(r, in: module, type: "aws_s3_bucket_public_access_block")
        guard !blocks.isEmpty else {
            return [.violation(path: "bucket", message: "\(r.address) has no aws_s3_bucket_public_access_block.")]
        }
        var firstGap: (String, [String])?
        for b in blocks {
            var off: [String] = []
            for key in ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"] {
                switch b.attribute(key) {
                case .unknown(let reason): return [.notEvaluated(path: "bucket", reason: "\(b.address).\(key): \(reason)")]
                case .known(let v): if AttributeCheck.bool(v) != true { off.append(key) }
                }
            }
            if off.isEmpty { return [] }
            firstGap = firstGap ?? (b.address, off)
        }
        guard let (address, off) = firstGap else { return [] }
        return [.violation(path: "bucket", message: "\(r.address)'s public access block \(address) leaves \(off.joined(separator: ", ")) off.")]
    }
}
