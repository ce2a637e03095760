import BulwarkCore
import BulwarkFormats

/// sudo in an image means the runtime user can become root.
enum NoSudo: DockerfileRule {
    static let metadata = RuleMetadata(
        id: "DF-008", title: "sudo is not used", severity: .medium, pack: "dockerfile",
        rationale: "Installing or using sudo gives the container user a path back to root and makes TTY/signal handling unpredictable.",
        remediation: "Run privileged build steps before `USER`, and do not install sudo in the image.",
        controls: controls("soc2:CC6.1", "nist:AC-6"), aliases: ["CKV2_DOCKER_1"])

    static let examples = RuleExamples(
        triggering: ["FROM debian:12\n↓RUN sudo apt-get update\n", "FROM debian:12\n↓RUN apt-get install -y sudo\n"],
        passing: ["FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n"])

    static func check(_ d: Dockerfile) -> [RuleHit] {
        d.instructions.enumerated().compactMap { i, ins in
            guard ins.keyword == "RUN" else { return nil }
            let words = ([ins.arguments] + ins.heredocs).joined(separator: " ").split(whereSeparator: { $0 == " " || $0 == ";" || $0 == "&" || $0 == "|" || $0 == "\n" })
            return words.contains("sudo") ? RuleHit(line: ins.line, column: ins.column, message: "RUN uses or installs sudo.", attributePath: "instruction[\(i)].RUN") : nil
        }
    }
}
