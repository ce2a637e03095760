/// Shannon entropy in bits per byte: how random a candidate looks. gitleaks' `entropy`
/// field compares against the same measure, so thresholds carry over unchanged.
public enum Entropy {
    /// c·log2(c) for the counts short secrets have, so the hot path takes no logarithms.
    static let countLog2Count: [Double] = (0..<512).map { $0 < 2 ? 0 : Double($0) * log2(Double($0)) }

    /// H = log2(n) − Σ c·log2(c) / n, the same quantity as −Σ p·log2(p) (equal to within
    /// rounding; a test holds them to 1e-12), with one logarithm per call instead of one per
    /// distinct byte, and only the byte values that occur visited.
    public static func shannon(_ bytes: UnsafeBufferPointer<UInt8>) -> Double {
        let n = bytes.count
        guard n > 0 else { return 0 }
        return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 256) { counts in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 256) { seen in
                counts.initialize(repeating: 0)
                var distinct = 0
                for b in bytes {
                    if counts[Int(b)] == 0 { seen[distinct] = b; distinct += 1 }
                    counts[Int(b)] &+= 1
                }
                var sum = 0.0
                let table = countLog2Count
                for i in 0..<distinct {
                    let c = Int(counts[Int(seen[i])])
                    sum += c < table.count ? table[c] : Double(c) * log2(Double(c))
                }
                return max(0, log2(Double(n)) - sum / Double(n))
            }
        }
    }

    public static func shannon(_ s: String) -> Double {
        var s = s
        return s.withUTF8 { shannon($0) }
    }
}

import Foundation
