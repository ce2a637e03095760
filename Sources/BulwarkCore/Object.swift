/// An insertion-ordered string-keyed map.
///
/// Kubernetes manifests and policies are small objects read far more than written, so
/// lookups scan linearly until an object grows past `indexThreshold`, when a hash index
/// is kept. Order is preserved so output is deterministic and mirrors the input.
/// Storage is one copy-on-write buffer, so passing an object around costs one retain.
public struct Object: Sendable, Hashable, Sequence {
    final class Storage: @unchecked Sendable {
        // Mutated only through `Object`'s copy-on-write paths.
        var keys: [String]
        var values: [Value]
        var index: [String: Int]?

        init(keys: [String] = [], values: [Value] = [], index: [String: Int]? = nil) {
            self.keys = keys
            self.values = values
            self.index = index
        }

        func copy() -> Storage { Storage(keys: keys, values: values, index: index) }
    }

    private var storage: Storage
    private static let indexThreshold = 12

    public init() { storage = Storage() }

    public init(_ pairs: [(String, Value)]) {
        storage = Storage()
        storage.keys.reserveCapacity(pairs.count)
        storage.values.reserveCapacity(pairs.count)
        for (k, v) in pairs { self[k] = v }
    }

    public var keys: [String] { storage.keys }
    public var values: [Value] { storage.values }
    public var count: Int { storage.keys.count }
    public var isEmpty: Bool { storage.keys.isEmpty }

    public func position(of key: String) -> Int? {
        if let index = storage.index { return index[key] }
        let keys = storage.keys
        for i in keys.indices where keys[i] == key { return i }
        return nil
    }

    /// The value at an entry position (from `position(of:)`).
    public func value(at position: Int) -> Value { storage.values[position] }

    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    }

    public subscript(key: String) -> Value? {
        get { position(of: key).map { storage.values[$0] } }
        set {
            makeUnique()
            if let i = position(of: key) {
                if let newValue { storage.values[i] = newValue } else { remove(at: i) }
            } else if let newValue {
                storage.keys.append(key)
                storage.values.append(newValue)
                if storage.index != nil {
                    storage.index?[key] = storage.keys.count - 1
                } else if storage.keys.count > Self.indexThreshold {
                    rebuildIndex()
                }
            }
        }
    }

    private mutating func remove(at i: Int) {
        storage.keys.remove(at: i)
        storage.values.remove(at: i)
        if storage.index != nil { rebuildIndex() }
    }

    private mutating func rebuildIndex() {
        var idx = [String: Int](minimumCapacity: storage.keys.count)
        for (i, k) in storage.keys.enumerated() { idx[k] = i }
        storage.index = idx
    }

    public func makeIterator() -> AnyIterator<(key: String, value: Value)> {
        let keys = storage.keys, values = storage.values
        var i = 0
        return AnyIterator {
            guard i < keys.count else { return nil }
            defer { i += 1 }
            return (keys[i], values[i])
        }
    }

    /// Equality ignores order: `{a:1,b:2} == {b:2,a:1}`, as in JSON.
    public static func == (lhs: Object, rhs: Object) -> Bool {
        if lhs.storage === rhs.storage { return true }
        guard lhs.count == rhs.count else { return false }
        let keys = lhs.storage.keys, values = lhs.storage.values
        for i in keys.indices {
            guard let other = rhs[keys[i]], other == values[i] else { return false }
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        // Order-independent: combine a commutative sum of per-entry hashes.
        var acc = 0
        let keys = storage.keys, values = storage.values
        for i in keys.indices {
            var h = Hasher()
            h.combine(keys[i])
            h.combine(values[i])
            acc = acc &+ h.finalize()
        }
        hasher.combine(count)
        hasher.combine(acc)
    }
}
