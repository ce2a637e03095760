/// An error a user will read: what went wrong and, whenever we know it, where.
///
/// `description` is the one-line form `file:line:column: message` that every front door
/// prints, so editors and CI log parsers can link it.
public struct BulwarkError: Error, Sendable, CustomStringConvertible, Equatable {
    public enum Code: String, Sendable {
        case parse, schema, usage, io, evaluation, unsupported
    }

    public var code: Code
    public var message: String
    public var location: SourceSpan?

    public init(_ code: Code, _ message: String, at location: SourceSpan? = nil) {
        self.code = code
        self.message = message
        self.location = location
    }

    public var description: String {
        if let location { return "\(location): \(message)" }
        return message
    }
}
