import BulwarkCore
import BulwarkTerraform

/// A public warehouse endpoint exposes the organisation's data to the internet behind a password.
enum RedshiftPublic: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-RS-002", title: "Redshift clusters are not publicly accessible", severity: .critical, pack: "terraform-aws",
        rationale: "A public warehouse endpoint exposes the organisation's data to the internet behind a password.",
        remediation: "Set publicly_accessible = false.",
        controls: controls("soc2:CC6.6", "pci:1.3.1", "nist:SC-7"), aliases: ["CKV_AWS_87"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_redshift_cluster\" \"x\" {\n  cluster_identifier = \"dw\"\n  ↓publicly_accessible = true\n}\n"],
        passing: ["resource \"aws_redshift_cluster\" \"x\" {\n  cluster_identifier = \"dw\"\n  publicly_accessible = false\n}\n"])

    static let resourceTypes: Set<String> = ["aws_redshift_cluster"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.requireBool(r, "publicly_accessible", false, whenMissing: true)
    }
}
