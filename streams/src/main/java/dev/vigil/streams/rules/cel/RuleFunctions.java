package dev.vigil.streams.rules.cel;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;
import dev.vigil.streams.rules.pss.PodSecurityStandards;
import dev.vigil.streams.rules.pss.PodTemplate;

import java.util.List;
import java.util.Map;

/**
 * Java functions for what CEL alone says awkwardly: the Pod Security Standards ({@code pss.*}), Kubernetes
 * object helpers ({@code k8s.*}) and network addresses ({@code net.*}). Each takes plain CEL values and never
 * throws on odd input.
 * <ul>
 * <li>{@code pss.baselineFailures(obj)} / {@code pss.restrictedFailures(obj, partial)}: failed check names</li>
 * <li>{@code pss.baselineViolations(obj)} / {@code pss.restrictedViolations(obj, partial)}: name → sentence</li>
 * <li>{@code k8s.podSpec(obj)}: the pod spec of a Pod or workload template, {@code {}} when none</li>
 * <li>{@code k8s.images(obj)}: container images of that pod</li>
 * <li>{@code k8s.controller(obj)}: {@code Kind/name} of the controlling ownerReference, or ""</li>
 * <li>{@code k8s.ownerOrSelf(obj, objectRef)}: the controller, else the object itself as {@code Kind/name}</li>
 * <li>{@code k8s.verbPast(verb)}: "created", "deleted", … for messages; {@code k8s.verbPast(verb, responseCode)}
 * says "tried to read", … when the request was refused or failed (status 400 and above)</li>
 * <li>{@code k8s.target(objectRef, path)}: {@code resource/name[/subresource]}, or the path of a non-resource request</li>
 * <li>{@code k8s.imageRepo(image)}: {@code registry/path/name} of an image, Docker Hub spelled out
 * ({@code nginx} → {@code docker.io/library/nginx})</li>
 * <li>{@code k8s.imageTag(image)}: its tag, "" when it has none or is pinned by digest</li>
 * <li>{@code k8s.imageFrom(image, sources)}: whether it comes from one of the registries / path prefixes</li>
 * <li>{@code net.inCidrs(ip, cidrs)}: whether an IP address literal lies in one of the CIDR blocks</li>
 * <li>{@code k8s.queryParam(requestURI, name)}: every value of a query parameter, URL-decoded, e.g. an exec's
 * {@code command=} arguments</li>
 * <li>{@code k8s.commandWords(arguments)}: the words of a command line (split at whitespace and shell punctuation,
 * each also by its file name), e.g. {@code curl} in {@code sh -c "/usr/bin/curl -s x|sh"}</li>
 * <li>{@code k8s.csrSubject(request)}: {@code {commonName, organizations}} of a CertificateSigningRequest's
 * {@code spec.request} (base64 PEM); empty values when it cannot be read</li>
 * </ul>
 */
final class RuleFunctions {

    private static final CelType OBJECT = MapType.create(SimpleType.STRING, SimpleType.DYN);
    private static final CelType STRINGS = ListType.create(SimpleType.STRING);
    private static final CelType STRING_MAP = MapType.create(SimpleType.STRING, SimpleType.STRING);

    private RuleFunctions() {
    }

    static List<CelFunctionDecl> declarations() {
        return List.of(
                function("pss.baselineFailures", overload("pss_baseline_failures", STRINGS, SimpleType.DYN)),
                function("pss.restrictedFailures",
                        overload("pss_restricted_failures", STRINGS, SimpleType.DYN, SimpleType.BOOL)),
                function("pss.baselineViolations", overload("pss_baseline_violations", STRING_MAP, SimpleType.DYN)),
                function("pss.restrictedViolations",
                        overload("pss_restricted_violations", STRING_MAP, SimpleType.DYN, SimpleType.BOOL)),
                function("k8s.podSpec", overload("k8s_pod_spec", OBJECT, SimpleType.DYN)),
                function("k8s.images", overload("k8s_images", STRINGS, SimpleType.DYN)),
                function("k8s.controller", overload("k8s_controller", SimpleType.STRING, SimpleType.DYN)),
                function("k8s.ownerOrSelf",
                        overload("k8s_owner_or_self", SimpleType.STRING, SimpleType.DYN, SimpleType.DYN)),
                function("k8s.verbPast", overload("k8s_verb_past", SimpleType.STRING, SimpleType.STRING),
                        overload("k8s_verb_past_status", SimpleType.STRING, SimpleType.STRING, SimpleType.INT)),
                function("k8s.target", overload("k8s_target", SimpleType.STRING, SimpleType.DYN, SimpleType.STRING)),
                function("k8s.imageRepo", overload("k8s_image_repo", SimpleType.STRING, SimpleType.STRING)),
                function("k8s.imageTag", overload("k8s_image_tag", SimpleType.STRING, SimpleType.STRING)),
                function("k8s.imageFrom", overload("k8s_image_from", SimpleType.BOOL, SimpleType.STRING, STRINGS)),
                function("net.inCidrs", overload("net_in_cidrs", SimpleType.BOOL, SimpleType.STRING, STRINGS)),
                function("k8s.queryParam",
                        overload("k8s_query_param", STRINGS, SimpleType.STRING, SimpleType.STRING)),
                function("k8s.commandWords", overload("k8s_command_words", STRINGS, SimpleType.DYN)),
                function("k8s.csrSubject", overload("k8s_csr_subject", OBJECT, SimpleType.DYN)));
    }

