import BulwarkCore
import BulwarkTerraform

/// DynamoDB always encrypts, but with an AWS-owned key nobody can restrict or audit;
/// a customer-managed key puts reads under your key policy and CloudTrail.
enum DynamoDBCustomerKey: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-DDB-001", title: "DynamoDB tables are encrypted with a customer-managed KMS key", severity: .low, pack: "terraform-aws",
        rationale: "A customer-managed key lets you limit who can decrypt table data, log every use, and cut access by disabling the key.",
        remediation: "Add server_side_encryption { enabled = true, kms_key_arn = <key ARN> }.",
        controls: controls("soc2:CC6.1", "pci:3.6.1", "hipaa:164.312(a)(2)(iv)", "nist:SC-12"), aliases: ["CKV_AWS_119"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_dynamodb_table\" \"x\" {\n  name     = \"orders\"\n  hash_key = \"id\"\n  server_side_encryption {\n    ↓enabled = false\n  }\n}\n"],
        passing: ["resource \"aws_dynamodb_table\" \"x\" {\n  name     = \"orders\"\n  hash_key = \"id\"\n  server_side_encryption {\n    enabled     = true\n    kms_key_arn = \"arn:aws:kms:eu-west-1:111122223333:key/abcd\"\n  }\n}\n"])

    static let resourceTypes: Set<String> = ["aws_dynamodb_table"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        if let reason = r.unknown["server_side_encryption"] { return [.notEvaluated(path: "server_side_encryption", reason: reason)] }
        guard let sse = r.elements("server_side_encryption").first else {
            return [.violation(path: "server_side_encryption", message: "\(r.address) has no server_side_encryption block, so only an AWS-owned key protects it.")]
        }
        let enabled = AttributeCheck.requireBool(r, sse + ".enabled", true, whenMissing: false)
        if !enabled.isEmpty { return enabled }
        // Enabled without a key ARN means the AWS-managed aws/dynamodb key.
        return AttributeCheck.requirePresent(r, sse + ".kms_key_arn", meaning: "the AWS-managed aws/dynamodb key is used")
    }
}
