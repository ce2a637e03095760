import BulwarkCore
import BulwarkTerraform

/// Build artifacts are what gets deployed; unencrypted, they can be read or swapped in the artifact bucket.
enum CodeBuildArtifactsEncrypted: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-CB-001", title: "CodeBuild projects encrypt their artifacts", severity: .medium, pack: "terraform-aws",
        rationale: "Build artifacts are what gets deployed; unencrypted, they can be read or swapped in the artifact bucket.",
        remediation: "Remove encryption_disabled = true from the artifacts block.",
        controls: controls("soc2:CC8.1", "pci:3.5.1", "nist:SC-28"), aliases: ["CKV_AWS_78"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_codebuild_project\" \"x\" {\n  name = \"build\"\n  artifacts {\n    type                = \"S3\"\n    ↓encryption_disabled = true\n  }\n}\n"],
        passing: ["resource \"aws_codebuild_project\" \"x\" {\n  name = \"build\"\n  artifacts {\n    type = \"S3\"\n  }\n}\n"])

    static let resourceTypes: Set<String> = ["aws_codebuild_project"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        return AttributeCheck.eachBlock(r, "artifacts") { a -> [TerraformVerdict] in
            // With no artifacts there is nothing to encrypt.
            if r.attribute(a + ".type").known?.stringValue == "NO_ARTIFACTS" { return [] }
            return AttributeCheck.requireBool(r, a + ".encryption_disabled", false, whenMissing: false)
        }
    }
}
