import BulwarkCore
import Foundation

/// Limits on what the secret scan reads, and why a file was not (fully) read.
public struct SecretScanLimits: Sendable {
    /// Larger files are skipped and reported; 0 reads any size in bounded chunks.
    public var maxFileSize = 10 * 1024 * 1024
    /// Minified bundles (`*.min.js`, or long lines throughout) larger than this are skipped; 0: never.
    public var maxMinifiedSize = 512 * 1024
    /// Files are read in chunks of this size; memory stays bounded whatever the file size.
    public var chunkSize = 8 * 1024 * 1024
    public init() {}
}

public enum SecretSkipReason: Sendable, Equatable, CustomStringConvertible {
    case binary, archive, minified(Int), tooLarge(Int), unreadable(String)

    public var description: String {
        switch self {
        case .binary: return "binary file"
        case .archive: return "archive"
        case .minified(let n): return "minified bundle of \(SecretSkipReason.size(n)) (limit: secrets.maxMinifiedSize)"
        case .tooLarge(let n): return "\(SecretSkipReason.size(n)) file over the size limit (secrets.maxFileSize; 0 reads any size)"
        case .unreadable(let why): return "unreadable: \(why)"
        }
    }

    public var kind: String {
        switch self {
        case .binary: return "binary"
        case .archive: return "archive"
        case .minified: return "minified"
        case .tooLarge: return "too-large"
        case .unreadable: return "unreadable"
        }
    }

    static func size(_ n: Int) -> String {
        n >= 1_048_576 ? "\(n / 1_048_576) MB" : n >= 1024 ? "\(n / 1024) KB" : "\(n) B"
    }
}

public struct SecretFileResult: Sendable {
    public var hits: [SecretHit] = []
    /// Path-only rules (keystores, credential files) this file triggers.
    public var pathRules: [Int] = []
    public var skipped: SecretSkipReason?
    public var bytesScanned = 0
    /// The file mentions `bulwark:ignore` (its lines are then needed for inline suppressions).
    public var mentionsIgnore = false
}

/// Reads files for the secret engine: skips binaries, archives and big minified bundles,
/// and reads big files in overlapping chunks so memory stays bounded.
public struct SecretFileScanner: Sendable {
    public let engine: SecretEngine
    public let limits: SecretScanLimits

    public init(engine: SecretEngine, limits: SecretScanLimits = SecretScanLimits()) {
        self.engine = engine
        self.limits = limits
    }

    static let archiveExtensions: Set<String> = ["zip", "gz", "tgz", "bz2", "xz", "7z", "rar", "jar", "war", "ear", "whl", "nupkg", "apk", "zst", "tar"]
    static let binaryExtensions: Set<String> = ["png", "jpg", "jpeg", "gif", "bmp", "ico", "tif", "tiff", "webp", "pdf", "woff", "woff2", "ttf", "otf", "eot",
                                                 "so", "dylib", "dll", "exe", "o", "a", "class", "pyc", "wasm", "mp3", "mp4", "mov", "avi", "sqlite", "db"]

    /// Bytes that must overlap between chunks so no window is cut: two unbounded windows and a line's reach.
    static var overlap: Int { 2 * SecretEngine.unboundedWindow + 2 * SecretEngine.lineReach + 4096 }

    /// What the path alone decides, for files and blobs alike: allowlisted (nil), path rules,
    /// and a skip for archive and binary extensions.
    func pathChecks(_ relativePath: String, matcher: PCREMatcher) -> (result: SecretFileResult, ext: String)? {
        if engine.isPathAllowed(relativePath, matcher: matcher) { return nil }
        var result = SecretFileResult()
        result.pathRules = engine.pathRuleHits(relativePath, matcher: matcher)
        let ext = (relativePath as NSString).pathExtension.lowercased()
        if SecretFileScanner.archiveExtensions.contains(ext) { result.skipped = .archive }
        if SecretFileScanner.binaryExtensions.contains(ext) { result.skipped = .binary }
        return (result, ext)
    }

