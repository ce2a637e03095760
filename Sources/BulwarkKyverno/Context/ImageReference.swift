import BulwarkCore

/// A container image reference split the way Docker normalises it (`nginx` →
/// `docker.io/library/nginx:latest`), which is what Kyverno's `images` variables and
/// `image_normalize` expose.
public struct ImageReference: Sendable, Equatable {
    public var registry: String
    public var path: String
    public var tag: String
    public var digest: String
    /// The image as written.
    public var original: String

    public var name: String { path.split(separator: "/").last.map(String.init) ?? path }

    public init?(_ raw: String) {
        let image = raw
        guard !image.isEmpty, !image.utf8.contains(UInt8(ascii: " ")) else { return nil }
        original = image
        var rest = Substring(image)
        digest = ""
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[rest.startIndex..<at]
            guard digest.contains(":") else { return nil }
        }
        tag = ""
        if let colon = rest.lastIndex(of: ":"), !rest[colon...].contains("/") {
            tag = String(rest[rest.index(after: colon)...])
            rest = rest[rest.startIndex..<colon]
            guard !tag.isEmpty else { return nil }
        }
        let comps = rest.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard !comps.contains(where: \.isEmpty) else { return nil }
        if comps.count > 1, comps[0].contains(".") || comps[0].contains(":") || comps[0] == "localhost" {
            registry = comps[0]
            path = comps[1...].joined(separator: "/")
        } else {
            registry = "docker.io"
            path = comps.joined(separator: "/")
            if comps.count == 1 { path = "library/" + path }
        }
        guard path == path.lowercased() else { return nil }
        if tag.isEmpty && digest.isEmpty { tag = "latest" }
    }

    /// `registry/path:tag`, or `registry/path@digest` when pinned.
    public var normalized: String {
        let base = "\(registry)/\(path)"
        return digest.isEmpty ? "\(base):\(tag)" : "\(base)@\(digest)"
    }

    /// The object Kyverno puts under `images.<type>.<container>`.
    public var contextValue: Value {
        var o = Object()
        o["registry"] = .string(registry)
        o["name"] = .string(name)
        o["path"] = .string(path)
        o["tag"] = .string(tag)
        o["digest"] = .string(digest)
        o["reference"] = .string(normalized)
        o["referenceWithTag"] = .string("\(registry)/\(path):\(tag)")
        return .object(o)
    }
}

import Foundation
