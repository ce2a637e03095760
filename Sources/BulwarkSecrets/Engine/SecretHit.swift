import BulwarkCore
import Crypto
import Foundation

/// A confirmed secret in a buffer. It holds the secret itself so callers can hash and
/// redact it; nothing that leaves the process may print `secret`.
public struct SecretHit: Sendable {
    public var ruleIndex: Int
    public var ruleID: String
    /// Byte offsets of the whole match and the secret inside the scanned buffer.
    public var matchRange: Range<Int>
    public var secretRange: Range<Int>
    /// 1-based line and byte column of the secret's first byte; endLine for multi-line secrets.
    public var line: Int
    public var column: Int
    public var endLine: Int
    public var secret: String
    public var entropy: Double
    /// The line holding the start of the secret, with the secret redacted.
    public var redactedLine: String

    /// What reports show instead of the secret: enough to recognise it, never enough to use it.
    public var redacted: String { Redaction.redact(secret) }

    /// Rule + path + a hash of the secret: stays the same when lines move, differs when the secret changes.
    public func fingerprint(path: String) -> String {
        "\(ruleID):\(path):\(Redaction.hash(secret))"
    }
}

public enum Redaction {
    /// Keeps a short prefix of long secrets (token prefixes like `ghp_` name the kind) and masks the rest.
    public static func redact(_ secret: String) -> String {
        let chars = Array(secret)
        guard chars.count >= 16 else { return "*****" }
        let keep = min(4, chars.count / 5)
        return String(chars.prefix(keep)) + "*****"
    }

    /// First 16 hex digits of SHA-256: identifies a secret across scans and commits without storing it.
    public static func hash(_ secret: String) -> String {
        Hex.string(SHA256.hash(data: Array(secret.utf8)).prefix(8))
    }

    /// `line` with every byte in `range` (relative to the line) replaced by the redaction.
    static func redactLine(_ line: [UInt8], secret: Range<Int>, replacement: String) -> String {
        let lo = max(0, min(line.count, secret.lowerBound)), hi = max(lo, min(line.count, secret.upperBound))
        let text = String(decoding: line[..<lo], as: UTF8.self) + replacement + String(decoding: line[hi...], as: UTF8.self)
        return text.count > 400 ? String(text.prefix(400)) + "…" : text
    }
}
