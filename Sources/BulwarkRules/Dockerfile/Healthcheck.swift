import BulwarkCore
import BulwarkFormats

/// Orchestrators without a health signal keep routing to hung containers.
enum Healthcheck: DockerfileRule {
    static let metadata = RuleMetadata(
        id: "DF-005", title: "The image declares a HEALTHCHECK", severity: .low, pack: "dockerfile",
        rationale: "A HEALTHCHECK lets Docker and Compose detect a hung process; Kubernetes users should still define probes.",
        remediation: "Add `HEALTHCHECK CMD <command that fails when the service is unhealthy>` to the final stage.",
        controls: controls("cis-docker:4.6", "soc2:A1.2"), aliases: ["CKV_DOCKER_2"])

    static let examples = RuleExamples(
        triggering: ["↓FROM alpine:3.19\nUSER 1000\n", "FROM alpine:3.19\n↓HEALTHCHECK NONE\n"],
        passing: ["FROM alpine:3.19\nHEALTHCHECK CMD wget -qO- localhost:8080/healthz || exit 1\n"])

    static func check(_ d: Dockerfile) -> [RuleHit] {
        guard let stage = d.finalStage else { return [] }
        if let hc = stage.instructions.last(where: { $0.keyword == "HEALTHCHECK" }) {
            if hc.arguments.uppercased() == "NONE" {
                return [RuleHit(line: hc.line, column: hc.column, message: "HEALTHCHECK NONE disables the health check.", attributePath: "stage[\(stage.index)].HEALTHCHECK")]
            }
            return []
        }
        return [RuleHit(line: stage.from.line, column: stage.from.column, message: "The final stage has no HEALTHCHECK.", attributePath: "stage[\(stage.index)].HEALTHCHECK")]
    }
}
