package dev.vigil.streams.alerts;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The events one alert has counted, as 64-bit hashes of (cluster, auditID), in bounded space, so that counting is
 * idempotent for any redelivery. Up to {@code exactLimit} distinct events (a {@link DedupSettings} value) it is an
 * exact sorted set of hashes (8 bytes each); past it, a HyperLogLog sketch of {@value #REGISTERS} one-byte registers
 * (16 KiB) replaces the set: an event that leaves every register as it was is taken as already counted, one that
 * raises a register is new for certain, and {@link #estimate()} gives the distinct count with a standard error of
 * 1.04/√{@value #REGISTERS} ≈ 0.8 %. Either way a redelivered event never counts again.
 *
 * <p>Error bounds: in the exact range two distinct events are taken for one only if their 64-bit hashes collide
 * (probability below n²/2⁶⁵, about 10⁻¹³ at 2 048 events). Beyond it the count is the estimate (±0.8 % standard
 * error, measured in {@code SeenEventsTest}), and new events that raise no register do not update the alert's
 * {@code last_seen} until one does.
 *
 * <p>Mutable: an instance lives for one {@code process} call, read from and written back to the store.
 */
final class SeenEvents {

    /** log2 of the register count: 2^14 registers, 16 KiB. */
    static final int PRECISION = 14;
    static final int REGISTERS = 1 << PRECISION;

    private static final byte EXACT = 0;
    private static final byte SKETCH = 1;
    private static final double ALPHA = 0.7213 / (1 + 1.079 / REGISTERS);
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(SeenEvents::sha256);

    /** Sorted, distinct; the first {@code size} entries are used. Null once the sketch replaced it. */
    private long[] hashes;
    private int size;
    /** HyperLogLog registers, null while the set is exact. */
    private byte[] registers;

    private SeenEvents(long[] hashes, int size, byte[] registers) {
        this.hashes = hashes;
        this.size = size;
        this.registers = registers;
    }

    static SeenEvents empty() {
        return new SeenEvents(new long[4], 0, null);
    }

    /**
     * The hash of one event: the first 64 bits of SHA-256 over cluster and audit id. A cryptographic hash, because the
     * audit id is chosen by the sender: with a cheap one, a token holder could craft ids that collide with earlier
     * events of the same alert and so keep its count from growing.
     */
    static long hash(String cluster, String auditId) {
        MessageDigest digest = SHA_256.get();
        digest.update(String.valueOf(cluster).getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(auditId.getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(digest.digest()).getLong();
    }

    /**
     * Records an event; true when it is new for certain (count it), false when it was counted before — or, past the
     * exact range, may have been.
     */
    boolean add(long hash, int exactLimit) {
        if (registers != null) {
            return offer(hash);
        }
        int at = Arrays.binarySearch(hashes, 0, size, hash);
        if (at >= 0) {
            return false;
        }
        if (size >= exactLimit) {
            toSketch();
            return offer(hash);
        }
        int insert = -at - 1;
        if (size == hashes.length) {
            hashes = Arrays.copyOf(hashes, Math.min(Math.max(4, size * 2), Math.max(exactLimit, 4)));
        }
        System.arraycopy(hashes, insert, hashes, insert + 1, size - insert);
        hashes[insert] = hash;
        size++;
        return true;
    }

    /** Whether the set is still exact. */
    boolean exact() {
        return registers == null;
    }

    /** The number of distinct events seen: exact, or the HyperLogLog estimate. */
    long estimate() {
        if (registers == null) {
            return size;
        }
        double sum = 0;
        int zeros = 0;
        for (byte register : registers) {
            sum += Math.scalb(1.0, -register);
            if (register == 0) {
                zeros++;
            }
        }
        double raw = ALPHA * REGISTERS * REGISTERS / sum;
        if (raw <= 2.5 * REGISTERS && zeros > 0) {
            return Math.round(REGISTERS * Math.log((double) REGISTERS / zeros)); // linear counting: exact-ish when sparse
        }
        return Math.round(raw); // 64-bit hashes: no large-range correction needed
    }

    private void toSketch() {
        registers = new byte[REGISTERS];
        for (int i = 0; i < size; i++) {
            offer(hashes[i]);
        }
        hashes = null;
        size = 0;
    }

    private boolean offer(long hash) {
        int index = (int) (hash >>> (64 - PRECISION));
        byte rank = (byte) Math.min(Long.numberOfLeadingZeros(hash << PRECISION) + 1, 64 - PRECISION + 1);
        if (rank > registers[index]) {
            registers[index] = rank;
            return true;
        }
        return false;
    }

    // Store form, see DedupEntrySerde: a mode byte, then the count and sorted hashes, or the registers.

    int serializedSize() {
        return registers == null ? 1 + 4 + 8 * size : 1 + REGISTERS;
    }

    void writeTo(ByteBuffer buffer) {
        if (registers == null) {
            buffer.put(EXACT).putInt(size);
            buffer.asLongBuffer().put(hashes, 0, size);
            buffer.position(buffer.position() + 8 * size);
        } else {
            buffer.put(SKETCH).put(registers);
        }
    }

    static SeenEvents readFrom(ByteBuffer buffer) {
        byte mode = buffer.get();
        if (mode == EXACT) {
            int size = buffer.getInt();
            if (size < 0 || size > buffer.remaining() / 8) {
                throw new IllegalArgumentException("seen events: " + size + " hashes in " + buffer.remaining() + " bytes");
            }
            long[] hashes = new long[Math.max(size, 4)];
            buffer.asLongBuffer().get(hashes, 0, size);
            buffer.position(buffer.position() + 8 * size);
            return new SeenEvents(hashes, size, null);
        }
        if (mode == SKETCH) {
            byte[] registers = new byte[REGISTERS];
            buffer.get(registers);
            return new SeenEvents(null, 0, registers);
        }
        throw new IllegalArgumentException("seen events: unknown mode " + mode);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
