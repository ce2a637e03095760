import BulwarkCore
import BulwarkTerraform

/// An AWS-managed key (aws/rds, aws/sqs, …) encrypts, but nobody can change its key
/// policy, disable it or separate one workload's use from another's. Where key custody is
/// itself a control (PCI DSS 3.6, HIPAA's encryption safeguard) the key must be one the
/// team owns; for an internal tool that is cost without benefit, so only levels turn it on.
enum CustomerManagedKeys: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-CMK-001", title: "Data stores are encrypted with a customer-managed KMS key", severity: .medium, pack: "terraform-aws",
        rationale: "An AWS-managed key's policy cannot be changed: every principal with the service permission can decrypt, the key cannot be disabled to cut access, and its use cannot be told apart from other workloads'. A customer-managed key puts custody, rotation and revocation under your control.",
        remediation: "Create an aws_kms_key for the workload (with enable_key_rotation and a scoped key policy) and set the store's key attribute (kms_key_id, kms_master_key_id, …) to its ARN.",
        controls: controls("pci:3.6.1", "hipaa:164.312(a)(2)(iv)", "soc2:CC6.1", "nist:SC-12", "nist:SC-28"), optIn: true)

    static let examples = RuleExamples(
        triggering: [
            "resource \"aws_sqs_queue\" \"x\" {\n  name              = \"orders\"\n  ↓kms_master_key_id = \"alias/aws/sqs\"\n}\n",
            "↓resource \"aws_ebs_volume\" \"x\" {\n  availability_zone = \"eu-west-1a\"\n  size              = 20\n  encrypted         = true\n}\n",
            "resource \"aws_db_instance\" \"x\" {\n  engine            = \"postgres\"\n  storage_encrypted = true\n  ↓kms_key_id        = \"arn:aws:kms:eu-west-1:111122223333:alias/aws/rds\"\n}\n",
        ],
        passing: [
            "resource \"aws_kms_key\" \"k\" {\n  enable_key_rotation = true\n}\n\nresource \"aws_sqs_queue\" \"x\" {\n  name              = \"orders\"\n  kms_master_key_id = aws_kms_key.k.arn\n}\n",
            "resource \"aws_ebs_volume\" \"x\" {\n  availability_zone = \"eu-west-1a\"\n  size              = 20\n  encrypted         = true\n  kms_key_id        = \"arn:aws:kms:eu-west-1:111122223333:key/0b7c6e4e-7a4f-4f6e-9a55-3c1d2b1e0f00\"\n}\n",
        ])

    /// Resource type → the attribute that names its key. DynamoDB, Secrets Manager,
    /// CloudWatch Logs, CloudTrail and EKS have their own always-on rules.
    static let keyAttribute: [String: String] = [
        "aws_ebs_volume": "kms_key_id", "aws_db_instance": "kms_key_id", "aws_rds_cluster": "kms_key_id",
        "aws_efs_file_system": "kms_key_id", "aws_sqs_queue": "kms_master_key_id", "aws_sns_topic": "kms_master_key_id",
        "aws_kinesis_stream": "kms_key_id", "aws_elasticache_replication_group": "kms_key_id", "aws_redshift_cluster": "kms_key_id",
        "aws_docdb_cluster": "kms_key_id", "aws_neptune_cluster": "kms_key_arn", "aws_ecr_repository": "encryption_configuration.0.kms_key",
        "aws_opensearch_domain": "encrypt_at_rest.0.kms_key_id", "aws_elasticsearch_domain": "encrypt_at_rest.0.kms_key_id",
        "aws_backup_vault": "kms_key_arn", "aws_msk_cluster": "encryption_info.0.encryption_at_rest_kms_key_arn",
    ]

    static let resourceTypes = Set(keyAttribute.keys)

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        guard let path = keyAttribute[r.type] else { return [] }
        return AttributeCheck.requirePresent(r, path, meaning: "an AWS-managed key encrypts it") { v in
            v.stringValue.flatMap { isAWSManaged($0) ? "uses the AWS-managed key \($0)" : nil }
        }
    }

    /// `alias/aws/sqs` or `arn:aws:kms:…:alias/aws/sqs`: AWS's own aliases all live under `aws/`.
    static func isAWSManaged(_ key: String) -> Bool {
        key.hasPrefix("alias/aws/") || key.contains(":alias/aws/")
    }
}
