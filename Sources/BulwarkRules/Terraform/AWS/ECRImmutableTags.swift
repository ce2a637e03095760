import BulwarkCore
import BulwarkTerraform

/// A mutable tag lets whoever can push replace the image a deployment pins by tag.
enum ECRImmutableTags: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-ECR-001", title: "ECR repositories make image tags immutable", severity: .medium, pack: "terraform-aws",
        rationale: "With mutable tags, a compromised CI credential can silently overwrite `v1.2.3` with a malicious image that clusters then pull.",
        remediation: "Set image_tag_mutability = \"IMMUTABLE\" (or IMMUTABLE_WITH_EXCLUSION for scratch tags).",
        controls: controls("soc2:CC8.1", "nist:CM-14", "nist:SI-7"), aliases: ["CKV_AWS_51"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_ecr_repository\" \"x\" {\n  name                 = \"api\"\n  ↓image_tag_mutability = \"MUTABLE\"\n}\n"],
        passing: ["resource \"aws_ecr_repository\" \"x\" {\n  name                 = \"api\"\n  image_tag_mutability = \"IMMUTABLE\"\n}\n"])

    static let resourceTypes: Set<String> = ["aws_ecr_repository"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        AttributeCheck.require(r, "image_tag_mutability") { v in
            if v.isNull { return "does not set image_tag_mutability (defaults to MUTABLE)" }
            let s = v.interpolationText
            return s.hasPrefix("IMMUTABLE") ? nil : "sets image_tag_mutability = \(s)"
        }
    }
}
