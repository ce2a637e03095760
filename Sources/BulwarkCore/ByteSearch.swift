/// Substring search on UTF-8 bytes. Hand-written because the standard library's generic
/// `firstRange(of:)` instantiates generic metadata per call and was a third of a scan's
/// time when run on every file.
public enum ByteSearch {
    public static func firstIndex(of needle: String, in haystack: String) -> Int? {
        var h = haystack
        var n = needle
        return h.withUTF8 { hb in n.withUTF8 { nb in firstIndex(of: nb, in: hb) } }
    }

    public static func contains(_ needle: String, in haystack: String) -> Bool {
        firstIndex(of: needle, in: haystack) != nil
    }

    public static func firstIndex(of needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = needle.first else { return 0 }
        guard haystack.count >= needle.count else { return nil }
        let last = haystack.count - needle.count
        var i = 0
        while i <= last {
            if haystack[i] == first {
                var k = 1
                while k < needle.count, haystack[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }
}
