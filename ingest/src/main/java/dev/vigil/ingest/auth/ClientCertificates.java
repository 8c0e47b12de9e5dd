package dev.vigil.ingest.auth;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps a TLS client certificate's subject CN to the clusters it may post as. The certificate reaches the
 * application only after the TLS handshake verified it against the server's trust store (Spring Boot SSL bundle
 * with {@code server.ssl.client-auth=want} or {@code need}); an unverified certificate never gets here.
 */
public final class ClientCertificates {

    private final Map<String, List<String>> clustersByCommonName;

    public ClientCertificates(Map<String, List<String>> clustersByCommonName) {
        this.clustersByCommonName = Map.copyOf(clustersByCommonName);
    }

    /** The principal of the verified chain's leaf certificate, or empty when its CN is not configured. */
    public Optional<IngestPrincipal> authenticate(X509Certificate[] chain) {
        if (chain == null || chain.length == 0 || clustersByCommonName.isEmpty()) {
            return Optional.empty();
        }
        return commonName(chain[0])
                .filter(clustersByCommonName::containsKey)
                .map(cn -> new IngestPrincipal("cert:" + cn, clustersByCommonName.get(cn)));
    }

    static Optional<String> commonName(X509Certificate certificate) {
        try {
            LdapName name = new LdapName(certificate.getSubjectX500Principal().getName());
            // getRdns() runs right to left: the leftmost (most specific) CN comes last.
            List<Rdn> rdns = name.getRdns();
            for (int i = rdns.size() - 1; i >= 0; i--) {
                if ("CN".equalsIgnoreCase(rdns.get(i).getType())) {
                    return Optional.of(String.valueOf(rdns.get(i).getValue()));
                }
            }
            return Optional.empty();
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }

    public boolean isEmpty() {
        return clustersByCommonName.isEmpty();
    }
}
