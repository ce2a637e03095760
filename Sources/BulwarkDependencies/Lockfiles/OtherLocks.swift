import BulwarkCore
import BulwarkFormats
import Foundation

enum PythonLock {
    /// Pinned lines only (`name==1.2.3`, extras and markers allowed); ranges cannot be matched to one version.
    static func requirements(_ text: String, file: String) -> [LockedPackage] {
        var out: [LockedPackage] = []
        for (n, raw) in Lines.split(text).enumerated() {
            var line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            line = line.split(separator: ";").first.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
            guard !line.hasPrefix("-"), let eq = line.range(of: "==") else { continue }
            var name = line[..<eq.lowerBound].trimmingCharacters(in: .whitespaces)
            if let bracket = name.firstIndex(of: "[") { name = String(name[..<bracket]) }
            let version = line[eq.upperBound...].split(separator: " ").first.map(String.init)?.trimmingCharacters(in: CharacterSet(charactersIn: "=")) ?? ""
            guard !name.isEmpty, !version.isEmpty, !version.contains("*") else { continue }
            out.append(LockedPackage(ecosystem: .pypi, name: name, version: version, location: SourceSpan(file: file, line: n + 1, column: 1)))
        }
        return out
    }

    /// Pipfile.lock: `default` and `develop` maps of name → {"version": "==1.2.3"}.
    static func pipfile(_ text: String, file: String) throws -> [LockedPackage] {
        let doc = try JSONParser.parse(text, file: file)
        var out: [LockedPackage] = []
        for section in ["default", "develop"] {
            for (name, v) in doc.value[section]?.objectValue ?? Object() {
                guard let spec = v["version"]?.stringValue, spec.hasPrefix("==") else { continue }
                out.append(LockedPackage(ecosystem: .pypi, name: name, version: String(spec.dropFirst(2)),
                                         location: doc.span(at: [.key(section), .key(name)])))
            }
        }
        return out
    }
}

