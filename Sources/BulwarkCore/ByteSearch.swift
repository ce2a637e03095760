#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

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
        guard haystack.count >= needle.count, let base = haystack.baseAddress else { return nil }
        let last = haystack.count - needle.count
        var i = 0
        while i <= last {
            // memchr finds candidate first bytes at vector speed.
            guard let p = memchr(base + i, Int32(first), last - i + 1) else { return nil }
            i = UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self) - base
            var k = 1
            while k < needle.count, haystack[i + k] == needle[k] { k += 1 }
            if k == needle.count { return i }
            i += 1
        }
        return nil
    }
}

/// Line splitting on UTF-8 bytes. `String.split(separator:)` walks Characters (grapheme
/// breaking) and was half of a large scan's time; newlines are single bytes, so byte
/// offsets give the same lines at memory speed.
public enum Lines {
    public static func split(_ text: String) -> [Substring] {
        let utf8 = text.utf8
        var out: [Substring] = []
        var start = utf8.startIndex
        var i = start
        while i != utf8.endIndex {
            if utf8[i] == 0x0A {
                out.append(Substring(text[start..<i]))
                start = utf8.index(after: i)
            }
            utf8.formIndex(after: &i)
        }
        out.append(Substring(text[start..<utf8.endIndex]))
        return out
    }
}
