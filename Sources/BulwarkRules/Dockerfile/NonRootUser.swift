import BulwarkCore
import BulwarkFormats

/// The final stage must switch to a non-root user: the image's default user is what
/// every `docker run` and pod gets unless someone remembers to override it.
enum NonRootUser: DockerfileRule {
    static let metadata = RuleMetadata(
        id: "DF-001", title: "Final stage runs as a non-root user", severity: .high, pack: "dockerfile",
        rationale: "Without a USER instruction (or with USER root/0) the container runs as root, so any escape or mounted path is root on the host.",
        remediation: "Add `USER <non-root uid>` after the last instruction that needs root in the final stage.",
        controls: controls("cis-docker:4.1", "soc2:CC6.1", "pci:2.2.1", "nist:AC-6"), aliases: ["CKV_DOCKER_3", "CKV_DOCKER_8"])

    static let examples = RuleExamples(
        triggering: ["↓FROM alpine:3.19\nRUN apk add --no-cache curl\n", "FROM alpine:3.19\n↓USER root\n",
                     "FROM golang:1.22 AS build\nUSER 1000\n↓FROM alpine:3.19\nCOPY --from=build /app /app\n"],
        passing: ["FROM alpine:3.19\nUSER 10001\n", "FROM alpine:3.19\nUSER app:app\n", "FROM scratch\nCOPY app /app\nUSER 65532:65532\n"])

    static func check(_ d: Dockerfile) -> [RuleHit] {
        guard let stage = d.finalStage else { return [] }
        let path = "stage[\(stage.index)].USER"
        guard let user = stage.instructions.last(where: { $0.keyword == "USER" }) else {
            return [RuleHit(line: stage.from.line, column: stage.from.column,
                            message: "The final stage (\(stage.image)) has no USER instruction, so it runs as root.", attributePath: path)]
        }
        let name = user.arguments.split(separator: ":").first.map(String.init) ?? ""
        if name == "root" || name == "0" {
            return [RuleHit(line: user.line, column: user.column, message: "The final stage switches to USER \(user.arguments).", attributePath: path)]
        }
        return []
    }
}
