import BulwarkCore
import BulwarkFormats

/// `latest` (explicit or implied) is whatever was pushed last.
enum BaseImageNotLatest: DockerfileRule {
    static let metadata = RuleMetadata(
        id: "DF-003", title: "Base images have a version tag other than latest", severity: .medium, pack: "dockerfile",
        rationale: "Without a tag Docker uses :latest, which changes under you and breaks builds or ships unreviewed code.",
        remediation: "Pin the base image to a version tag (and ideally a digest).",
        controls: controls("soc2:CC8.1", "sox:CM-1", "pci:6.3.2"), aliases: ["CKV_DOCKER_7"])

    static let examples = RuleExamples(
        triggering: ["↓FROM ubuntu\n", "↓FROM node:latest AS build\n", "ARG TAG=latest\n↓FROM nginx:${TAG}\n"],
        passing: ["FROM ubuntu:24.04\n", "FROM nginx@sha256:abc\n", "FROM scratch\n", "FROM node:20 AS build\nFROM build\n"])

    static func check(_ d: Dockerfile) -> [RuleHit] {
        let aliases = Set(d.stages.compactMap(\.alias))
        return d.stages.compactMap { s in
            if s.image == "scratch" || aliases.contains(s.image) || s.image.contains("@") { return nil }
            let lastComponent = s.image.split(separator: "/").last.map(String.init) ?? s.image
            let tag = lastComponent.split(separator: ":", maxSplits: 1).dropFirst().first.map(String.init)
            guard tag == nil || tag == "latest" || tag == "" else { return nil }
            return RuleHit(line: s.from.line, column: s.from.column,
                           message: "Base image \(s.image) uses \(tag == nil ? "no tag (latest)" : ":latest").", attributePath: "stage[\(s.index)].FROM")
        }
    }
}
