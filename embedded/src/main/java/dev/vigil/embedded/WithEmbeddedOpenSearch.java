package dev.vigil.embedded;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/** Runs the annotated test class against the shared {@link EmbeddedOpenSearch} of this test run ({@link EmbeddedOpenSearchExtension}). */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(EmbeddedOpenSearchExtension.class)
public @interface WithEmbeddedOpenSearch {
}
