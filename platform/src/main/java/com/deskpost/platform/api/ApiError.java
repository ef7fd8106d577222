package com.deskpost.platform.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Every error the API returns: a stable code to branch on and a sentence a person can act on.
 *
 * @param error machine-readable code
 * @param message what went wrong and what to do about it
 * @param field the request parameter or body field at fault, for validation errors
 */
@Schema(description = "An error: a stable code to branch on and a sentence saying what to do.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(
        @Schema(description = "Machine-readable code", example = "invalid_request") String error,
        @Schema(description = "What went wrong and what to do about it",
                example = "Parameter 'from' must be an ISO-8601 instant such as 2025-03-03T09:00:00Z") String message,
        @Schema(description = "The parameter or body field at fault, for validation errors", example = "from")
        String field) {

    public static ApiError of(String error, String message) {
        return new ApiError(error, message, null);
    }
}
