import BulwarkCore

/// A Terraform value as a static analyser can know it: known, or unknown with the reason
/// (a variable without a default, an attribute computed at apply time, a remote module).
/// Rules that need an unknown value report "not evaluated" with that reason — never pass.
public enum TFValue: Sendable, Equatable {
    case known(Value)
    case unknown(reason: String)

    public var known: Value? { if case .known(let v) = self { return v } else { return nil } }
    public var isKnown: Bool { known != nil }
    public var unknownReason: String? { if case .unknown(let r) = self { return r } else { return nil } }

    public static let null = TFValue.known(.null)
}

/// An evaluation error with the position of the offending expression.
public struct TFError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var position: HCLPosition?
    public var description: String { message }

    public init(_ message: String, at position: HCLPosition? = nil) {
        self.message = message
        self.position = position
    }
}

import BulwarkFormats
