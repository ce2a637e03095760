import BulwarkCore
import Crypto
import Foundation

/// DSSE envelopes (in-toto's signature wrapper) signed with Ed25519.
///
/// The signature covers the pre-authentication encoding (PAE) of payload type and payload,
/// so neither can be swapped. Ed25519 signatures from swift-crypto are randomized: verify them,
/// never compare bytes.
public enum DSSE {
    public static let payloadType = "application/vnd.in-toto+json"

    public struct Envelope: Codable, Sendable {
        public struct Signature: Codable, Sendable {
            public var keyid: String
            public var sig: String
        }
        public var payloadType: String
        public var payload: String
        public var signatures: [Signature]
    }

    /// PAE(type, body) = "DSSEv1" SP len(type) SP type SP len(body) SP body.
    static func pae(_ type: String, _ body: Data) -> Data {
        var d = Data("DSSEv1 \(type.utf8.count) \(type) \(body.count) ".utf8)
        d.append(body)
        return d
    }

    public static func keyID(_ key: Curve25519.Signing.PublicKey) -> String {
        Hex.string(SHA256.hash(data: key.rawRepresentation).prefix(8))
    }

    public static func sign(_ payload: Data, key: Curve25519.Signing.PrivateKey) throws -> Envelope {
        let signature = try key.signature(for: pae(payloadType, payload))
        return Envelope(payloadType: payloadType, payload: payload.base64EncodedString(),
                        signatures: [.init(keyid: keyID(key.publicKey), sig: signature.base64EncodedString())])
    }

    /// The payload when a signature by `key` verifies; nil otherwise.
    public static func verify(_ envelope: Envelope, key: Curve25519.Signing.PublicKey) -> Data? {
        guard envelope.payloadType == payloadType, let payload = Data(base64Encoded: envelope.payload) else { return nil }
        let message = pae(envelope.payloadType, payload)
        for s in envelope.signatures {
            if let sig = Data(base64Encoded: s.sig), key.isValidSignature(sig, for: message) { return payload }
        }
        return nil
    }
}

public enum Keys {
    /// Writes PREFIX.key (base64 raw private key, mode 0600) and PREFIX.pub.
    public static func generate(prefix: String) throws -> Curve25519.Signing.PublicKey {
        let key = Curve25519.Signing.PrivateKey()
        let keyPath = prefix + ".key"
        guard FileManager.default.createFile(atPath: keyPath, contents: Data((key.rawRepresentation.base64EncodedString() + "\n").utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: keyPath])
        }
        try (key.publicKey.rawRepresentation.base64EncodedString() + "\n").write(toFile: prefix + ".pub", atomically: true, encoding: .utf8)
        return key.publicKey
    }

    public static func privateKey(path: String) throws -> Curve25519.Signing.PrivateKey {
        try Curve25519.Signing.PrivateKey(rawRepresentation: try read(path))
    }

    public static func publicKey(path: String) throws -> Curve25519.Signing.PublicKey {
        try Curve25519.Signing.PublicKey(rawRepresentation: try read(path))
    }

    static func read(_ path: String) throws -> Data {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
              let data = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: path])
        }
        return data
    }
}

public func sha256Hex(_ data: Data) -> String {
    Hex.string(SHA256.hash(data: data))
}
