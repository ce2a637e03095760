import BulwarkCore
import BulwarkTerraform

/// Function configuration is visible to anyone with lambda:GetFunctionConfiguration and lands in Terraform state in clear text.
enum LambdaEnvironmentSecrets: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-LAMBDA-002", title: "Lambda environment variables hold no AWS access keys", severity: .high, pack: "terraform-aws",
        rationale: "Function configuration is visible to anyone with lambda:GetFunctionConfiguration and lands in Terraform state in clear text.",
        remediation: "Use the function's execution role; keep other secrets in Secrets Manager or SSM SecureString and read them at runtime.",
        controls: controls("soc2:CC6.1", "pci:8.3.2", "nist:IA-5"), aliases: ["CKV_AWS_45"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_lambda_function\" \"x\" {\n  function_name = \"api\"\n  role          = \"arn:aws:iam::111122223333:role/api\"\n  environment {\n    ↓variables = {\n      AWS_ACCESS_KEY_ID = \"AKIAIOSFODNN7EXAMPLE\"\n    }\n  }\n}\n"],
        passing: ["resource \"aws_lambda_function\" \"x\" {\n  function_name = \"api\"\n  role          = \"arn:aws:iam::111122223333:role/api\"\n  environment {\n    variables = {\n      TABLE = \"orders\"\n    }\n  }\n}\n"])

    static let resourceTypes: Set<String> = ["aws_lambda_function"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        if let reason = r.unknown["environment"] { return [.notEvaluated(path: "environment", reason: reason)] }
        for e in r.elements("environment") {
            guard case .known(let vars) = r.attribute(e + ".variables"), let o = vars.objectValue else { continue }
            for (name, v) in o {
                if let text = v.stringValue, AWSCredentials.accessKey(in: text) != nil || (name.uppercased() == "AWS_SECRET_ACCESS_KEY" && !text.isEmpty) {
                    return [.violation(path: e + ".variables", message: "\(r.address) sets \(name) to an AWS credential in its environment.")]
                }
            }
        }
        return []
    }
}
