package com.deskpost.delivery.ledger;

import static com.deskpost.testfixtures.DraftBuilder.aDraft;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.delivery.DeliveryTestStack;
import com.deskpost.delivery.TestHttp;
import com.deskpost.delivery.ledger.DeliveryLedger.Kind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** check_inbox over HTTP against the running service, on ledger rows written by its own ledger. */
class SentMessagesApiIT {

    private static final Instant MONDAY = Instant.parse("2025-03-03T09:00:00Z");

    private static DeliveryTestStack stack;
    private static TestHttp http;

    @BeforeAll
    static void startServiceWithHistory() {
        stack = DeliveryTestStack.start();
        http = new TestHttp(stack);
        DeliveryLedger ledger = stack.service().getBean(DeliveryLedger.class);
        ledger.recordSent(aDraft().id("d-1").subject("Your desk is booked").build(), "ada@example.com", Kind.PRIMARY,
                "<d-1@example.com>", MONDAY);
        ledger.recordSent(aDraft().id("d-2").subject("Members' evening").build(), "ada@example.com", Kind.PRIMARY,
                "<d-2@example.com>", MONDAY.plusSeconds(3600));
        ledger.recordSent(aDraft().id("d-3").subject("Your DESK moved").build(), "ada@example.com", Kind.PRIMARY,
                "<d-3@example.com>", MONDAY.plusSeconds(7200));
        ledger.recordSent(aDraft().id("d-3").subject("Your DESK moved").build(), "staff@example.com", Kind.COPY,
                "<d-3.copy@example.com>", MONDAY.plusSeconds(7200));
    }

    @AfterAll
    static void stopService() {
        stack.stop();
    }

    @Test
    void checkInboxListsARecipientsMailNewestFirst() {
        // When
        JsonNode page = TestHttp.json(http.get("/api/v1/messages?recipient=ADA@example.com"));

        // Then
        assertThat(field(page, "draftId")).containsExactly("d-3", "d-2", "d-1");
        JsonNode newest = page.get("items").get(0);
        assertThat(newest.get("kind").asString()).isEqualTo("PRIMARY");
        assertThat(newest.get("sentAt").asString()).isEqualTo("2025-03-03T11:00:00Z");
        assertThat(newest.get("messageId").asString()).isEqualTo("<d-3@example.com>");
        assertThat(newest.get("threadKey").asString()).isEqualTo("booking:B-1042");
    }

    @Test
    void checkInboxFiltersBySubjectInAnyCaseAndByTimeRange() {
        // When
        JsonNode desk = TestHttp.json(http.get("/api/v1/messages?recipient=ada@example.com&subject=desk"));
        JsonNode morning = TestHttp.json(http.get("/api/v1/messages?from=2025-03-03T09:00:00Z&to=2025-03-03T10:00:01Z"));

        // Then
        assertThat(field(desk, "subject")).containsExactly("Your DESK moved", "Your desk is booked");
        assertThat(field(morning, "draftId")).containsExactly("d-2", "d-1");
    }

    @Test
    void checkInboxPagesWithACursor() {
        // When
        JsonNode first = TestHttp.json(http.get("/api/v1/messages?recipient=ada@example.com&limit=2"));
        JsonNode second = TestHttp.json(http.get("/api/v1/messages?recipient=ada@example.com&limit=2&cursor="
                + first.get("nextCursor").asString()));

        // Then
        assertThat(field(first, "draftId")).containsExactly("d-3", "d-2");
        assertThat(field(second, "draftId")).containsExactly("d-1");
        assertThat(second.has("nextCursor")).isFalse();
    }

    private static List<String> field(JsonNode page, String name) {
        return page.get("items").valueStream().map(item -> item.get(name).asString()).toList();
    }
}
