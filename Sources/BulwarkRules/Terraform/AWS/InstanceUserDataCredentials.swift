import BulwarkCore
import BulwarkTerraform
import Foundation

/// User data is readable by anyone who can describe the instance and from inside it via IMDS; keys there are effectively published.
enum InstanceUserDataCredentials: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-EC2-005", title: "Instance user data holds no AWS access keys", severity: .critical, pack: "terraform-aws",
        rationale: "User data is readable by anyone who can describe the instance and from inside it via IMDS; keys there are effectively published.",
        remediation: "Give the instance an IAM role (instance profile) and remove the keys; rotate the exposed key now.",
        controls: controls("soc2:CC6.1", "pci:8.3.2", "nist:IA-5"), aliases: ["CKV_AWS_46"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_instance\" \"x\" {\n  ami           = \"ami-123\"\n  instance_type = \"t3.micro\"\n  ↓user_data     = \"export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\"\n}\n"],
        passing: ["resource \"aws_instance\" \"x\" {\n  ami                  = \"ami-123\"\n  instance_type        = \"t3.micro\"\n  iam_instance_profile = \"app\"\n  user_data            = \"#!/bin/sh\\necho ready\"\n}\n"])

    static let resourceTypes: Set<String> = ["aws_instance", "aws_launch_template", "aws_launch_configuration"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        for path in ["user_data", "user_data_base64"] {
            guard case .known(let v) = r.attribute(path), var text = v.stringValue else { continue }
            if path == "user_data_base64", let data = Data(base64Encoded: text), let decoded = String(data: data, encoding: .utf8) { text = decoded }
            if let key = AWSCredentials.accessKey(in: text) {
                return [.violation(path: path, message: "\(r.address) user data contains an AWS access key (\(key.prefix(8))…).")]
            }
        }
        return []
    }
}