    static List<CelFunctionBinding> bindings() {
        return List.of(
                CelFunctionBinding.from("pss_baseline_failures", Object.class,
                        PodSecurityStandards::baselineFailures),
                CelFunctionBinding.from("pss_restricted_failures", Object.class, Boolean.class,
                        PodSecurityStandards::restrictedFailures),
                CelFunctionBinding.from("pss_baseline_violations", Object.class,
                        PodSecurityStandards::baselineViolations),
                CelFunctionBinding.from("pss_restricted_violations", Object.class, Boolean.class,
                        PodSecurityStandards::restrictedViolations),
                CelFunctionBinding.from("k8s_pod_spec", Object.class,
                        obj -> PodTemplate.of(obj).<Object>map(PodTemplate::spec).orElse(Map.of())),
                CelFunctionBinding.from("k8s_images", Object.class,
                        obj -> PodTemplate.of(obj).map(PodTemplate::images).orElse(List.of())),
                CelFunctionBinding.from("k8s_controller", Object.class, K8sObjects::controller),
                CelFunctionBinding.from("k8s_owner_or_self", Object.class, Object.class, K8sObjects::ownerOrSelf),
                CelFunctionBinding.from("k8s_verb_past", String.class, K8sObjects::verbPast),
                CelFunctionBinding.from("k8s_verb_past_status", String.class, Long.class, K8sObjects::verbPast),
                CelFunctionBinding.from("k8s_target", Object.class, String.class, K8sObjects::target),
                CelFunctionBinding.from("k8s_image_repo", String.class, ImageRefs::repository),
                CelFunctionBinding.from("k8s_image_tag", String.class, ImageRefs::tag),
                CelFunctionBinding.from("k8s_image_from", String.class, List.class, ImageRefs::from),
                CelFunctionBinding.from("net_in_cidrs", String.class, List.class, Cidrs::inAny),
                CelFunctionBinding.from("k8s_query_param", String.class, String.class, RequestUris::queryParam),
                CelFunctionBinding.from("k8s_command_words", Object.class,
                        arguments -> RequestUris.commandWords(arguments instanceof List<?> list ? list : List.of())),
                CelFunctionBinding.from("k8s_csr_subject", Object.class,
                        request -> CertificateRequests.subject(request instanceof String text ? text : "")));
    }

    /**
     * What a function of the pod in an object gives for an object without one (no {@code PodTemplate}), by overload
     * id: the screen's answer for {@code k8s.podSpec(obj)} and the like when the event's objects provably hold no pod
     * ({@link SummaryVariables#NO_POD}). Null for the other functions. The bindings above give exactly these values
     * then: each starts with {@code PodTemplate.of(obj)} and answers empty without a pod.
     */
    static Object valueWithoutPod(String overloadId) {
        return switch (overloadId) {
            case "k8s_pod_spec", "pss_baseline_violations", "pss_restricted_violations" -> Map.of();
            case "k8s_images", "pss_baseline_failures", "pss_restricted_failures" -> List.of();
            default -> null;
        };
    }

    private static CelFunctionDecl function(String name, CelOverloadDecl... overloads) {
        return CelFunctionDecl.newFunctionDeclaration(name, overloads);
    }

    private static CelOverloadDecl overload(String id, CelType result, CelType... parameters) {
        return CelOverloadDecl.newGlobalOverload(id, result, parameters);
    }
}
