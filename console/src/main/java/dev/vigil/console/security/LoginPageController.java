package dev.vigil.console.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

/**
 * Vigil's sign-in page, rendered on the server so that it carries the CSRF token without JavaScript and works in
 * every role (the console's own pages are static files).
 */
@Controller
class LoginPageController {

    private static final String PAGE = """
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>Sign in · Vigil</title>
              <link rel="stylesheet" href="/assets/console.css">
            </head>
            <body class="login-body">
              <main class="login-card" aria-labelledby="login-title">
                <h1 id="login-title"><span class="brand-mark" aria-hidden="true">◆</span> Vigil</h1>
                <p class="muted">Kubernetes audit analytics — sign in to the console.</p>
                %s
                <form method="post" action="/login" class="login-form">
                  <label for="username">User name</label>
                  <input id="username" name="username" type="text" autocomplete="username" required autofocus>
                  <label for="password">Password</label>
                  <input id="password" name="password" type="password" autocomplete="current-password" required>
                  <input type="hidden" name="%s" value="%s">
                  <button type="submit" class="primary">Sign in</button>
                </form>
                <p class="muted small">On the local default, Vigil printed the <code>admin</code> password once when it
                  started (or uses <code>VIGIL_CONSOLE_PASSWORD</code>).</p>
              </main>
            </body>
            </html>
            """;

    @GetMapping(path = ConsoleSecurityConfiguration.LOGIN_PAGE, produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String loginPage(HttpServletRequest request) {
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        String notice = "";
        if (request.getParameter("error") != null) {
            notice = "<p class=\"notice error\" role=\"alert\">Wrong user name or password.</p>";
        } else if (request.getParameter("logout") != null) {
            notice = "<p class=\"notice\" role=\"status\">You have been signed out.</p>";
        }
        return PAGE.formatted(notice,
                csrf == null ? "_csrf" : HtmlUtils.htmlEscape(csrf.getParameterName()),
                csrf == null ? "" : HtmlUtils.htmlEscape(csrf.getToken()));
    }
}
