package com.deskpost.oversight.ops;

import com.samskivert.mustache.Template;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.servlet.View;

/**
 * One rendered ops page. It adds what every page needs from the request rather than from the
 * controller: the CSRF token (every form posts it, or Spring Security refuses the post) and the
 * context path for links, and whether the signed-in member is an admin (the navigation's admin link).
 */
final class OpsPage implements View {

    private static final String CONTENT_TYPE = "text/html;charset=UTF-8";

    private final Template template;

    OpsPage(Template template) {
        this.template = template;
    }

    @Override
    public String getContentType() {
        return CONTENT_TYPE;
    }

    @Override
    public void render(Map<String, ?> model, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Map<String, Object> context = new HashMap<>(model == null ? Map.of() : model);
        context.put("base", request.getContextPath());
        // The admin link only for admins: the role is the security configuration's (SecurityConfiguration.ADMIN).
        context.put("isAdmin", request.isUserInRole("ADMIN"));
        // Read before the body is written: a deferred token may still have to be saved in the session.
        if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken csrf) {
            context.put("csrf", Map.of("parameterName", csrf.getParameterName(), "token", csrf.getToken()));
        }
        response.setContentType(CONTENT_TYPE);
        template.execute(context, response.getWriter());
    }
}
