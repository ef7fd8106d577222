package com.deskpost.oversight.ops;

import static com.deskpost.testfixtures.DraftBuilder.aDraft;
import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.events.EmailDraft;
import com.deskpost.events.Location;
import com.deskpost.platform.failure.ConsumerWaits;
import com.deskpost.platform.failure.ConsumerWaitsHealthIndicator;
import com.deskpost.platform.failure.Failure;
import com.deskpost.platform.topic.Lane;
import com.deskpost.platform.topic.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The schema registry stopped while drafts written with a schema version oversight has not seen yet
 * arrive: the intake cannot fetch the writer's schema, and waits for the registry instead of taking the
 * bytes for undecodable; readiness and the gauge show the wait, and once the registry answers again every
 * draft is released exactly once, with nothing dead-lettered.
 */
class RegistryOutageIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String APPLICATION = "deskpost-oversight";
    private static final String LOCATION = "LDN-SR";

    private static RunningOversight oversight;

    @BeforeAll
    static void start() {
        oversight = RunningOversight.start(List.of(aLocation(LOCATION).build()), Map.of());
    }

    @AfterAll
    static void stop() {
        if (oversight != null) {
            oversight.close();
        }
    }

    @Test
    void draftsOfANewSchemaVersionArrivingWhileTheRegistryIsDownAreReleasedOnceItIsBack() {
        // Given the intake has released a draft of the current schema (its ids are cached now)
        EmailDraft first = booking("first@example.com");
        oversight.publish(first);
        await().atMost(WAIT).until(() -> releasedIds().containsKey(first.getDraftId()));

        // And a producer registers a new, backward-compatible version of the draft schema: one optional field more
        String subject = Topics.MAIL_DRAFTS.name() + "-value";
        int current = oversight.serdes().registry().lookUp(subject, EmailDraft.getClassSchema());
        int newer = oversight.serdes().registry().register(subject, withOptionalField(EmailDraft.getClassSchema()));
        assertThat(newer).isNotEqualTo(current);
        Map<EmailDraft, byte[]> drafts = new LinkedHashMap<>();
        for (int i = 0; i < 8; i++) {
            EmailDraft draft = booking("member" + i + "@example.com");
            drafts.put(draft, framedWithNewerSchema(draft, current, newer));
        }

        // When the registry stops, and the drafts written with the new version arrive
        oversight.registry().stop();
        drafts.forEach((draft, bytes) -> oversight.publishRaw(Topics.MAIL_DRAFTS.name(), draft.getSupersedeKey(), bytes));

        // Then the intake waits for the registry: readiness says so, and the gauge counts the seconds
        ConsumerWaits waits = oversight.app().getBean(ConsumerWaits.class);
        await().atMost(WAIT).until(() -> waits.current().containsKey(APPLICATION)
                && waits.current().get(APPLICATION).reason() == Failure.REGISTRY);
        MeterRegistry meters = oversight.app().getBean(MeterRegistry.class);
        await().atMost(WAIT).until(() -> meters.get("deskpost.consumer.waiting").tag("consumer", APPLICATION)
                .tag("reason", "registry").gauge().value() > 0);
        assertThat(readiness()).isEqualTo("OUT_OF_SERVICE");
        assertThat(oversight.deadLetters()).isZero();

        // When the registry is back
        oversight.registry().startAgain();

        // Then every draft is released, each exactly once, with nothing dead-lettered and the wait over
        await().atMost(WAIT).until(() -> drafts.keySet().stream()
                .allMatch(draft -> releasedIds().containsKey(draft.getDraftId())));
        Map<String, Long> releases = releasedIds();
        for (EmailDraft draft : drafts.keySet()) {
            assertThat(releases.get(draft.getDraftId())).as("releases of " + draft.getDraftId()).isEqualTo(1);
        }
        assertThat(releases).hasSize(drafts.size() + 1);
        assertThat(oversight.deadLetters()).isZero();
        await().atMost(WAIT).until(() -> waits.current().isEmpty());
        assertThat(readiness()).isEqualTo("UP");
    }

    /** The record schema with an optional string field appended: what a newer producer would register. */
    private static Schema withOptionalField(Schema schema) {
        List<Schema.Field> fields = new ArrayList<>();
        schema.getFields().forEach(field -> fields.add(new Schema.Field(field, field.schema())));
        fields.add(new Schema.Field("outageNote",
                Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
                "Added by a newer producer (test)", Schema.Field.NULL_DEFAULT_VALUE));
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }

    /**
     * The draft as a newer producer writes it: framed with the new schema's id, its Avro body the current
     * one followed by the appended field's value (union branch 0, null: the single byte 0).
     */
    private static byte[] framedWithNewerSchema(EmailDraft draft, int current, int newer) {
        byte[] framed = oversight.serdes().serialize(Topics.MAIL_DRAFTS, draft);
        assertThat(ByteBuffer.wrap(framed, 1, 4).getInt()).isEqualTo(current);
        ByteBuffer bytes = ByteBuffer.allocate(framed.length + 1);
        bytes.put((byte) 0).putInt(newer).put(framed, 5, framed.length - 5).put((byte) 0);
        return bytes.array();
    }

    /** A booking confirmation: monitored, so oversight releases it at once, without PostgreSQL. */
    private static EmailDraft booking(String to) {
        String id = UUID.randomUUID().toString();
        EmailDraft draft = aDraft().id(id).at(LOCATION).to(to, "Member").build();
        return EmailDraft.newBuilder(draft).setSupersedeKey("booking:" + id).build();
    }

    /** Draft id to how many committed releases it has on the mail.outbound topics of every lane. */
    private static Map<String, Long> releasedIds() {
        List<String> ids = new ArrayList<>();
        for (Lane lane : Lane.values()) {
            oversight.committed(lane.outbound()).forEach(outbound -> ids.add(outbound.getDraft().getDraftId()));
        }
        return ids.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static String readiness() {
        return oversight.app().getBean(ConsumerWaitsHealthIndicator.class).health().getStatus().getCode();
    }
}
