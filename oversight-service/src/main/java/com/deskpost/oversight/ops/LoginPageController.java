package com.deskpost.oversight.ops;

import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The sign-in page. Spring Security's form login handles the POST to the same address and sends
 * a failed attempt back here with {@code ?error}, an attempt refused after too many failures with
 * {@code ?throttled}, a sign-out with {@code ?signedOut}, a session ended because an admin changed its account
 * (disabled, or its admin role given or taken) with {@code ?accountChanged}.
 */
@Controller
class LoginPageController {

    private final OpsTemplates templates;

    LoginPageController(OpsTemplates templates) {
        this.templates = templates;
    }

    @GetMapping("/ops/login")
    ModelAndView login(@RequestParam(required = false) String error, @RequestParam(required = false) String throttled,
            @RequestParam(required = false) String signedOut, @RequestParam(required = false) String accountChanged) {
        return new ModelAndView(templates.page("login"), Map.of("title", "Sign in", "failed", error != null,
                "throttled", throttled != null, "signedOut", signedOut != null, "accountChanged",
                accountChanged != null));
    }
}
