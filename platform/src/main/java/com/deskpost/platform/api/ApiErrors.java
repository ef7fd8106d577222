package com.deskpost.platform.api;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error of the JSON API as an {@link ApiError}: what is wrong and what to do, never a stack
 * trace. Spring MVC's own errors (unknown path, wrong method, unreadable body, a parameter of the
 * wrong type) keep their status and get a message in the same shape. An unexpected failure is
 * logged with its exception and an incident id the caller can quote. Controllers that answer in
 * HTML (the unsubscribe pages) handle their own errors.
 */
@RestControllerAdvice
class ApiErrors extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(InvalidRequest.class)
    ResponseEntity<ApiError> invalid(InvalidRequest invalid) {
        return respond(HttpStatus.BAD_REQUEST, new ApiError("invalid_request", invalid.getMessage(), invalid.field()));
    }

    @ExceptionHandler(NotFound.class)
    ResponseEntity<ApiError> notFound(NotFound notFound) {
        return respond(HttpStatus.NOT_FOUND, ApiError.of("not_found", notFound.getMessage()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception failure, HttpServletRequest request) {
        return respond(HttpStatus.INTERNAL_SERVER_ERROR,
                incident(failure, request.getMethod() + " " + request.getRequestURI()));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException mismatch, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = mismatch.getPropertyName();
        Class<?> type = mismatch.getRequiredType();
        String expected = type == Instant.class ? "an ISO-8601 instant such as 2025-03-03T09:00:00Z"
                : type == null ? "a value of the documented type" : "a value of type " + type.getSimpleName();
        return new ResponseEntity<>(new ApiError("invalid_request",
                "Parameter '" + name + "' must be " + expected + ", not '" + mismatch.getValue() + "'.", name),
                json(), HttpStatus.BAD_REQUEST);
    }

    /** The funnel of every Spring MVC exception: its ProblemDetail becomes an {@link ApiError}. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception failure, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        HttpHeaders merged = json();
        // Keep what Spring set, such as Allow on a 405.
        headers.forEach((name, values) -> {
            if (!HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)) {
                merged.addAll(name, values);
            }
        });
        Object error = body instanceof ApiError ? body
                : status.is5xxServerError() ? incident(failure, request.getDescription(false))
                : translate(failure, body, status);
        return new ResponseEntity<>(error, merged, status);
    }

    /** Logged in full with an id the caller can quote; the caller learns nothing of the internals. */
    private static ApiError incident(Exception failure, String request) {
        String incident = UUID.randomUUID().toString().substring(0, 8);
        log.error("Incident {}: {} failed", incident, request, failure);
        return ApiError.of("internal_error", "Something went wrong on our side and was logged as incident " + incident
                + " at " + Instant.now() + ". Retry in a moment; if it persists, give the operator that incident id.");
    }

    private static ApiError translate(Exception failure, Object body, HttpStatusCode status) {
        if (failure instanceof MissingServletRequestParameterException missing) {
            return new ApiError("invalid_request", "Parameter '" + missing.getParameterName()
                    + "' is required; see /v3/api-docs.", missing.getParameterName());
        }
        if (failure instanceof HttpMessageNotReadableException) {
            return ApiError.of("invalid_request",
                    "The request body is not JSON of the documented shape; see /v3/api-docs for this endpoint.");
        }
        if (failure instanceof NoResourceFoundException) {
            return ApiError.of("not_found", "No such endpoint; the API's endpoints are listed at /v3/api-docs.");
        }
        String detail = body instanceof ProblemDetail problem && problem.getDetail() != null
                ? problem.getDetail() : String.valueOf(failure.getMessage());
        return ApiError.of(code(status), detail + (detail.endsWith(".") ? "" : ".") + " See /v3/api-docs.");
    }

    private static String code(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> "invalid_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 415 -> "unsupported_media_type";
            default -> "request_failed";
        };
    }

    private static ResponseEntity<ApiError> respond(HttpStatus status, ApiError error) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(error);
    }

    private static HttpHeaders json() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return headers;
    }
}
