/// Where a piece of input came from: file, 1-based line and column.
///
/// Every message a user sees names one of these so editors and CI annotations can jump
/// straight to the offending text.
public struct SourceSpan: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// Source positions for a `Value` tree, kept parallel to it.
///
/// `children[i]` is the span tree of the i-th array element or the i-th object entry in
/// insertion order. Keeping spans beside the values (rather than inside) keeps the value
/// model cheap for the engines while every node can still be located.
public final class SpanTree: Sendable {
    public let line: Int32
    public let column: Int32
    public let children: [SpanTree]

    public init(line: Int, column: Int, children: [SpanTree] = []) {
        self.line = Int32(clamping: line)
        self.column = Int32(clamping: column)
        self.children = children
    }

    /// The span of the node at `path`, or of its nearest existing ancestor.
    public func locate(_ path: [PathComponent], in value: Value) -> (line: Int, column: Int) {
        var tree = self
        var current = value
        for component in path {
            switch (component, current) {
            case (.key(let k), .object(let o)):
                guard let i = o.position(of: k), i < tree.children.count else { return (Int(tree.line), Int(tree.column)) }
                tree = tree.children[i]
                current = o.values[i]
            case (.index(let i), .array(let a)):
                guard i >= 0, i < a.count, i < tree.children.count else { return (Int(tree.line), Int(tree.column)) }
                tree = tree.children[i]
                current = a[i]
            default:
                return (Int(tree.line), Int(tree.column))
            }
        }
        return (Int(tree.line), Int(tree.column))
    }
}

/// One parsed input document: its value, where it came from, and its source positions.
public struct Document: Sendable {
    public var file: String
    /// Index of this document within a multi-document file (0-based).
    public var index: Int
    public var value: Value
    public var spans: SpanTree?

    public init(file: String, index: Int = 0, value: Value, spans: SpanTree? = nil) {
        self.file = file
        self.index = index
        self.value = value
        self.spans = spans
    }

    public func span(at path: [PathComponent]) -> SourceSpan {
        guard let spans else { return SourceSpan(file: file, line: 1, column: 1) }
        let (l, c) = spans.locate(path, in: value)
        return SourceSpan(file: file, line: l, column: c)
    }
}
