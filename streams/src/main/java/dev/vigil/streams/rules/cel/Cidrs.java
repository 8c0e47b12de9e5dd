package dev.vigil.streams.rules.cel;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code net.inCidrs(ip, cidrs)}: whether an IP address lies in one of the CIDR blocks (IPv4 and IPv6, a bare
 * address being a /32 or /128 block; an
 * IPv4-mapped IPv6 address counts as its IPv4 address). Only address literals are parsed, never host names, so
 * no input can cause a DNS lookup; anything malformed is simply outside. Parsed blocks are cached (the same few
 * configured blocks are asked about on every event).
 */
public final class Cidrs {

    private static final int MAX_CACHED = 4_096;
    private static final Map<String, Optional<Block>> BLOCKS = new ConcurrentHashMap<>();

    /** A parsed block: the network address bytes and how many leading bits must match. */
    private record Block(byte[] network, int prefix) {

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private Cidrs() {
    }

    public static boolean inAny(String ip, List<?> cidrs) {
        if (cidrs == null || cidrs.isEmpty()) {
            return false;
        }
        byte[] address = address(ip);
        if (address == null) {
            return false;
        }
        for (Object cidr : cidrs) {
            Optional<Block> block = cidr instanceof String text ? block(text) : Optional.empty();
            if (block.isPresent() && block.get().contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Block> block(String text) {
        Optional<Block> cached = BLOCKS.get(text);
        if (cached != null) {
            return cached;
        }
        Optional<Block> parsed = parse(text.strip());
        if (BLOCKS.size() < MAX_CACHED) {
            BLOCKS.put(text, parsed);
        }
        return parsed;
    }

    private static Optional<Block> parse(String text) {
        int slash = text.indexOf('/');
        byte[] network = address(slash < 0 ? text : text.substring(0, slash));
        if (network == null) {
            return Optional.empty();
        }
        int bits = network.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String length = text.substring(slash + 1);
            if (length.isEmpty() || length.length() > 3 || !length.chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            prefix = Integer.parseInt(length);
            if (prefix > bits) {
                return Optional.empty();
            }
        }
        return Optional.of(new Block(network, prefix));
    }

    /** The bytes of an IPv4 or IPv6 literal (4 or 16), or null; host names are never resolved. */
    static byte[] address(String text) {
        if (text == null || text.isEmpty() || text.length() > 45) {
            return null;
        }
        if (text.indexOf(':') < 0) {
            return ipv4(text);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean hex = c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            if (!hex && c != ':' && c != '.') {
                return null;
            }
        }
        try {
            // A literal with only hex digits, colons and dots: InetAddress parses it without any lookup.
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException | RuntimeException e) {
            return null;
        }
    }

    private static byte[] ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                return null;
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                return null;
            }
            bytes[i] = (byte) value;
        }
        return bytes;
    }
}
