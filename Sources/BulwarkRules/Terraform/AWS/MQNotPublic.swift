import BulwarkCore
import BulwarkTerraform

/// A public broker exposes message queues and their management console to the internet.
enum MQNotPublic: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-MQ-001", title: "MQ brokers are not publicly accessible", severity: .high, pack: "terraform-aws",
        rationale: "A public broker exposes message queues and their management console to the internet.",
        remediation: "Set publicly_accessible = false.",
        controls: controls("soc2:CC6.6", "pci:1.3.1", "nist:SC-7"), aliases: ["CKV_AWS_69"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_mq_broker\" \"x\" {\n  broker_name = \"events\"\n  ↓publicly_accessible = true\n}\n"],
        passing: ["resource \"aws_mq_broker\" \"x\" {\n  broker_name = \"events\"\n  publicly_accessible = false\n}\n"])

    static let resourceTypes: Set<String> = ["aws_mq_broker"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.requireBool(r, "publicly_accessible", false, whenMissing: false)
    }
}
