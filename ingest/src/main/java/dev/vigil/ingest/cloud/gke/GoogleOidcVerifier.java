package dev.vigil.ingest.cloud.gke;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.vigil.ingest.auth.IngestPrincipal;
import dev.vigil.ingest.config.SourcesProperties;

import java.net.MalformedURLException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Verifies the OIDC token a Pub/Sub push subscription sends ({@code Authorization: Bearer <JWT>}): an RS256
 * signature by a key of the configured JWK set (Google's, fetched once and cached, fetched again for an unknown key
 * id), issuer, audience, {@code exp}/{@code nbf}/{@code iat} within the clock skew, and a verified {@code email}
 * claim naming one of the configured service accounts, whose clusters become the principal's.
 */
final class GoogleOidcVerifier {

    /** Why a token was not accepted; the message is safe to log (it never contains the token). */
    static final class Rejected extends Exception {
        Rejected(String message) {
            super(message, null, false, false);
        }
    }

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final Map<String, IngestPrincipal> subscribers = new LinkedHashMap<>();
    private final Duration clockSkew;

    GoogleOidcVerifier(SourcesProperties.Gke gke) {
        this(gke, jwkSource(gke));
    }

    GoogleOidcVerifier(SourcesProperties.Gke gke, JWKSource<SecurityContext> keys) {
        this.clockSkew = gke.clockSkew();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(gke.audience(),
                new JWTClaimsSet.Builder().issuer(gke.issuer()).build(), Set.of("exp", "iat", "email"));
        claims.setMaxClockSkew((int) Math.min(Integer.MAX_VALUE, gke.clockSkew().toSeconds()));
        processor.setJWTClaimsSetVerifier(claims);
        for (SourcesProperties.Subscriber subscriber : gke.subscribers()) {
            subscribers.put(subscriber.email(), new IngestPrincipal("gke:" + subscriber.email(), subscriber.clusters()));
        }
    }

    private static JWKSource<SecurityContext> jwkSource(SourcesProperties.Gke gke) {
        try {
            long ttl = gke.jwkSetCacheTtl().toMillis();
            return JWKSourceBuilder.<SecurityContext>create(gke.jwkSetUri().toURL())
                    .cache(ttl, JWKSourceBuilder.DEFAULT_CACHE_REFRESH_TIMEOUT)
                    .build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("vigil.sources.gke.jwk-set-uri is not a URL: " + gke.jwkSetUri(), e);
        }
    }

    /** The principal of a valid token, or {@link Rejected} with why not. */
    IngestPrincipal verify(String jwt) throws Rejected {
        JWTClaimsSet claims;
        try {
            claims = processor.process(jwt, null);
        } catch (ParseException e) {
            throw new Rejected("not a JWT");
        } catch (BadJOSEException e) {
            throw new Rejected("invalid token: " + e.getMessage());
        } catch (JOSEException e) {
            throw new Rejected("the token could not be verified: " + e.getMessage());
        }
        Date issuedAt = claims.getIssueTime();
        if (issuedAt.toInstant().isAfter(Instant.now().plus(clockSkew))) {
            throw new Rejected("the token was issued in the future (iat)");
        }
        String email;
        Boolean verified;
        try {
            email = claims.getStringClaim("email");
            verified = claims.getBooleanClaim("email_verified");
        } catch (ParseException e) {
            throw new Rejected("the email claims have the wrong type");
        }
        if (!Boolean.TRUE.equals(verified)) {
            throw new Rejected("the token's email is not verified");
        }
        IngestPrincipal principal = subscribers.get(email);
        if (principal == null) {
            throw new Rejected("the service account " + email + " is not a configured subscriber");
        }
        return principal;
    }

    List<String> subscriberEmails() {
        return List.copyOf(subscribers.keySet());
    }
}
