import BulwarkCore
import BulwarkTerraform

/// Scanning on push catches known-vulnerable images before anything deploys them.
enum ECRScanOnPush: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-ECR-002", title: "ECR repositories scan images on push", severity: .low, pack: "terraform-aws",
        rationale: "Scanning on push catches known-vulnerable images before anything deploys them.",
        remediation: "Add image_scanning_configuration { scan_on_push = true } (or enable enhanced scanning for the registry).",
        controls: controls("soc2:CC7.1", "pci:6.3.3", "nist:RA-5"), aliases: ["CKV_AWS_163"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_ecr_repository\" \"x\" {\n  name = \"api\"\n  image_scanning_configuration {\n    ↓scan_on_push = false\n  }\n}\n"],
        passing: ["resource \"aws_ecr_repository\" \"x\" {\n  name = \"api\"\n  image_scanning_configuration {\n    scan_on_push = true\n  }\n}\n"])

    static let resourceTypes: Set<String> = ["aws_ecr_repository"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        if let reason = r.unknown["image_scanning_configuration"] { return [.notEvaluated(path: "image_scanning_configuration", reason: reason)] }
        guard let config = r.elements("image_scanning_configuration").first else {
            return [.violation(path: "image_scanning_configuration", message: "\(r.address) has no image_scanning_configuration, so images are not scanned on push.")]
        }
        return AttributeCheck.requireBool(r, config + ".scan_on_push", true, whenMissing: false)
    }
}
