import BulwarkCore
import BulwarkFormats

/// Piping a download into a shell runs whatever the server (or a MITM) sends today.
enum NoCurlPipeShell: DockerfileRule {
    static let metadata = RuleMetadata(
        id: "DF-006", title: "Downloads are not piped into a shell", severity: .high, pack: "dockerfile",
        rationale: "`curl … | sh` (or `| python3 -`) executes unverified remote code at build time; the script can change between builds.",
        remediation: "Download to a file, verify its checksum or signature, then run it.",
        controls: controls("soc2:CC8.1", "pci:6.3.2", "nist:SI-7"), aliases: [])

    static let examples = RuleExamples(
        triggering: ["FROM alpine:3.19\n↓RUN curl -fsSL https://get.example.com | sh\n", "FROM alpine:3.19\n↓RUN wget -qO- https://x.io/i.sh | bash -s -- --yes\n",
                     "FROM python:3.12\n↓RUN curl -sSL https://install.python-poetry.org | python3 -\n"],
        passing: ["FROM alpine:3.19\nRUN curl -fsSLo i.sh https://x.io/i.sh && echo \"abc  i.sh\" | sha256sum -c && sh i.sh\n"])

    static func check(_ d: Dockerfile) -> [RuleHit] {
        d.instructions.enumerated().compactMap { i, ins in
            guard ins.keyword == "RUN" else { return nil }
            let script = ([ins.arguments] + ins.heredocs).joined(separator: "\n")
            for segment in script.components(separatedBy: "|").dropFirst() {
                let cmd = segment.trimmingCharacters(in: .whitespaces).split(separator: " ").first.map(String.init) ?? ""
                let shells: Set<String> = ["sh", "bash", "zsh", "ash", "dash", "/bin/sh", "/bin/bash", "sudo",
                                           "python", "python3", "perl", "ruby", "node", "php"]
                if shells.contains(cmd), script.contains("curl") || script.contains("wget") {
                    return RuleHit(line: ins.line, column: ins.column, message: "RUN pipes a download into \(cmd).", attributePath: "instruction[\(i)].RUN")
                }
            }
            return nil
        }
    }
}
