import BulwarkCore
import BulwarkFormats

/// Containers are not machines to log into; an SSH port is an unmonitored way in.
enum NoSSHPort: DockerfileRule {
    static let metadata = RuleMetadata(
        id: "DF-009", title: "Port 22 is not exposed", severity: .medium, pack: "dockerfile",
        rationale: "Running sshd in a container bypasses the platform's access controls and audit trail.",
        remediation: "Remove EXPOSE 22; use `kubectl exec` or ephemeral debug containers, which are audited.",
        controls: controls("cis-docker:4.8", "soc2:CC6.6", "pci:1.3.1"), aliases: ["CKV_DOCKER_1"])

    static let examples = RuleExamples(
        triggering: ["FROM alpine:3.19\n↓EXPOSE 22\n", "FROM alpine:3.19\n↓EXPOSE 80 22/tcp\n"],
        passing: ["FROM alpine:3.19\nEXPOSE 8080\n", "FROM alpine:3.19\nEXPOSE 2222\n"])

    static func check(_ d: Dockerfile) -> [RuleHit] {
        d.instructions.enumerated().compactMap { i, ins in
            guard ins.keyword == "EXPOSE" else { return nil }
            let ports = ins.arguments.split(separator: " ").map { $0.split(separator: "/").first.map(String.init) ?? "" }
            return ports.contains("22") ? RuleHit(line: ins.line, column: ins.column, message: "EXPOSE includes port 22 (SSH).", attributePath: "instruction[\(i)].EXPOSE") : nil
        }
    }
}
