package com.deskpost.platform.api;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller as part of the authenticated JSON API in the OpenAPI document: it needs the
 * API key with the scope of its tag, and any of its operations can answer 400, 401, 403 or 500 with
 * an {@link ApiError}. Each service declares the security scheme {@link #API_KEY} in its own
 * OpenAPI definition.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SecurityRequirement(name = ApiDocs.API_KEY)
@ApiResponse(responseCode = "400", description = "A parameter or the body is invalid; `field` names it",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
@ApiResponse(responseCode = "401", description = "No API key, or one not recognised: send `Authorization: Bearer <api key>`",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
@ApiResponse(responseCode = "403", description = "The key lacks the scope this endpoint needs (`missing_scope`; "
        + "the message names it): read, contacts, erasure or deliverability, granted in `deskpost.api.clients[n].scopes`",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
@ApiResponse(responseCode = "500", description = "Failed on our side; the message holds an incident id to quote",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
public @interface ApiDocs {

    /** Name of the bearer-key security scheme each service's OpenAPI definition declares. */
    String API_KEY = "apiKey";
}
