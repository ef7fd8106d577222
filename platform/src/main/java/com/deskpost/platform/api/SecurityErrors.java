package com.deskpost.platform.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.ObjectMapper;

/**
 * 401 and 403 as the API's JSON errors, saying how to authenticate or which scope the key lacks,
 * instead of an empty body or a login page.
 */
class SecurityErrors implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final String HOW_TO_AUTHENTICATE = "Send Authorization: Bearer <api key>; "
            + "the operator issues one key per client in deskpost.api.clients.";

    private final ObjectMapper json;

    SecurityErrors(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException reason)
            throws IOException {
        String message = reason instanceof BadCredentialsException
                ? "The API key sent was not recognised. " + HOW_TO_AUTHENTICATE
                : HOW_TO_AUTHENTICATE;
        // RFC 6750 section 3: tell the client which scheme to use.
        response.setHeader("WWW-Authenticate", "Bearer realm=\"deskpost\"");
        write(response, HttpStatus.UNAUTHORIZED, ApiError.of("unauthorized", message));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        String call = request.getMethod() + " " + request.getRequestURI();
        ApiError error = ApiScope.neededFor(request)
                .map(scope -> ApiError.of("missing_scope", "This API key lacks the scope '" + scope.label() + "' that "
                        + call + " needs; the operator grants it in deskpost.api.clients[n].scopes "
                        + "(read, contacts, erasure, deliverability, subject-access; erasure and subject-access are implied by no "
                        + "other scope)."))
                .orElse(ApiError.of("forbidden", "This API client may not call " + call
                        + "; ask the operator for a key that may."));
        write(response, HttpStatus.FORBIDDEN, error);
    }

    private void write(HttpServletResponse response, HttpStatus status, ApiError error) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), error);
    }
}
