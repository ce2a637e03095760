import BulwarkCore
import BulwarkFormats

/// ENV and ARG values are baked into image layers and history for anyone who pulls it.
enum NoSecretsInEnv: DockerfileRule {
    static let metadata = RuleMetadata(
        id: "DF-007", title: "No secrets in ENV or ARG", severity: .high, pack: "dockerfile",
        rationale: "ENV values ship in the image config and ARG values in its history; both are readable by anyone with the image.",
        remediation: "Use BuildKit secrets (`RUN --mount=type=secret,id=…`) at build time and inject runtime secrets from the platform.",
        controls: controls("soc2:CC6.1", "pci:3.5.1", "hipaa:164.312(a)", "nist:IA-5"), aliases: [])

    static let examples = RuleExamples(
        triggering: ["FROM alpine:3.19\n↓ENV DB_PASSWORD=hunter2\n", "FROM alpine:3.19\n↓ARG GITHUB_TOKEN=ghp_abc\n", "FROM alpine:3.19\n↓ENV API_KEY abc123\n"],
        passing: ["FROM alpine:3.19\nENV PASSWORD_FILE=/run/secrets/db\n", "FROM alpine:3.19\nARG GITHUB_TOKEN\n", "FROM alpine:3.19\nENV LOG_LEVEL=debug\n"])

    static let sensitive = ["PASSWORD", "PASSWD", "SECRET", "TOKEN", "API_KEY", "APIKEY", "ACCESS_KEY", "PRIVATE_KEY", "CREDENTIAL"]
    static let harmlessSuffixes = ["_FILE", "_PATH", "_DIR", "_NAME", "_URL_FILE"]

    static func check(_ d: Dockerfile) -> [RuleHit] {
        var hits: [RuleHit] = []
        for (i, ins) in d.instructions.enumerated() where ins.keyword == "ENV" || ins.keyword == "ARG" {
            for (name, value) in pairs(ins) {
                let upper = name.uppercased()
                guard sensitive.contains(where: upper.contains), !harmlessSuffixes.contains(where: upper.hasSuffix) else { continue }
                guard let value, !value.isEmpty, !value.hasPrefix("$") else { continue }
                hits.append(RuleHit(line: ins.line, column: ins.column, message: "\(ins.keyword) \(name) sets a secret-looking value in the image.",
                                    attributePath: "instruction[\(i)].\(ins.keyword).\(name)"))
            }
        }
        return hits
    }

    static func pairs(_ ins: Dockerfile.Instruction) -> [(String, String?)] {
        if ins.keyword == "ENV", !ins.arguments.contains("="), let space = ins.arguments.firstIndex(of: " ") {
            // Legacy form: ENV NAME value with spaces
            return [(String(ins.arguments[ins.arguments.startIndex..<space]), String(ins.arguments[ins.arguments.index(after: space)...]).trimmingCharacters(in: .whitespaces))]
        }
        return Dockerfile.argDeclarations(ins.arguments)
    }
}
