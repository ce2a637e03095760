import BulwarkCore
import BulwarkTerraform

/// Access logs are the record of who called what at the edge; without them incident response starts blind.
enum LoadBalancerAccessLogs: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-LB-002", title: "Load balancers write access logs", severity: .low, pack: "terraform-aws",
        rationale: "Access logs are the record of who called what at the edge; without them incident response starts blind.",
        remediation: "Add access_logs { bucket = <log bucket>, enabled = true }.",
        controls: controls("soc2:CC7.2", "pci:10.2.1", "hipaa:164.312(b)", "nist:AU-2"), aliases: ["CKV_AWS_91"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_lb\" \"x\" {\n  name = \"web\"\n  access_logs {\n    bucket  = \"lb-logs\"\n    ↓enabled = false\n  }\n}\n"],
        passing: ["resource \"aws_lb\" \"x\" {\n  name = \"web\"\n  access_logs {\n    bucket  = \"lb-logs\"\n    enabled = true\n  }\n}\n"])

    static let resourceTypes: Set<String> = ["aws_lb", "aws_alb"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        if let reason = r.unknown["access_logs"] { return [.notEvaluated(path: "access_logs", reason: reason)] }
        guard let block = r.elements("access_logs").first else {
            return [.violation(path: "access_logs", message: "\(r.address) has no access_logs block.")]
        }
        return AttributeCheck.requireBool(r, block + ".enabled", true, whenMissing: false)
    }
}
