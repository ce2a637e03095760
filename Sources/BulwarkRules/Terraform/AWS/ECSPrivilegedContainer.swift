import BulwarkCore
import BulwarkTerraform

/// A privileged container has every capability and device of the host; escaping it is trivial.
enum ECSPrivilegedContainer: TerraformRule {
    static let metadata = RuleMetadata(
        id: "AWS-ECS-001", title: "ECS task definitions do not run privileged containers", severity: .high, pack: "terraform-aws",
        rationale: "A privileged container has every capability and device of the host; escaping it is trivial.",
        remediation: "Remove privileged = true from the container definition and add only the capabilities the container needs.",
        controls: controls("soc2:CC6.1", "nist:AC-6", "cis-docker:5.4"), aliases: ["CKV_AWS_334"])

    static let examples = RuleExamples(
        triggering: ["resource \"aws_ecs_task_definition\" \"x\" {\n  family = \"api\"\n  ↓container_definitions = jsonencode([{ name = \"api\", image = \"api:1\", privileged = true }])\n}\n"],
        passing: ["resource \"aws_ecs_task_definition\" \"x\" {\n  family = \"api\"\n  container_definitions = jsonencode([{ name = \"api\", image = \"api:1\", readonlyRootFilesystem = true }])\n}\n"])

    static let resourceTypes: Set<String> = ["aws_ecs_task_definition"]

    static func check(_ r: ResourceInstance, in module: TerraformModule) -> [TerraformVerdict] {
        switch r.attribute("container_definitions") {
        case .unknown(let reason): return [.notEvaluated(path: "container_definitions", reason: reason)]
        case .known(let v):
            guard let text = v.stringValue, let defs = (try? JSONParser.parseValue(text))?.arrayValue else { return [] }
            let privileged = defs.filter { $0["privileged"].map { AttributeCheck.bool($0) == true } ?? false }
            return privileged.isEmpty ? [] : [.violation(path: "container_definitions", message: "\(r.address) runs privileged container(s) \(privileged.compactMap { $0["name"]?.stringValue }.joined(separator: ", ")).")]
        }
    }
}
