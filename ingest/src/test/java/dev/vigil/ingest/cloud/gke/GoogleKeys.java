package dev.vigil.ingest.cloud.gke;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Google's side of a push subscription's OIDC token, made in the test: an RSA key published as a JWK set on a real
 * local HTTP server (as {@code https://www.googleapis.com/oauth2/v3/certs} publishes Google's), tokens signed with it
 * the way Pub/Sub signs them, and a second key nobody published.
 */
final class GoogleKeys implements AutoCloseable {

    static final String ISSUER = "https://accounts.google.com";

    private final RSAKey key = generate("google-key-1");
    private final RSAKey foreign = generate("google-key-1");
    private final HttpServer server;
    private final AtomicInteger fetches = new AtomicInteger();

    GoogleKeys() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server.createContext("/oauth2/v3/certs", exchange -> {
            fetches.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(jwks);
            }
        });
        server.start();
    }

    String jwkSetUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/oauth2/v3/certs";
    }

    int fetches() {
        return fetches.get();
    }

    /** A token as Pub/Sub sends it: issued now, valid an hour. */
    String token(String audience, String email) {
        return sign(key, claims(audience, email, Instant.now()).build());
    }

    JWTClaimsSet.Builder claims(String audience, String email, Instant issued) {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(audience)
                .subject("113774264463038321964")
                .claim("azp", "113774264463038321964")
                .claim("email", email)
                .claim("email_verified", true)
                .issueTime(Date.from(issued))
                .expirationTime(Date.from(issued.plusSeconds(3600)));
    }

    String sign(JWTClaimsSet claims) {
        return sign(key, claims);
    }

    /** Signed by a key with the published key's id that is not the published key. */
    String signForeign(JWTClaimsSet claims) {
        return sign(foreign, claims);
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey generate(String id) {
        try {
            return new RSAKeyGenerator(2048).keyID(id).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
