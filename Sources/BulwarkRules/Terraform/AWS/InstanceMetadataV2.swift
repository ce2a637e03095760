import BulwarkCore
import BulwarkTerraform

/// IMDSv1 answers any GET, so one SSRF bug in an app hands out the instance role's
/// credentials (the Capital One breach). IMDSv2 needs a session token first.
enum InstanceMetadataV2: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-EC2-002", title: "Instances require IMDSv2 session tokens", severity: .high, pack: "terraform-aws",
        rationale: "With IMDSv1, a server-side request forgery in any application on the instance can read its IAM credentials from 169.254.169.254.",
        remediation: "Add metadata_options { http_tokens = \"required\" } (or http_endpoint = \"disabled\" when the metadata service is not needed).",
        controls: controls("cis-aws:5.6", "soc2:CC6.1", "nist:AC-3"), aliases: ["CKV_AWS_79"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_instance\" \"x\" {\n  ami           = \"ami-123\"\n  instance_type = \"t3.micro\"\n  metadata_options {\n    ↓http_tokens = \"optional\"\n  }\n}\n"],
        passing: ["resource \"aws_launch_template\" \"x\" {\n  image_id = \"ami-123\"\n  metadata_options {\n    http_endpoint = \"enabled\"\n    http_tokens   = \"required\"\n  }\n}\n"])

    static let resourceTypes: Set<String> = ["aws_instance", "aws_launch_template", "aws_launch_configuration"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        if let reason = r.unknown["metadata_options"] { return [.notEvaluated(path: "metadata_options", reason: reason)] }
        guard let options = r.elements("metadata_options").first else {
            return [.violation(path: "metadata_options", message: "\(r.address) has no metadata_options, so IMDSv1 stays enabled.")]
        }
        if case .known(let endpoint) = r.attribute(options + ".http_endpoint"), endpoint.stringValue == "disabled" { return [] }
        return AttributeCheck.require(r, options + ".http_tokens") { v in
            v.stringValue == "required" ? nil : v.isNull ? "does not set http_tokens (defaults to optional, IMDSv1 allowed)" : "sets http_tokens = \(v.interpolationText), allowing IMDSv1"
        }
    }
}
