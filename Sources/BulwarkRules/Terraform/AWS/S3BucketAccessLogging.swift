import BulwarkCore
import BulwarkTerraform

/// Access logs are the evidence of who read what. A bucket that is itself the target of
/// another bucket's logs is exempt: logging a log bucket into itself loops, and auditors
/// do not ask for it.
enum S3BucketAccessLogging: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-S3-002", title: "S3 buckets have server access logging enabled", severity: .low, pack: "terraform-aws",
        rationale: "Without access logs, a data exfiltration through a leaked key or an over-broad policy leaves no trace to investigate.",
        remediation: "Add an aws_s3_bucket_logging resource for the bucket with target_bucket set to a dedicated log bucket.",
        controls: controls("cis-aws:3.6", "soc2:CC7.2", "pci:10.2.1", "hipaa:164.312(b)", "nist:AU-2"), aliases: ["CKV_AWS_18"])

    static let examples = RuleExamples(
        triggering: ["↓resource \"aws_s3_bucket\" \"x\" {\n  bucket = \"invoices\"\n}\n"],
        passing: ["resource \"aws_s3_bucket\" \"x\" {\n  bucket = \"invoices\"\n}\nresource \"aws_s3_bucket\" \"logs\" {\n  bucket = \"invoice-logs\"\n}\nresource \"aws_s3_bucket_logging\" \"x\" {\n  bucket        = aws_s3_bucket.x.id\n  target_bucket = aws_s3_bucket.logs.id\n  target_prefix = \"s3/\"\n}\n"])

    static let resourceTypes: Set<String> = ["aws_s3_bucket"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        if let reason = r.unknown["logging"] { return [.notEvaluated(path: "logging", reason: reason)] }
        if !r.elements("logging").isEmpty { return [] }
        if !AttributeCheck.connected(r, in: module, type: "aws_s3_bucket_logging").isEmpty { return [] }
        if isLogTarget(r, in: module) { return [] }
        return [.violation(path: "logging", message: "\(r.address) has no server access logging, inline or through aws_s3_bucket_logging.")]
    }

    static func isLogTarget(_ r: ResourceInstance, in module: TerraformModule) -> Bool {
        module.instances(ofType: "aws_s3_bucket_logging").contains { $0.links("target_bucket", to: r, byName: ["bucket"]) }
            || module.instances(ofType: "aws_s3_bucket").contains { other in
                other.elements("logging").contains { other.links($0 + ".target_bucket", to: r, byName: ["bucket"]) }
            }
    }
}
