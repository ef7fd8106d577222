package com.deskpost.oversight.archive;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivery's sent-mail archive API, read server-side for the ops page with oversight's own key (scope read): staff
 * never hold a delivery key. Every failure becomes an {@link Answer} a page can show: not connected, not found,
 * gone (erased or withheld), or delivery unreachable (logged with its cause).
 */
@Component
public class DeliveryArchive {

    private static final Logger log = LoggerFactory.getLogger(DeliveryArchive.class);
    private static final JsonMapper ERRORS = JsonMapper.builder().build();

    private final RestClient delivery;
    private final boolean connected;

    public DeliveryArchive(ArchiveSettings settings) {
        this.connected = settings.deliveryUrl() != null;
        this.delivery = connected ? RestClient.builder().baseUrl(settings.deliveryUrl().toString())
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + settings.apiKey())
                .defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE).build() : null;
    }

    /** One archived message as delivery lists it (the fields the page shows). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Entry(String sha256, String draftId, String kind, String category, String locationId,
            String subject, Instant sentAt, int sizeBytes, Instant retainedUntil, boolean contentHeld,
            String withheld) {
    }

    /** One page of a recipient's archive, newest first. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Entries(List<Entry> items, String nextCursor) {
    }

    /** One message's entry and readable text. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Text(Entry entry, String text) {
    }

    /** The value, or why there is none, in words for staff. */
    public record Answer<T>(T value, String problem) {

        static <T> Answer<T> of(T value) {
            return new Answer<>(value, null);
        }

        static <T> Answer<T> failed(String problem) {
            return new Answer<>(null, problem);
        }
    }

    /** @param cursor the previous page's nextCursor, or null for the first page */
    public Answer<Entries> sentTo(String recipient, String cursor) {
        // As URI variables, so an address's '+' or '&' arrives as itself; a blank cursor is delivery's first page.
        return call(() -> delivery.get().uri("/api/v1/archive?recipient={recipient}&cursor={cursor}", recipient,
                cursor == null ? "" : cursor).retrieve().body(Entries.class));
    }

    public Answer<Text> text(String sha256) {
        return call(() -> delivery.get().uri("/api/v1/archive/{sha256}/text", sha256).retrieve().body(Text.class));
    }

    private interface Call<T> {
        T run();
    }

    private <T> Answer<T> call(Call<T> call) {
        if (!connected) {
            return Answer.failed("The sent-mail archive is not connected: set deskpost.oversight.archive.delivery-url"
                    + " and api-key (a delivery API key with scope read).");
        }
        try {
            return Answer.of(call.run());
        } catch (HttpClientErrorException.NotFound | HttpClientErrorException.Gone refused) {
            return Answer.failed(message(refused));
        } catch (HttpClientErrorException refused) {
            log.warn("Delivery's archive refused the ops page's request: {}", refused.getMessage());
            return Answer.failed("Delivery refused the request (" + refused.getStatusCode().value() + "): "
                    + message(refused));
        } catch (RestClientException unreachable) {
            log.warn("Delivery's archive did not answer the ops page", unreachable);
            return Answer.failed("Delivery's archive did not answer; try again in a moment.");
        }
    }

    /** Delivery's JSON error: a code and a sentence saying what happened. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Error(String error, String message) {
    }

    /** Delivery's own sentence from its JSON error. */
    private static String message(HttpClientErrorException refused) {
        try {
            Error error = ERRORS.readValue(refused.getResponseBodyAsString(), Error.class);
            return error != null && error.message() != null ? error.message() : refused.getStatusText();
        } catch (RuntimeException notJson) {
            return refused.getStatusText();
        }
    }
}
