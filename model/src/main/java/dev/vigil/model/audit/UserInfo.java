package dev.vigil.model.audit;

import java.util.List;
import java.util.Map;

/** {@code authentication/v1 UserInfo}: who made (or was impersonated in) a request. */
public record UserInfo(String username, String uid, List<String> groups, Map<String, List<String>> extra) {

    public UserInfo {
        groups = groups == null ? List.of() : List.copyOf(groups);
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    public static UserInfo of(String username, String... groups) {
        return new UserInfo(username, null, List.of(groups), Map.of());
    }

    /** First value of an {@code extra} key, e.g. {@code authentication.kubernetes.io/pod-name}. */
    public String extraValue(String key) {
        List<String> values = extra.get(key);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
