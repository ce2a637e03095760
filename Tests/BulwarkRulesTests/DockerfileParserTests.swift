import BulwarkFormats
import Testing

@Suite("Dockerfile parser")
struct DockerfileParserTests {
    @Test("continuations, comments inside them, heredocs, flags and exec form")
    func structure() {
        let d = Dockerfile.parse("""
        # syntax=docker/dockerfile:1
        ARG BASE=alpine:3.19
        FROM --platform=linux/amd64 ${BASE} AS build
        RUN apk add \\
        # a comment inside
            curl
        COPY <<EOF /etc/app.conf
        key=value
        EOF
        CMD ["/app", "--serve"]
        FROM build
        USER 1000
        """, file: "Dockerfile")
        #expect(d.stages.count == 2)
        #expect(d.stages[0].image == "alpine:3.19")
        #expect(d.stages[0].alias == "build")
        #expect(d.stages[0].from.flags == ["--platform=linux/amd64"])
        let run = d.stages[0].instructions[0]
        #expect(run.keyword == "RUN")
        #expect(run.arguments.contains("apk add") && run.arguments.contains("curl"))
        #expect(run.line == 4 && run.endLine == 6)
        #expect(d.stages[0].instructions[1].heredocs == ["key=value"])
        #expect(d.stages[0].instructions[2].execForm == ["/app", "--serve"])
        #expect(d.stages[0].instructions[2].line == 10)
        #expect(d.stages[1].instructions[0].keyword == "USER")
    }

    @Test("the escape directive changes the continuation character")
    func escapeDirective() {
        let d = Dockerfile.parse("# escape=`\nFROM mcr.microsoft.com/windows:ltsc2022\nRUN dir `\n  c:\\\n", file: "Dockerfile")
        #expect(d.stages[0].instructions.first?.arguments == "dir c:\\")
    }

    @Test("garbage never crashes and yields no stages")
    func garbage() {
        for text in ["", "\\", "FROM", "RUN <<", "RUN <<EOF\nno end", String(repeating: "\\\n", count: 1000), "\u{FEFF}FROM x"] {
            _ = Dockerfile.parse(text, file: "Dockerfile")
        }
        #expect(Dockerfile.parse("FROM", file: "D").stages.first?.image == "")
    }
}
