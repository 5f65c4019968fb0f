package io.godwit.worker.check;

/**
 * Order-independent digest of a set of rows: count, sum and xor of per-row CRC32s. Sum and count
 * add up across shards, so the digest of a merged target table is compared with the combined
 * digests of its source shards. The sum catches what xor alone misses (duplicate rows cancel).
 */
public record ChunkChecksum(long count, java.math.BigDecimal crcSum, long crcXor) {
    public static final ChunkChecksum EMPTY = new ChunkChecksum(0, java.math.BigDecimal.ZERO, 0);

    public ChunkChecksum plus(ChunkChecksum o) {
        return new ChunkChecksum(count + o.count, crcSum.add(o.crcSum), crcXor ^ o.crcXor);
    }

    public boolean sameAs(ChunkChecksum o) {
        return count == o.count && crcSum.compareTo(o.crcSum) == 0 && crcXor == o.crcXor;
    }
}
