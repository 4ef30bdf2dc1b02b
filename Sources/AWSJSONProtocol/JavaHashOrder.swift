/// Iteration order of Java 8 `HashSet`/`HashMap` for string keys, reproduced because Coral (a Java
/// service) reports things in that order: the violations of one member, the members of a
/// structure (precomputed by tools/generate_shapes.py) and the entries of a map value.
enum JavaHashOrder {
    /// `java.lang.String.hashCode()`: 31·h + each UTF-16 code unit, wrapping at 32 bits.
    static func stringHash(_ text: String) -> Int32 {
        var hash: Int32 = 0
        for unit in text.utf16 { hash = hash &* 31 &+ Int32(unit) }
        return hash
    }

    /// Bucket count of a map filled with `put`: 16, doubled whenever size exceeds 0.75·capacity.
    static func capacity(forCount count: Int) -> Int {
        var capacity = 16
        while count * 4 > capacity * 3 { capacity *= 2 }
        return capacity
    }

    /// Indices of `keys` in the order a Java 8 HashMap/HashSet filled in this order iterates them:
    /// buckets `(h ^ (h >>> 16)) & (capacity - 1)` ascending, insertion order within a bucket.
    static func order(_ keys: [String]) -> [Int] {
        if keys.count < 2 { return Array(keys.indices) }
        let mask = UInt32(capacity(forCount: keys.count) - 1)
        let buckets = keys.map { key -> UInt32 in
            let hash = UInt32(bitPattern: stringHash(key))
            return (hash ^ (hash >> 16)) & mask
        }
        return keys.indices.sorted { buckets[$0] != buckets[$1] ? buckets[$0] < buckets[$1] : $0 < $1 }
    }
}
