import BulwarkCore
import BulwarkFormats

/// ADD fetches URLs and unpacks archives implicitly; COPY does only what it says.
enum CopyNotAdd: DockerfileRule {
    static let metadata = RuleMetadata(
        id: "DF-004", title: "COPY is used instead of ADD", severity: .low, pack: "dockerfile",
        rationale: "ADD downloads remote URLs without verification and auto-extracts archives, both surprising and exploitable.",
        remediation: "Use COPY for local files; download with curl and verify a checksum when you need a remote file.",
        controls: controls("cis-docker:4.9", "soc2:CC8.1"), aliases: ["CKV_DOCKER_4"])

    static let examples = RuleExamples(
        triggering: ["FROM alpine:3.19\n↓ADD app.tar.gz /app\n", "FROM alpine:3.19\n↓ADD https://example.com/x /x\n"],
        passing: ["FROM alpine:3.19\nCOPY app /app\n"])

    static func check(_ d: Dockerfile) -> [RuleHit] {
        d.instructions.enumerated().compactMap { i, ins in
            ins.keyword == "ADD" ? RuleHit(line: ins.line, column: ins.column, message: "ADD \(ins.arguments): use COPY.", attributePath: "instruction[\(i)].ADD") : nil
        }
    }
}
