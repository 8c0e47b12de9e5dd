package dev.vigil.console.query;

import jakarta.servlet.http.HttpServletRequest;

import java.util.Collection;
import java.util.TreeSet;

/** Checks of a read API request's query string shared by its endpoints. */
public final class QueryParameters {

    private QueryParameters() {
    }

    /** Rejects (400, naming it) the first parameter outside {@code known}: a misspelt filter would silently match all. */
    public static void requireKnown(HttpServletRequest request, Collection<String> known) {
        for (String name : new TreeSet<>(request.getParameterMap().keySet())) {
            if (!known.contains(name)) {
                throw new InvalidParameterException(name, "is not a parameter of " + request.getRequestURI()
                        + "; known: " + String.join(", ", new TreeSet<>(known)));
            }
        }
    }
}
