import BulwarkCore
import BulwarkFormats

/// npm's three lockfiles.
enum NPMLock {
    /// package-lock.json v1 (nested `dependencies`) and v2/v3 (`packages` keyed by install path).
    static func packageLock(_ text: String, file: String) throws -> [LockedPackage] {
        let doc = try JSONParser.parse(text, file: file)
        var out: [LockedPackage] = []
        if let packages = doc.value["packages"]?.objectValue {
            for (path, v) in packages where !path.isEmpty {
                guard let version = v["version"]?.stringValue, v["link"]?.boolValue != true else { continue }
                let name = v["name"]?.stringValue ?? String(path.components(separatedBy: "node_modules/").last ?? path)
                out.append(LockedPackage(ecosystem: .npm, name: name, version: version, location: doc.span(at: [.key("packages"), .key(path)])))
            }
            return out
        }
        func walk(_ deps: Object?, _ path: [PathComponent]) {
            guard let deps else { return }
            for (name, v) in deps {
                let here = path + [.key(name)]
                if let version = v["version"]?.stringValue, !version.hasPrefix("file:") {
                    out.append(LockedPackage(ecosystem: .npm, name: name, version: version, location: doc.span(at: here)))
                }
                walk(v["dependencies"]?.objectValue, here + [.key("dependencies")])
            }
        }
        walk(doc.value["dependencies"]?.objectValue, [.key("dependencies")])
        return out
    }

    /// yarn.lock: classic (v1) text blocks and Berry (v2+) YAML both have
    /// `"name@range, name@range":` headers followed by an indented `version` line.
    static func yarn(_ text: String, file: String) throws -> [LockedPackage] {
        var out: [LockedPackage] = []
        var names: [String] = []
        var headerLine = 0
        for (n, raw) in Lines.split(text).enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.isEmpty || line.hasPrefix("#") { continue }
            if !line.hasPrefix(" ") {
                guard line.hasSuffix(":") else {
                    throw BulwarkError(.parse, "yarn.lock: expected a package header ending in ':'", at: SourceSpan(file: file, line: n + 1, column: 1))
                }
                headerLine = n + 1
                names = line.dropLast().split(separator: ",").compactMap { spec in
                    var s = spec.trimmingCharacters(in: .whitespaces)
                    if s.hasPrefix("\"") { s = String(s.dropFirst().dropLast(s.hasSuffix("\"") ? 1 : 0)) }
                    // "@scope/name@npm:^1.0" → "@scope/name"
                    guard let at = s.dropFirst().firstIndex(of: "@") else { return nil }
                    return String(s[..<at])
                }
                continue
            }
            let t = line.trimmingCharacters(in: .whitespaces)
            if t.hasPrefix("version ") || t.hasPrefix("version:") {
                var v = t.dropFirst("version".count).trimmingCharacters(in: CharacterSet(charactersIn: " :"))
                v = v.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                for name in Set(names) where name != "__metadata" {
                    out.append(LockedPackage(ecosystem: .npm, name: name, version: v, location: SourceSpan(file: file, line: headerLine, column: 1)))
                }
                names = []
            }
        }
        return out
    }

    /// pnpm-lock.yaml: `packages` keys are `/name@version` (v6), `/name/version` (v5) or
    /// `name@version` (v9), possibly with a peer suffix in parentheses.
    static func pnpm(_ text: String, file: String) throws -> [LockedPackage] {
        guard let doc = try YAMLLoader.load(text, file: file).first else { return [] }
        var out: [LockedPackage] = []
        for (key, _) in doc.value["packages"]?.objectValue ?? Object() {
            var k = key.hasPrefix("/") ? String(key.dropFirst()) : key
            if let paren = k.firstIndex(of: "(") { k = String(k[..<paren]) }
            var name: String, version: String
            if let at = k.dropFirst().lastIndex(of: "@") {
                name = String(k[..<at]); version = String(k[k.index(after: at)...])
            } else if let slash = k.lastIndex(of: "/") {
                name = String(k[..<slash]); version = String(k[k.index(after: slash)...])
            } else { continue }
            if let underscore = version.firstIndex(of: "_") { version = String(version[..<underscore]) }
            out.append(LockedPackage(ecosystem: .npm, name: name, version: version, location: doc.span(at: [.key("packages"), .key(key)])))
        }
        return out
    }
}

import Foundation
