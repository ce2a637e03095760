/// Recognises AWS access key ids (AKIA… long-term, ASIA… temporary) in text, for rules
/// that look for credentials pasted into configuration.
enum AWSCredentials {
    static func accessKey(in text: String) -> Substring? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20 else { return nil }
        for i in 0...(bytes.count - 20) {
            let p = bytes[i..<(i + 4)]
            guard p.elementsEqual("AKIA".utf8) || p.elementsEqual("ASIA".utf8) else { continue }
            let rest = bytes[(i + 4)..<(i + 20)]
            let valid = rest.allSatisfy { ($0 >= 65 && $0 <= 90) || ($0 >= 50 && $0 <= 55) }  // A–Z, 2–7 (base32)
            let bounded = i + 20 == bytes.count || !(bytes[i + 20] >= 65 && bytes[i + 20] <= 90 || bytes[i + 20] >= 48 && bytes[i + 20] <= 57)
            if valid && bounded {
                let start = text.utf8.index(text.utf8.startIndex, offsetBy: i)
                return text[start..<text.utf8.index(start, offsetBy: 20)]
            }
        }
        return nil
    }
}
