import Dispatch
import Foundation

/// `map` over large arrays on all cores, results in input order; small arrays stay serial.
public enum ParallelMap {
    public static func map<T: Sendable, U>(_ items: [T], minimum: Int = 2048, _ transform: @Sendable (T) -> U) -> [U] {
        guard items.count >= minimum else { return items.map(transform) }
        let chunks = min(16, items.count), per = (items.count + chunks - 1) / chunks
        let slots = Slots<U>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let range = min(items.count, c * per)..<min(items.count, (c + 1) * per)
            slots.set(c, items[range].map(transform))
        }
        return slots.items.flatMap { $0 }
    }

    private final class Slots<U>: @unchecked Sendable {
        private(set) var items: [[U]]
        private let lock = NSLock()
        init(count: Int) { items = Array(repeating: [], count: count) }
        func set(_ i: Int, _ v: [U]) { lock.lock(); items[i] = v; lock.unlock() }
    }
}
