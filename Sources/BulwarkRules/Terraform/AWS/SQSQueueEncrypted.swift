import BulwarkCore
import BulwarkTerraform

/// Queues carry business payloads; either SQS-managed or KMS encryption satisfies this.
enum SQSQueueEncrypted: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-SQS-001", title: "SQS queues are encrypted at rest", severity: .medium, pack: "terraform-aws",
        rationale: "Messages often contain personal or payment data; encryption at rest is expected by PCI DSS, HIPAA and SOC 2.",
        remediation: "Set kms_master_key_id to a KMS key (preferred) or sqs_managed_sse_enabled = true.",
        controls: controls("soc2:CC6.1", "pci:3.5.1", "hipaa:164.312(a)(2)(iv)", "nist:SC-28"), aliases: ["CKV_AWS_27"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_sqs_queue\" \"x\" {\n  name                    = \"orders\"\n  ↓sqs_managed_sse_enabled = false\n}\n"],
        passing: ["resource \"aws_sqs_queue\" \"x\" {\n  name              = \"orders\"\n  kms_master_key_id = \"alias/orders\"\n}\n"])

    static let resourceTypes: Set<String> = ["aws_sqs_queue"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        let kms = r.attribute("kms_master_key_id")
        if r.setByReference.contains("kms_master_key_id") { return [] }
        if case .known(let v) = kms, AttributeCheck.isSet(v) { return [] }
        let managed = AttributeCheck.requireBool(r, "sqs_managed_sse_enabled", true, whenMissing: false)
        // An unknown key could be the encryption the queue needs.
        if case .unknown(let reason) = kms, !managed.isEmpty { return [.notEvaluated(path: "kms_master_key_id", reason: reason)] }
        return managed
    }
}
