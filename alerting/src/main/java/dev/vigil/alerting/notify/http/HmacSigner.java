package dev.vigil.alerting.notify.http;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Signs webhook requests so that receivers can check they come from Vigil and are fresh:
 * {@code X-Vigil-Signature: sha256=hex(HMAC-SHA256(secret, "<X-Vigil-Timestamp>." + body))}. Covering the timestamp
 * in the MAC makes it unforgeable, so a receiver that rejects old timestamps rejects replays.
 */
final class HmacSigner {

    static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    HmacSigner(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** {@code sha256=<lower-case hex>} over {@code timestamp + "." + body}. */
    String sign(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "HmacSigner[secret=****]";
    }
}
