/// A JMESPath failure, classified as the specification's compliance suite classifies
/// them so callers (and the conformance runner) can tell a syntax error from a type error.
public struct JMESPathError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case syntax
        case invalidType = "invalid-type"
        case invalidValue = "invalid-value"
        case invalidArity = "invalid-arity"
        case unknownFunction = "unknown-function"
        /// Kyverno only: a path named a key the object does not have.
        case notFound = "not-found"
    }

    public var kind: Kind
    public var message: String
    /// Zero-based character offset into the expression, when known.
    public var offset: Int?

    public init(_ kind: Kind, _ message: String, offset: Int? = nil) {
        self.kind = kind
        self.message = message
        self.offset = offset
    }

    public var description: String {
        if let offset { return "\(kind.rawValue) error at column \(offset + 1): \(message)" }
        return "\(kind.rawValue) error: \(message)"
    }
}
