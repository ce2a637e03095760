import BulwarkCore
import Foundation

/// Reads Kubernetes-style inputs (YAML streams, JSON) from disk into documents, with
/// `List` objects unwrapped the way `kubectl` and Kyverno treat them.
public enum DocumentLoader {
    /// Parses text as JSON when it looks like JSON, YAML otherwise.
    public static func parse(_ text: String, file: String) throws -> [Document] {
        let trimmed = text.drop(while: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" || $0 == "\u{FEFF}" })
        if file.hasSuffix(".json") || trimmed.first == "{" || trimmed.first == "[" {
            if let doc = try? JSONParser.parse(text, file: file) { return [doc] }
            if file.hasSuffix(".json") { _ = try JSONParser.parse(text, file: file) }
        }
        return try YAMLLoader.load(text, file: file)
    }

    /// Reads a file, rejecting what is not text before any parser sees it.
    public static func readText(_ path: String) throws -> String {
        try text(FileManager.default.contents(atPath: path), path: path)
    }

    /// The bytes read from `path` as text, or why they are not: missing, a directory,
    /// binary, not UTF-8. For callers that also need the bytes (the secret scan).
    public static func text(_ data: Data?, path: String) throws -> String {
        guard let data else {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
                throw BulwarkError(.io, "is a directory, expected a file", at: SourceSpan(file: path, line: 1, column: 1))
            }
            throw BulwarkError(.io, "file not found", at: SourceSpan(file: path, line: 1, column: 1))
        }
        if data.prefix(8192).contains(0) {
            throw BulwarkError(.parse, "binary file (contains NUL bytes)", at: SourceSpan(file: path, line: 1, column: 1))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw BulwarkError(.parse, "not valid UTF-8 text", at: SourceSpan(file: path, line: 1, column: 1))
        }
        return text
    }

    public static func load(path: String) throws -> [Document] {
        try parse(readText(path), file: path)
    }

    /// Kubernetes resources in a set of documents: nulls (empty `---` sections) dropped,
    /// `List` / `v1/List` / `*List` kinds with `items` expanded in place.
    public static func resources(in documents: [Document]) -> [Document] {
        var out: [Document] = []
        for doc in documents {
            guard case .object(let o) = doc.value else { continue }
            if let kind = o["kind"]?.stringValue, kind.hasSuffix("List"), case .array(let items)? = o["items"] {
                let itemsPos = o.position(of: "items")
                for (i, item) in items.enumerated() where item.objectValue != nil {
                    var span: SpanTree? = nil
                    if let itemsPos, let tree = doc.spans, itemsPos < tree.children.count, i < tree.children[itemsPos].children.count {
                        span = tree.children[itemsPos].children[i]
                    }
                    out.append(Document(file: doc.file, index: doc.index, value: item, spans: span))
                }
            } else {
                out.append(doc)
            }
        }
        return out
    }
}