/// poetry.lock and Cargo.lock: `[[package]]` tables with `name` and `version`.
enum TOMLLock {
    static func packages(_ text: String, file: String, ecosystem: Ecosystem) throws -> [LockedPackage] {
        var out: [LockedPackage] = []
        var name: String?, version: String?, line = 0
        func flush() {
            if let n = name, let v = version { out.append(LockedPackage(ecosystem: ecosystem, name: n, version: v, location: SourceSpan(file: file, line: line, column: 1))) }
            name = nil; version = nil
        }
        var inPackage = false
        for (i, raw) in Lines.split(text).enumerated() {
            let t = raw.trimmingCharacters(in: .whitespaces)
            if t.hasPrefix("[") {
                if t == "[[package]]" { flush(); inPackage = true; line = i + 1 } else if !t.hasPrefix("[package.") { flush(); inPackage = false }
                continue
            }
            guard inPackage, let eq = t.firstIndex(of: "=") else { continue }
            let key = t[..<eq].trimmingCharacters(in: .whitespaces)
            let value = t[t.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            guard key == "name" || key == "version" else { continue }
            guard value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 else {
                throw BulwarkError(.parse, "\(key) must be a quoted string", at: SourceSpan(file: file, line: i + 1, column: 1))
            }
            let s = String(value.dropFirst().dropLast())
            if key == "name" { name = s } else { version = s }
        }
        flush()
        return out
    }
}

/// go.mod `require` lines (single and block form); `// indirect` included.
enum GoMod {
    static func parse(_ text: String, file: String) -> [LockedPackage] {
        var out: [LockedPackage] = []
        var inBlock = false
        for (n, raw) in Lines.split(text).enumerated() {
            var t = raw.trimmingCharacters(in: .whitespaces)
            if let c = t.range(of: "//") { t = t[..<c.lowerBound].trimmingCharacters(in: .whitespaces) }
            if t.hasPrefix("require (") { inBlock = true; continue }
            if inBlock && t == ")" { inBlock = false; continue }
            var spec = t
            if !inBlock {
                guard t.hasPrefix("require ") else { continue }
                spec = String(t.dropFirst("require ".count))
            }
            let parts = spec.split(separator: " ")
            guard parts.count == 2, parts[1].hasPrefix("v") else { continue }
            out.append(LockedPackage(ecosystem: .go, name: String(parts[0]), version: String(parts[1]), location: SourceSpan(file: file, line: n + 1, column: 1)))
        }
        return out
    }
}

/// Gemfile.lock: `specs:` entries indented four spaces, `name (version)` or `name (version-platform)`.
enum GemfileLock {
    static func parse(_ text: String, file: String) -> [LockedPackage] {
        var out: [LockedPackage] = []
        for (n, raw) in Lines.split(text).enumerated() {
            guard raw.hasPrefix("    "), !raw.hasPrefix("     "), let open = raw.firstIndex(of: "("), let close = raw.lastIndex(of: ")") else { continue }
            let name = raw[..<open].trimmingCharacters(in: .whitespaces)
            var version = String(raw[raw.index(after: open)..<close])
            for platform in ["-x86_64", "-arm64", "-aarch64", "-java", "-x64", "-universal"] {
                if let r = version.range(of: platform) { version = String(version[..<r.lowerBound]) }
            }
            out.append(LockedPackage(ecosystem: .rubyGems, name: name, version: version, location: SourceSpan(file: file, line: n + 1, column: 5)))
        }
        return out
    }
}

enum ComposerLock {
    static func parse(_ text: String, file: String) throws -> [LockedPackage] {
        let doc = try JSONParser.parse(text, file: file)
        var out: [LockedPackage] = []
        for section in ["packages", "packages-dev"] {
            for (i, p) in (doc.value[section]?.arrayValue ?? []).enumerated() {
                guard let name = p["name"]?.stringValue, let version = p["version"]?.stringValue else { continue }
                out.append(LockedPackage(ecosystem: .packagist, name: name, version: version, location: doc.span(at: [.key(section), .index(i)])))
            }
        }
        return out
    }
}

/// SwiftPM's Package.resolved v1 (`object.pins`) and v2/v3 (`pins`); OSV's SwiftURL names packages by repository URL.
enum SwiftResolved {
    static func parse(_ text: String, file: String) throws -> [LockedPackage] {
        let doc = try JSONParser.parse(text, file: file)
        var out: [LockedPackage] = []
        let (pins, base): ([Value], [PathComponent]) = doc.value["pins"]?.arrayValue.map { ($0, [.key("pins")]) }
            ?? (doc.value["object"]?["pins"]?.arrayValue ?? [], [.key("object"), .key("pins")])
        for (i, pin) in pins.enumerated() {
            guard var url = pin["location"]?.stringValue ?? pin["repositoryURL"]?.stringValue, let version = pin["state"]?["version"]?.stringValue else { continue }
            if url.hasSuffix(".git") { url = String(url.dropLast(4)) }
            out.append(LockedPackage(ecosystem: .swiftURL, name: url, version: version, location: doc.span(at: base + [.index(i)])))
        }
        return out
    }
}

/// pom.xml `<dependency>` entries with a literal version or a `${property}` defined in the same POM.
enum MavenPOM {
    static func parse(_ text: String, file: String) throws -> [LockedPackage] {
        guard text.contains("<project") else { throw BulwarkError(.parse, "not a Maven POM (no <project> element)", at: SourceSpan(file: file, line: 1, column: 1)) }
        func tag(_ name: String, in s: Substring) -> String? {
            guard let a = s.range(of: "<\(name)>"), let b = s.range(of: "</\(name)>", range: a.upperBound..<s.endIndex) else { return nil }
            return s[a.upperBound..<b.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
        }
        // Properties: <properties><x.version>1.2</x.version></properties>
        var properties: [String: String] = [:]
        if let p = text.range(of: "<properties>"), let q = text.range(of: "</properties>", range: p.upperBound..<text.endIndex) {
            let body = text[p.upperBound..<q.lowerBound]
            var rest = body[...]
            while let open = rest.range(of: "<"), let close = rest.range(of: ">", range: open.upperBound..<rest.endIndex) {
                let name = String(rest[open.upperBound..<close.lowerBound])
                guard !name.hasPrefix("/"), !name.hasPrefix("!"), let end = rest.range(of: "</\(name)>", range: close.upperBound..<rest.endIndex) else {
                    rest = rest[close.upperBound...]; continue
                }
                properties[name] = rest[close.upperBound..<end.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
                rest = rest[end.upperBound...]
            }
        }
        var out: [LockedPackage] = []
        var search = text.startIndex..<text.endIndex
        while let open = text.range(of: "<dependency>", range: search), let close = text.range(of: "</dependency>", range: open.upperBound..<text.endIndex) {
            let body = text[open.upperBound..<close.lowerBound]
            search = close.upperBound..<text.endIndex
            guard let g = tag("groupId", in: body), let a = tag("artifactId", in: body), var v = tag("version", in: body) else { continue }
            if v.hasPrefix("${"), v.hasSuffix("}") {
                guard let resolved = properties[String(v.dropFirst(2).dropLast())] else { continue }
                v = resolved
            }
            guard !v.hasPrefix("["), !v.hasPrefix("(") else { continue }  // version ranges
            let line = text[..<open.lowerBound].reduce(1) { $0 + ($1 == "\n" ? 1 : 0) }
            out.append(LockedPackage(ecosystem: .maven, name: "\(g):\(a)", version: v, location: SourceSpan(file: file, line: line, column: 1)))
        }
        return out
    }
}
