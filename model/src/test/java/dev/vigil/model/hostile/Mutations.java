package dev.vigil.model.hostile;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Ways to spoil an audit event's JSON text, each reproducible from a {@link Random} with a fixed seed: what a
 * hostile or broken sender can put on the wire.
 */
public enum Mutations {

    TRUNCATED {
        @Override
        public byte[] apply(byte[] valid, Random random) {
            return java.util.Arrays.copyOf(valid, random.nextInt(Math.max(1, valid.length)));
        }
    },
    INVALID_UTF8 {
        @Override
        public byte[] apply(byte[] valid, Random random) {
            byte[] bytes = valid.clone();
            for (int i = 0; i < 1 + random.nextInt(4); i++) {
                bytes[random.nextInt(bytes.length)] = (byte) (0x80 + random.nextInt(0x40) | (random.nextBoolean() ? 0x40 : 0));
            }
            return bytes;
        }
    },
    RANDOM_BYTES {
        @Override
        public byte[] apply(byte[] valid, Random random) {
            byte[] bytes = new byte[random.nextInt(2_048)];
            random.nextBytes(bytes);
            return bytes;
        }
    },
    DEEP_NESTING {
        @Override
        public byte[] apply(byte[] valid, Random random) {
            int depth = 2_000 + random.nextInt(100_000);
            String open = random.nextBoolean() ? "[" : "{\"a\":";
            String close = open.equals("[") ? "]" : "}";
            String text = new String(valid, StandardCharsets.UTF_8);
            return (text.substring(0, text.length() - 1) + ",\"requestObject\":" + open.repeat(depth) + "1"
                    + close.repeat(depth) + "}").getBytes(StandardCharsets.UTF_8);
        }
    },
    HUGE_STRING {
        @Override
        public byte[] apply(byte[] valid, Random random) {
            String text = new String(valid, StandardCharsets.UTF_8);
            String huge = "x".repeat(1_000_000 + random.nextInt(4_000_000));
            return (text.substring(0, text.length() - 1) + ",\"userAgent\":\"" + huge + "\"}").getBytes(StandardCharsets.UTF_8);
        }
    },
    DUPLICATE_KEY {
        @Override
        public byte[] apply(byte[] valid, Random random) {
            String text = new String(valid, StandardCharsets.UTF_8);
            List<String> fields = new java.util.ArrayList<>(
                    dev.vigil.model.json.VigilJson.mapper().readTree(text).propertyNames());
            String field = fields.get(random.nextInt(fields.size()));
            return ("{\"" + field + "\":\"duplicate\"," + text.substring(1)).getBytes(StandardCharsets.UTF_8);
        }
    },
    CONTROL_CHARACTERS {
        @Override
        public byte[] apply(byte[] valid, Random random) {
            byte[] bytes = valid.clone();
            for (int i = 0; i < 1 + random.nextInt(8); i++) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(0x20);
            }
            return bytes;
        }
    },
    NUMBER_OVERFLOW {
        @Override
        public byte[] apply(byte[] valid, Random random) {
            String text = new String(valid, StandardCharsets.UTF_8);
            return (text.substring(0, text.length() - 1) + ",\"responseStatus\":{\"code\":" + "9".repeat(1 + random.nextInt(5_000))
                    + "}}").getBytes(StandardCharsets.UTF_8);
        }
    },
    EMPTY {
        @Override
        public byte[] apply(byte[] valid, Random random) {
            return new byte[0];
        }
    };

    /** The hostile bytes made from a valid event (or EventList) text. */
    public abstract byte[] apply(byte[] valid, Random random);
}
