import BulwarkCore
import BulwarkFormats

/// Tags move; a digest pins the exact base image that was reviewed and scanned.
enum BaseImagePinnedByDigest: DockerfileRule {
    static let metadata = RuleMetadata(
        id: "DF-002", title: "Base images are pinned by digest", severity: .low, pack: "dockerfile",
        rationale: "A tag can be re-pointed at a different image at any time; builds stop being reproducible and reviewed.",
        remediation: "Use `FROM image:tag@sha256:<digest>` and let a bot such as Renovate update the digest.",
        controls: controls("soc2:CC8.1", "sox:CM-1", "nist:CM-2", "pci:6.3.2"), aliases: [])

    static let examples = RuleExamples(
        triggering: ["↓FROM alpine:3.19\nUSER 1000\n", "ARG BASE=python:3.12\n↓FROM $BASE\n"],
        passing: ["FROM alpine:3.19@sha256:c5b1261d6d3e43071626931fc004f70149baeba2c8ec672bd4f27761f8e1ad6b\n",
                  "FROM scratch\n", "FROM golang@sha256:aaaa AS build\nFROM build\n"])

    static func check(_ d: Dockerfile) -> [RuleHit] {
        let aliases = Set(d.stages.compactMap(\.alias))
        return d.stages.compactMap { s in
            if s.image == "scratch" || aliases.contains(s.image) || s.image.contains("@sha256:") { return nil }
            return RuleHit(line: s.from.line, column: s.from.column,
                           message: "Base image \(s.image) is not pinned by digest.", attributePath: "stage[\(s.index)].FROM")
        }
    }
}