    public func scanFile(at path: String, relativePath: String, commit: String? = nil, matcher: PCREMatcher) -> SecretFileResult {
        guard let checked = pathChecks(relativePath, matcher: matcher) else { return SecretFileResult() }
        var result = checked.result
        let ext = checked.ext
        if result.skipped != nil { return result }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { result.skipped = .unreadable(String(cString: strerror(errno))); return result }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { result.skipped = .unreadable(String(cString: strerror(errno))); return result }
        let size = Int(st.st_size)
        if limits.maxFileSize > 0, size > limits.maxFileSize { result.skipped = .tooLarge(size); return result }
        let chunk = max(limits.chunkSize, SecretFileScanner.overlap * 2)
        // Uninitialised: zero-filling a buffer that read(2) overwrites doubled the memory traffic.
        let capacity = min(size, chunk) + (size > chunk ? SecretFileScanner.overlap : 0)
        var buffer = [UInt8](unsafeUninitializedCapacity: capacity) { _, n in n = capacity }
        var filled = 0
        var firstLine = 1
        var firstColumn = 1
        var first = true
        var eof = false
        var total = 0
        while !eof {
            // Top up the buffer after the carried-over tail.
            while filled < buffer.count {
                let capacity = buffer.count, offset = filled
                let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + offset, capacity - offset) }
                if n < 0 { if errno == EINTR { continue }; result.skipped = .unreadable(String(cString: strerror(errno))); return result }
                if n == 0 { eof = true; break }
                filled += n
                total += n
            }
            // Short read, or the size fstat reported is all read (a growing file stops there).
            if filled < buffer.count || total >= size { eof = true }
            if first {
                first = false
                if let reason = classify(buffer[..<min(filled, 8192)], size: size, ext: ext, name: relativePath) {
                    result.skipped = reason
                    return result
                }
            }
            // A chunk owns the matches that start before its overlap; the next chunk re-reads the overlap.
            let owned = eof ? filled : max(0, filled - SecretFileScanner.overlap)
            let output = buffer.withUnsafeBufferPointer { all in
                engine.scanDetailed(UnsafeBufferPointer(rebasing: all[..<filled]), path: relativePath, commit: commit, firstLine: firstLine,
                                    firstColumn: firstColumn, region: 0..<owned, matcher: matcher)
            }
            result.hits += output.hits
            result.mentionsIgnore = result.mentionsIgnore || output.mentionsIgnore
            result.bytesScanned += owned
            if eof { break }
            let newlines = buffer[..<owned].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            let lastNewline = buffer[..<owned].lastIndex(of: 0x0A)
            firstColumn = lastNewline.map { owned - $0 } ?? firstColumn + owned
            firstLine += newlines
            let tail = filled - owned
            buffer.withUnsafeMutableBufferPointer { b in
                _ = memmove(b.baseAddress!, b.baseAddress! + owned, tail)
            }
            filled = tail
        }
        return result
    }

    /// Secrets in an in-memory blob (git history): same checks, no chunking.
    public func scanBlob(_ bytes: [UInt8], relativePath: String, commit: String?, matcher: PCREMatcher) -> SecretFileResult {
        bytes.withUnsafeBufferPointer { scanBlob($0, relativePath: relativePath, commit: commit, matcher: matcher) }
    }

    /// Secrets in bytes already in memory (a blob, or a file the scan also parses).
    public func scanBlob(_ bytes: UnsafeBufferPointer<UInt8>, relativePath: String, commit: String?, matcher: PCREMatcher) -> SecretFileResult {
        guard let checked = pathChecks(relativePath, matcher: matcher) else { return SecretFileResult() }
        var result = checked.result
        let ext = checked.ext
        if result.skipped != nil { return result }
        if limits.maxFileSize > 0, bytes.count > limits.maxFileSize { result.skipped = .tooLarge(bytes.count); return result }
        if let reason = classify(bytes[..<min(bytes.count, 8192)], size: bytes.count, ext: ext, name: relativePath) {
            result.skipped = reason
            return result
        }
        result.hits = engine.scan(bytes, path: relativePath, commit: commit, matcher: matcher)
        result.bytesScanned = bytes.count
        return result
    }

    /// Binary, archive or big minified bundle, judged from the first bytes.
    func classify<Head: Collection<UInt8>>(_ head: Head, size: Int, ext: String, name: String) -> SecretSkipReason? {
        let magic: [[UInt8]] = [[0x50, 0x4B, 0x03, 0x04], [0x1F, 0x8B], [0x37, 0x7A, 0xBC, 0xAF], [0x52, 0x61, 0x72, 0x21], [0x42, 0x5A, 0x68], [0xFD, 0x37, 0x7A, 0x58, 0x5A], [0x28, 0xB5, 0x2F, 0xFD]]
        if magic.contains(where: { head.starts(with: $0) }) { return .archive }
        if head.contains(0) { return .binary }
        let lower = name.lowercased()
        let minifiedName = lower.hasSuffix(".min.js") || lower.hasSuffix(".min.css") || lower.hasSuffix(".bundle.js") || lower.hasSuffix(".js.map")
        let longLines = size > 64 * 1024 && head.count >= 8192 && !head.contains(0x0A)
        if (minifiedName || longLines), limits.maxMinifiedSize > 0, size > limits.maxMinifiedSize { return .minified(size) }
        return nil
    }
}
