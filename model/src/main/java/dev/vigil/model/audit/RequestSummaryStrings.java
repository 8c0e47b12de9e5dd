package dev.vigil.model.audit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The strings {@link RequestSummaryReader} reads, one instance per distinct text: a cluster repeats a few thousand
 * verbs, resources, namespaces, user names, groups and user agents millions of times, and the detection screen hashes
 * and compares each summary to look its decision up. A string taken from here carries its hash already and compares
 * equal to its twin by identity, and reading it allocates nothing.
 * <p>
 * A fixed table of {@value #SLOTS} slots in sets of two, picked by the text's hash: a new text takes the first slot
 * of its set and moves the text there to the second, dropping the older one, so odd input (a flood of distinct user names, say) costs misses, never memory. Texts longer than
 * {@value #MAX_LENGTH} bytes are not kept. Shared by all threads without locks: a slot holds an immutable
 * entry (safely published by its final fields), and a racing write only replaces one valid entry by
 * another. Only for plain printable ASCII, which the reader guarantees.
 */
final class RequestSummaryStrings {

    static final int SLOT_BITS = 12;
    static final int SLOTS = 1 << SLOT_BITS;
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
        int slot = slot(in, start, end) & ~1;
        Entry first = TABLE[slot];
        if (first != null && Arrays.equals(first.bytes, 0, first.bytes.length, in, start, end)) {
            return first.text;
        }
        Entry second = TABLE[slot + 1];
        if (second != null && Arrays.equals(second.bytes, 0, second.bytes.length, in, start, end)) {
            return second.text;
        }
        Entry entry = new Entry(Arrays.copyOfRange(in, start, end), new String(in, start, length,
                StandardCharsets.ISO_8859_1));
        // two ways per set: the newest text first, the one before it second, so two frequent texts can share a set
        TABLE[slot + 1] = first;
        TABLE[slot] = entry;
        return entry.text;
    }

    /**
     * The first slot of a text's set: its bytes hashed whole (texts of a cluster often differ only in a few bytes in
     * the middle, e.g. {@code system:serviceaccount:kube-system:deployment-controller}), spread by a multiplicative
     * (Fibonacci) mix so that texts differing in their last letter do not land in neighbouring slots.
     */
    private static int slot(byte[] in, int start, int end) {
        int hash = end - start;
        int k = start;
        for (; k + 4 <= end; k += 4) { // four bytes a step: 31^4·h + 31^3·b0 + 31^2·b1 + 31·b2 + b3
            hash = 923_521 * hash + 29_791 * in[k] + 961 * in[k + 1] + 31 * in[k + 2] + in[k + 3];
        }
        for (; k < end; k++) {
            hash = 31 * hash + in[k];
        }
        return (hash * 0x9E3779B9) >>> (32 - SLOT_BITS);
    }
}
