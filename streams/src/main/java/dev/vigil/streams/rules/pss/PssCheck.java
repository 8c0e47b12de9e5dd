package dev.vigil.streams.rules.pss;

import java.util.Optional;

/**
 * One check of the Pod Security Standards, named as {@code k8s.io/pod-security-admission} names it.
 * {@code partial} is set when only part of the object is known (a patch without the resulting object): then
 * only explicitly set bad values fail, never a field the patch simply does not mention.
 */
interface PssCheck {

    String id();

    /** A sentence naming what violates the check, or empty when the pod passes it. */
    Optional<String> violation(PodTemplate pod, boolean partial);
}
