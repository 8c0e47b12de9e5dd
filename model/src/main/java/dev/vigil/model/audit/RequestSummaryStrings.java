package dev.vigil.model.audit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The strings {@link RequestSummaryReader} reads, one instance per distinct text: a cluster repeats a few thousand
 * verbs, resources, namespaces, user names, groups and user agents millions of times, and the detection screen hashes
 * and compares each summary to look its decision up. A string taken from here carries its hash already and compares
 * equal to its twin by identity, and reading it allocates nothing.
 * <p>
 * A fixed direct-mapped table of {@value #SLOTS} slots, indexed by the text's hash: a new text replaces whatever
 * shared its slot, so odd input (a flood of distinct user names, say) costs misses, never memory. Texts longer than
 * {@value #MAX_LENGTH} bytes are not kept. Shared by all threads without locks: a slot holds an immutable
 * entry (safely published by its final fields), and a racing write only replaces one valid entry by
 * another. Only for plain printable ASCII, which the reader guarantees.
 */
final class RequestSummaryStrings {

    static final int SLOTS = 4096;
    static final int MAX_LENGTH = 256;

    /** One text and its bytes, compared with {@link Arrays#equals(byte[], int, int, byte[], int, int)} (vectorized). */
    private record Entry(byte[] bytes, String text) {
    }

    private static final Entry[] TABLE = new Entry[SLOTS];

    private RequestSummaryStrings() {
    }

    /** The text of {@code in[start, end)} (ISO-8859-1, as the reader decodes plain ASCII), from the table if there. */
    static String of(byte[] in, int start, int end) {
        int length = end - start;
        if (length > MAX_LENGTH) {
            return new String(in, start, length, StandardCharsets.ISO_8859_1);
        }
        int slot = slot(in, start, end);
        Entry known = TABLE[slot];
        if (known != null && Arrays.equals(known.bytes, 0, known.bytes.length, in, start, end)) {
            return known.text;
        }
        Entry entry = new Entry(Arrays.copyOfRange(in, start, end), new String(in, start, length,
                StandardCharsets.ISO_8859_1));
        TABLE[slot] = entry;
        return entry.text;
    }

    /**
     * The slot of a text, from its length and at most 24 of its bytes (the first, middle and last eight): cheaper than
     * hashing a long user agent whole, and texts that share those bytes merely take turns in the slot.
     */
    private static int slot(byte[] in, int start, int end) {
        int length = end - start;
        int hash = length;
        if (length <= 24) {
            for (int k = start; k < end; k++) {
                hash = 31 * hash + in[k];
            }
        } else {
            int middle = start + (length >>> 1) - 4;
            for (int k = 0; k < 8; k++) {
                hash = 31 * hash + in[start + k];
                hash = 31 * hash + in[middle + k];
                hash = 31 * hash + in[end - 8 + k];
            }
        }
        hash ^= hash >>> 16;
        return (hash ^ (hash >>> 8)) & (SLOTS - 1);
    }
}
