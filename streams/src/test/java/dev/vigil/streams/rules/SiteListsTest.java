package dev.vigil.streams.rules;

import dev.vigil.model.json.VigilJson;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The allow-lists the bundled rules leave empty, filled the way a site does (vigil.rules.lists.*): a listed
 * principal's routine requests are quiet, and what the rule says fires regardless still fires.
 */
class SiteListsTest {

    private static final RuleEngine SITE = RuleEngine.load(new RulesProperties(null, Map.of(
            "impersonators", List.of("system:serviceaccount:cattle-system:cattle"),
            "exec-allowed-groups", List.of("sre"),
            "rbac-automation-accounts", List.of("system:serviceaccount:argocd:argocd-application-controller"),
            "port-forward-allowed-users", List.of("dba@example.com")), null, null, null));
    private static final RuleEngine BUNDLED = RuleEngine.load(RulesProperties.defaults());

    @Test
    void aListedImpersonatorIsQuietUnlessItActsAsAPrivilegedIdentity() {
        String asDeveloper = impersonation("mallory@example.com", "developers");
        String asMasters = impersonation("mallory@example.com", "system:masters");

        assertThat(hits(BUNDLED, asDeveloper)).containsExactly("impersonation medium");
        assertThat(hits(SITE, asDeveloper)).isEmpty();
        assertThat(hits(SITE, asMasters)).containsExactly("impersonation critical");
    }

    @Test
    void anAllowedGroupsRoutineExecIsQuietButItsCredentialTheftIsNot() {
        String shell = exec("command=bash&container=api&stdin=true&stdout=true&tty=true");
        String metadata = exec("command=wget&command=-qO-&command=http%3A%2F%2F169.254.169.254%2Flatest%2Fmeta-data%2F");

        assertThat(hits(BUNDLED, shell)).containsExactly("pod-exec high");
        assertThat(hits(SITE, shell)).isEmpty();
        assertThat(hits(SITE, metadata)).containsExactly("pod-exec critical");
    }

    @Test
    void listedAutomationAndPortForwardersAreQuiet() {
        String sync = """
                {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","stage":"ResponseComplete",
                 "verb":"patch","requestURI":"/apis/rbac.authorization.k8s.io/v1/namespaces/shop/rolebindings/readers",
                 "user":{"username":"system:serviceaccount:argocd:argocd-application-controller"},
                 "objectRef":{"resource":"rolebindings","namespace":"shop","name":"readers",
                              "apiGroup":"rbac.authorization.k8s.io","apiVersion":"v1"},
                 "responseStatus":{"code":200},"annotations":{"authorization.k8s.io/decision":"allow"}}""";
        String forward = """
                {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","stage":"ResponseStarted",
                 "verb":"create","requestURI":"/api/v1/namespaces/data/pods/postgres-0/portforward",
                 "user":{"username":"dba@example.com"},
                 "objectRef":{"resource":"pods","namespace":"data","name":"postgres-0","subresource":"portforward",
                              "apiVersion":"v1"},
                 "responseStatus":{"code":101},"annotations":{"authorization.k8s.io/decision":"allow"}}""";

        assertThat(hits(BUNDLED, sync)).as("a well-known GitOps controller, low until reviewed")
                .containsExactly("automation-writes-rbac low");
        assertThat(hits(SITE, sync)).isEmpty();
        assertThat(hits(BUNDLED, forward)).containsExactly("pod-port-forward medium");
        assertThat(hits(SITE, forward)).isEmpty();
    }

    private static String impersonation(String user, String group) {
        return """
                {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","stage":"ResponseComplete",
                 "verb":"get","requestURI":"/api/v1/namespaces/shop/configmaps/app",
                 "user":{"username":"system:serviceaccount:cattle-system:cattle","groups":["system:serviceaccounts"]},
                 "impersonatedUser":{"username":"%s","groups":["%s","system:authenticated"]},
                 "objectRef":{"resource":"configmaps","namespace":"shop","name":"app","apiVersion":"v1"},
                 "responseStatus":{"code":200},"annotations":{"authorization.k8s.io/decision":"allow"}}"""
                .formatted(user, group);
    }

    private static String exec(String query) {
        return """
                {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","stage":"ResponseStarted",
                 "verb":"create","requestURI":"/api/v1/namespaces/shop/pods/api-5f7c9-abcde/exec?%s",
                 "user":{"username":"oncall@example.com","groups":["sre","system:authenticated"]},
                 "objectRef":{"resource":"pods","namespace":"shop","name":"api-5f7c9-abcde","subresource":"exec",
                              "apiVersion":"v1"},
                 "responseStatus":{"code":101},"annotations":{"authorization.k8s.io/decision":"allow"}}"""
                .formatted(query);
    }

    private static List<String> hits(RuleEngine engine, String event) {
        return engine.evaluate(RuleTestRunner.record(VigilJson.mapper().readTree(event)).value())
                .stream().map(d -> d.rule().id() + " " + d.severity().word()).toList();
    }
}
