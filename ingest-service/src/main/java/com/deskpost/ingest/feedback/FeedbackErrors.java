package com.deskpost.ingest.feedback;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A refused provider call as JSON {@code {"error": code, "message": ..., "provider": ...}}; nothing was published.
 * Refusals are logged, so an operator sees a misconfigured provider in the logs as well as in its dashboard.
 */
@RestControllerAdvice(assignableTypes = {SesWebhookController.class, ProviderWebhooksController.class})
class FeedbackErrors {

    private static final Logger log = LoggerFactory.getLogger(FeedbackErrors.class);

    @ExceptionHandler(WebhookRefused.class)
    ResponseEntity<Map<String, Object>> refused(WebhookRefused refused, HttpServletRequest request) {
        log.warn("Feedback webhook call refused ({}): {}", refused.reason().code, refused.getMessage());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", refused.reason().code);
        body.put("message", refused.getMessage());
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(HttpStatus.valueOf(refused.reason().status))
                .contentType(MediaType.APPLICATION_JSON);
        if (refused.reason() == WebhookRefused.Reason.UNAUTHORIZED && request.getRequestURI().endsWith("/postmark")) {
            // Postmark sends the URL's basic auth credentials; a client that waits for a challenge gets one.
            answer.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"deskpost-feedback\"");
        }
        if (refused.reason() == WebhookRefused.Reason.UNAVAILABLE) {
            answer.header(HttpHeaders.RETRY_AFTER, "30");
        }
        return answer.body(body);
    }
}
