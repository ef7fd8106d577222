package com.deskpost.ingest.web;

import com.deskpost.ingest.auth.AuthenticationFailed;
import com.deskpost.ingest.auth.TopicForbidden;
import com.deskpost.ingest.events.BrokerUnavailable;
import com.deskpost.schemas.json.InvalidJsonException;
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
 * Every refusal as JSON {@code {"error": code, "message": ...}} plus the details a caller needs
 * to fix it (field path, line and column). Nothing was produced when any of these is answered.
 */
@RestControllerAdvice
class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Map<String, Object>> refused(ApiException refused) {
        return body(refused.status(), refused.code(), refused.getMessage(), refused.details());
    }

    @ExceptionHandler(AuthenticationFailed.class)
    ResponseEntity<Map<String, Object>> unauthenticated(AuthenticationFailed failed) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"deskpost-ingest\"")
                .contentType(MediaType.APPLICATION_JSON)
                .body(map("unauthorized", failed.getMessage(), Map.of()));
    }

    @ExceptionHandler(TopicForbidden.class)
    ResponseEntity<Map<String, Object>> forbidden(TopicForbidden forbidden) {
        return body(HttpStatus.FORBIDDEN, "forbidden", forbidden.getMessage(), Map.of());
    }

    @ExceptionHandler(InvalidJsonException.class)
    ResponseEntity<Map<String, Object>> invalid(InvalidJsonException invalid) {
        if (invalid.malformed()) {
            return body(HttpStatus.BAD_REQUEST, "malformed_json", "The body is not valid JSON at line "
                    + invalid.line() + ", column " + invalid.column() + ": " + invalid.problem(),
                    Map.of("line", invalid.line(), "column", invalid.column()));
        }
        return body(HttpStatus.UNPROCESSABLE_CONTENT, "schema_violation", invalid.path() + ": " + invalid.problem(),
                Map.of("path", invalid.path(), "problem", invalid.problem()));
    }

    @ExceptionHandler(BrokerUnavailable.class)
    ResponseEntity<Map<String, Object>> unavailable(BrokerUnavailable unavailable) {
        log.error("Event not ingested; the caller is told to retry", unavailable);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .contentType(MediaType.APPLICATION_JSON)
                .body(map("unavailable", unavailable.getMessage() + "; nothing was recorded: retry the same request "
                        + "(the same event_id is delivered once)", Map.of()));
    }

    private static ResponseEntity<Map<String, Object>> body(HttpStatus status, String code, String message,
            Map<String, Object> details) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(map(code, message, details));
    }

    private static Map<String, Object> map(String code, String message, Map<String, Object> details) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        body.putAll(details);
        return body;
    }
}
