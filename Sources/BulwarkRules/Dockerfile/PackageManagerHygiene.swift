import BulwarkCore
import BulwarkFormats

/// Installs should pull no extras and leave no package caches in the layer.
enum PackageManagerHygiene: DockerfileRule {
    static let metadata = RuleMetadata(
        id: "DF-010", title: "Package installs are minimal and leave no cache", severity: .low, pack: "dockerfile",
        rationale: "Recommended packages and caches enlarge the attack surface and the image; `apt-get upgrade` makes builds unreproducible.",
        remediation: "Use `apt-get install --no-install-recommends` and remove /var/lib/apt/lists in the same RUN, `apk add --no-cache`, `pip install --no-cache-dir`; pin versions instead of upgrading.",
        controls: controls("soc2:CC8.1", "nist:CM-7"), aliases: [])

    static let examples = RuleExamples(
        triggering: ["FROM debian:12\n↓RUN apt-get update && apt-get install -y curl\n", "FROM alpine:3.19\n↓RUN apk add curl\n",
                     "FROM debian:12\n↓RUN apt-get update && apt-get -y upgrade\n"],
        passing: ["FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n",
                  "FROM alpine:3.19\nRUN apk add --no-cache curl\n"])

    static func check(_ d: Dockerfile) -> [RuleHit] {
        var hits: [RuleHit] = []
        for (i, ins) in d.instructions.enumerated() where ins.keyword == "RUN" {
            let s = ([ins.arguments] + ins.heredocs).joined(separator: "\n")
            var problems: [String] = []
            if s.contains("apt-get install") || s.contains("apt install") {
                if !s.contains("--no-install-recommends") { problems.append("apt install without --no-install-recommends") }
                if !s.contains("/var/lib/apt/lists") && !ins.flags.contains(where: { $0.hasPrefix("--mount=type=cache") }) {
                    problems.append("apt lists left in the layer")
                }
            }
            let words = Set(s.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" || $0 == "&" }).map(String.init))
            if (words.contains("apt-get") || words.contains("apt")) && (words.contains("upgrade") || words.contains("dist-upgrade")) {
                problems.append("distribution upgrade in the build")
            }
            if s.contains("apk add") && !s.contains("--no-cache") { problems.append("apk add without --no-cache") }
            if s.contains("pip install") && !s.contains("--no-cache-dir") && !ins.flags.contains(where: { $0.hasPrefix("--mount=type=cache") }) {
                problems.append("pip install without --no-cache-dir")
            }
            if !problems.isEmpty {
                hits.append(RuleHit(line: ins.line, column: ins.column, message: "RUN: " + problems.joined(separator: "; ") + ".", attributePath: "instruction[\(i)].RUN"))
            }
        }
        return hits
    }
}
