/// Expands `{{class:N}}` placeholders in rule examples into N pseudo-random characters
/// of that class, so rule files carry no real-looking secrets and every test run checks
/// the rule against fresh-looking values (deterministic per seed, so failures reproduce).
public enum ExamplePlaceholders {
    public static let classes: [String: [Character]] = {
        let lower = Array("abcdefghijklmnopqrstuvwxyz"), upper = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), digits = Array("0123456789")
        return [
            "alnum": lower + upper + digits, "alpha": lower + upper, "digits": digits,
            "hex": Array("0123456789abcdef"), "HEX": Array("0123456789ABCDEF"),
            "upper": upper + digits, "lower": lower + digits,
            "b64": lower + upper + digits + ["+", "/"], "b64url": lower + upper + digits + ["_", "-"],
            "b32": upper + Array("234567"), "b32l": lower + Array("234567"),
            "hexa": Array("abcdefgh0123456789"), "bech32": Array("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L"),
        ]
    }()

    public static func expand(_ text: String, seed: UInt64) -> String {
        var rng = SplitMix64(seed: seed)
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            guard let close = rest[open.upperBound...].range(of: "}}") else { break }
            let spec = rest[open.upperBound..<close.lowerBound].split(separator: ":")
            guard spec.count == 2, let alphabet = classes[String(spec[0])], let n = Int(spec[1]) else {
                out += rest[..<close.upperBound]
                rest = rest[close.upperBound...]
                continue
            }
            out += rest[..<open.lowerBound]
            for _ in 0..<n { out.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
            rest = rest[close.upperBound...]
        }
        return out + rest
    }
}

/// A small, fast, seedable generator (Steele, Lea & Flood's SplitMix64).
public struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
