import BulwarkCore
import BulwarkTerraform

/// Access logs record every caller and request at the API edge; without them abuse and breaches cannot be traced.
enum APIGatewayAccessLogs: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-API-001", title: "API Gateway stages write access logs", severity: .low, pack: "terraform-aws",
        rationale: "Access logs record every caller and request at the API edge; without them abuse and breaches cannot be traced.",
        remediation: "Add access_log_settings { destination_arn = <log group ARN>, format = ... }.",
        controls: controls("soc2:CC7.2", "pci:10.2.1", "hipaa:164.312(b)", "nist:AU-2"), aliases: ["CKV_AWS_76"])

    static let examples = RuleExamples(
        triggering: ["↓resource \"aws_api_gateway_stage\" \"x\" {\n  stage_name    = \"prod\"\n  rest_api_id   = \"abc\"\n  deployment_id = \"def\"\n}\n"],
        passing: ["resource \"aws_api_gateway_stage\" \"x\" {\n  stage_name    = \"prod\"\n  rest_api_id   = \"abc\"\n  deployment_id = \"def\"\n  access_log_settings {\n    destination_arn = \"arn:aws:logs:eu-west-1:111122223333:log-group:api\"\n    format          = \"$context.requestId\"\n  }\n}\n"])

    static let resourceTypes: Set<String> = ["aws_api_gateway_stage", "aws_apigatewayv2_stage"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        if let reason = r.unknown["access_log_settings"] { return [.notEvaluated(path: "access_log_settings", reason: reason)] }
        return r.elements("access_log_settings").isEmpty ? [.violation(path: "access_log_settings", message: "\(r.address) has no access_log_settings.")] : []
    }
}
