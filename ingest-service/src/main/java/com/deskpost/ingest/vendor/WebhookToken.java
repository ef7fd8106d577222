package com.deskpost.ingest.vendor;

import com.deskpost.ingest.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.http.HttpStatus;

/**
 * The authentication of a vendor that signs nothing (Cobot, Brivo): the operator puts a secret in the callback URL
 * registered with the vendor ({@code ?token=}), or a relay in front of Deskpost sends it in the
 * {@code X-Deskpost-Token} header; Deskpost compares it in constant time, so the time taken tells a caller nothing
 * about how much of it was right, and answers 401 without it.
 *
 * @param vendor   the vendor's name, for the message ("Cobot")
 * @param endpoint the webhook's path ("/api/v1/webhooks/cobot")
 * @param setting  the setting holding the secret ("deskpost.ingest.cobot.webhook-token")
 * @param expected the secret; never blank (a vendor without it answers 404 before asking)
 */
public record WebhookToken(String vendor, String endpoint, String setting, String expected) {

    public static final String HEADER = "X-Deskpost-Token";

    public void verify(HttpServletRequest request) {
        String token = request.getHeader(HEADER) != null ? request.getHeader(HEADER) : request.getParameter("token");
        if (token == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", (token == null ? "No" : "A wrong") + " "
                    + vendor + " webhook token: register the callback URL in " + vendor + " as " + endpoint
                    + "?token=<" + setting + ">, or send it in the " + HEADER + " header");
        }
    }
}
