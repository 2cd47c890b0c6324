#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A hash table from byte strings to integers (open addressing, FNV-1a): looks up a CSV field's bytes
/// without making a `String` of them.
struct ByteTable {
    private struct Slot {
        var hash: UInt64 = 0
        var start: Int32 = 0
        var length: Int32 = -1
        var value: Int64 = 0
    }

    private var arena: [UInt8] = []
    private var slots = [Slot](repeating: Slot(), count: 64)
    private(set) var count = 0

    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    func find(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        let hash = Self.hash(bytes)
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        return slots.withUnsafeBufferPointer { slots in
            arena.withUnsafeBufferPointer { arena in
                while true {
                    let slot = slots[index]
                    if slot.length < 0 { return nil }
                    if slot.hash == hash, Int(slot.length) == bytes.count,
                        bytes.count == 0 || memcmp(arena.baseAddress! + Int(slot.start), bytes.baseAddress!, bytes.count) == 0
                    {
                        return slot.value
                    }
                    index = (index + 1) & mask
                }
            }
        }
    }

    mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>, _ value: Int64) {
        if find(bytes) != nil { return }
        if (count + 1) * 2 > slots.count { grow() }
        let hash = Self.hash(bytes)
        let start = arena.count
        arena.append(contentsOf: bytes)
        place(Slot(hash: hash, start: Int32(start), length: Int32(bytes.count), value: value))
        count += 1
    }

    private mutating func place(_ slot: Slot) {
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: slot.hash) & mask
        while slots[index].length >= 0 { index = (index + 1) & mask }
        slots[index] = slot
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(), count: old.count * 2)
        for slot in old where slot.length >= 0 { place(slot) }
    }
}
