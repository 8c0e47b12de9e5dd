package dev.vigil.ingest.auth;

import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * Authenticates an ingest request by its TLS client certificate (checked first: the handshake already proved
 * it) or its bearer token. Either one is enough; there is no anonymous access.
 */
public final class IngestAuthenticator {

    private static final String BEARER = "bearer ";

    private final BearerTokens tokens;
    private final ClientCertificates certificates;

    public IngestAuthenticator(BearerTokens tokens, ClientCertificates certificates) {
        this.tokens = tokens;
        this.certificates = certificates;
    }

    /**
     * @param authorization the {@code Authorization} header, or null
     * @param chain         the verified client certificate chain, or null
     */
    public Optional<IngestPrincipal> authenticate(String authorization, X509Certificate[] chain) {
        Optional<IngestPrincipal> byCertificate = certificates.authenticate(chain);
        if (byCertificate.isPresent()) {
            return byCertificate;
        }
        return tokens.authenticate(bearerToken(authorization));
    }

    /**
     * Authenticates a token presented other than as {@code Authorization: Bearer} (Amazon Data Firehose's access-key
     * header): the same configured tokens, compared the same way.
     */
    public Optional<IngestPrincipal> authenticateToken(String token) {
        return tokens.authenticate(token == null ? null : token.trim());
    }

    static String bearerToken(String authorization) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return authorization.substring(BEARER.length()).trim();
    }
}
