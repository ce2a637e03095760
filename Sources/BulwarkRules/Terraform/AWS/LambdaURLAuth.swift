import BulwarkCore
import BulwarkTerraform

/// A function URL with authorization_type NONE is a public, unauthenticated HTTPS endpoint into your code.
enum LambdaURLAuth: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-LAMBDA-001", title: "Lambda function URLs require IAM authentication", severity: .high, pack: "terraform-aws",
        rationale: "A function URL with authorization_type NONE is a public, unauthenticated HTTPS endpoint into your code.",
        remediation: "Set authorization_type = \"AWS_IAM\", or front the function with API Gateway and an authorizer.",
        controls: controls("soc2:CC6.1", "pci:7.2.1", "nist:AC-3"), aliases: ["CKV_AWS_258"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_lambda_function_url\" \"x\" {\n  function_name      = \"api\"\n  ↓authorization_type = \"NONE\"\n}\n"],
        passing: ["resource \"aws_lambda_function_url\" \"x\" {\n  function_name      = \"api\"\n  authorization_type = \"AWS_IAM\"\n}\n"])

    static let resourceTypes: Set<String> = ["aws_lambda_function_url"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.require(r, "authorization_type") { v in v.stringValue == "NONE" ? "allows unauthenticated calls (authorization_type = NONE)" : nil }
    }
}
