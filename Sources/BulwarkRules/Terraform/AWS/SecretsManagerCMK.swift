import BulwarkCore
import BulwarkTerraform

/// With the AWS-managed key anyone allowed secretsmanager:GetSecretValue can read the secret; a customer key adds a second, audited permission.
enum SecretsManagerCMK: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-SM-002", title: "Secrets Manager secrets use a customer-managed KMS key", severity: .low, pack: "terraform-aws",
        rationale: "With the AWS-managed key anyone allowed secretsmanager:GetSecretValue can read the secret; a customer key adds a second, audited permission.",
        remediation: "Set kms_key_id to a customer-managed KMS key.",
        controls: controls("soc2:CC6.1", "pci:3.5.1", "hipaa:164.312(a)(2)(iv)", "nist:SC-28"), aliases: ["CKV_AWS_149"])

    static let examples = RuleExamples(
        triggering: ["↓resource \"aws_secretsmanager_secret\" \"x\" {\n  name = \"db\"\n}\n"],
        passing: ["resource \"aws_secretsmanager_secret\" \"x\" {\n  name       = \"db\"\n  kms_key_id = \"arn:aws:kms:eu-west-1:111122223333:key/abcd\"\n}\n"])

    static let resourceTypes: Set<String> = ["aws_secretsmanager_secret"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.requirePresent(r, "kms_key_id", meaning: "the AWS-managed aws/secretsmanager key protects it")
    }
}
