package dev.vigil.console.pages;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The console's pages are real paths ({@code /alerts/<id>} is what notifications link to): the server answers each
 * with the single-page console, which then shows the view the path names.
 */
@Controller
class ConsolePagesController {

    @GetMapping({"/overview", "/alerts", "/alerts/{id}", "/compliance", "/rules", "/dead-letters", "/search"})
    String page() {
        return "forward:/index.html";
    }
}
