package dev.vigil.model.role;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The condition behind {@link ConditionalOnVigilRole}. */
final class OnVigilRoleCondition implements Condition {

    static final String PROPERTY = "vigil.roles";

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnVigilRole.class.getName());
        if (attributes == null) {
            return false;
        }
        Role[] wanted = (Role[]) attributes.get("value");
        Set<Role> configured = configuredRoles(Binder.get(context.getEnvironment()));
        return Arrays.stream(wanted).anyMatch(configured::contains);
    }

    /** The roles {@code vigil.roles} names; all of them when it is unset. */
    static Set<Role> configuredRoles(Binder binder) {
        return binder.bind(PROPERTY, Bindable.listOf(Role.class))
                .map(List::copyOf)
                .<Set<Role>>map(roles -> roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles))
                .orElseGet(() -> EnumSet.allOf(Role.class));
    }
}
