package dev.vigil.embedded;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one {@link EmbeddedOpenSearch} per test JVM, shared by every test class that uses this extension, and hands
 * it to tests as an {@code EmbeddedOpenSearch} parameter or through {@link #openSearch()}. It is closed when the test
 * run ends.
 */
public final class EmbeddedOpenSearchExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(EmbeddedOpenSearchExtension.class);
    private static volatile EmbeddedOpenSearch shared;

    /** The node started for this test run; only valid in tests (or their set-up) that use this extension. */
    public static EmbeddedOpenSearch openSearch() {
        EmbeddedOpenSearch openSearch = shared;
        if (openSearch == null) {
            throw new IllegalStateException("no embedded OpenSearch: annotate the test class with @WithEmbeddedOpenSearch");
        }
        return openSearch;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        shared(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedOpenSearch.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return shared(context);
    }

    private static EmbeddedOpenSearch shared(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(SharedOpenSearch.class, key -> SharedOpenSearch.start(), SharedOpenSearch.class)
                .openSearch();
    }

    /** The root store closes {@link AutoCloseable} values when the whole test run is over. */
    private record SharedOpenSearch(EmbeddedOpenSearch openSearch) implements AutoCloseable {

        static SharedOpenSearch start() {
            EmbeddedOpenSearch openSearch = new EmbeddedOpenSearch().start();
            shared = openSearch;
            return new SharedOpenSearch(openSearch);
        }

        @Override
        public void close() {
            shared = null;
            openSearch.close();
        }
    }
}
