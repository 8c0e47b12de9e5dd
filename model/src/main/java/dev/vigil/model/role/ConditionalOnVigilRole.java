package dev.vigil.model.role;

import org.springframework.context.annotation.Conditional;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Matches when {@code vigil.roles} (every role when unset) contains any of the given roles. The roles are bound to
 * {@link Role} as {@code VigilProperties} binds them, so {@code stream} never matches {@code streams} and a
 * misspelt role fails the start instead of switching a stage off.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnVigilRoleCondition.class)
public @interface ConditionalOnVigilRole {

    /** The roles, any one of which enables the annotated configuration. */
    Role[] value();
}
