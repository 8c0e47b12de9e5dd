package dev.vigil.console.query;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A request under {@code /v1} that no endpoint serves, answered as a problem like every other API error rather than
 * by the static resource handler's error page: 405 with {@code Allow} when an endpoint has the path but not the
 * method ({@code DELETE /v1/alerts}), else 404. Any real mapping is more specific and wins; because this one takes
 * every method, Spring MVC's own 405 never happens for {@code /v1}, so it is decided here.
 */
@RestController
public class UnknownApiPaths {

    private final ApplicationContext context;

    public UnknownApiPaths(ApplicationContext context) {
        this.context = context;
    }

    @RequestMapping("/v1/**")
    public ResponseEntity<ProblemDetail> notFound(HttpServletRequest request) {
        Set<String> allowed = allowedMethods(request);
        if (!allowed.isEmpty()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.METHOD_NOT_ALLOWED,
                    request.getMethod() + " is not supported by " + request.getRequestURI() + "; it answers "
                            + String.join(", ", allowed));
            return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
                    .header(HttpHeaders.ALLOW, String.join(", ", allowed))
                    .body(problem);
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No API endpoint at " + request.getRequestURI());
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }

    /** The methods of the other endpoints whose path matches this request's (HEAD with GET, as Spring MVC serves it). */
    private Set<String> allowedMethods(HttpServletRequest request) {
        // looked up per request: the handler mapping is built from the controllers, this one included
        RequestMappingHandlerMapping mapping = context.getBean("requestMappingHandlerMapping",
                RequestMappingHandlerMapping.class);
        Set<String> allowed = new TreeSet<>();
        mapping.getHandlerMethods().forEach((info, handler) -> {
            if (UnknownApiPaths.class.isAssignableFrom(handler.getBeanType()) || !pathMatches(info, request)) {
                return;
            }
            allowed.addAll(info.getMethodsCondition().getMethods().stream().map(RequestMethod::name)
                    .collect(Collectors.toSet()));
        });
        if (allowed.contains(HttpMethod.GET.name())) {
            allowed.add(HttpMethod.HEAD.name());
        }
        return allowed;
    }

    private static boolean pathMatches(RequestMappingInfo info, HttpServletRequest request) {
        return info.getActivePatternsCondition().getMatchingCondition(request) != null;
    }
}
