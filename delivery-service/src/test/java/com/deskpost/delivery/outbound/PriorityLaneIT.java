package com.deskpost.delivery.outbound;

import static com.deskpost.testfixtures.DraftBuilder.aDraft;
import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.delivery.DeliveryTestStack;
import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.Location;
import com.deskpost.events.OversightMode;
import com.deskpost.events.Recipient;
import com.deskpost.events.RecipientRole;
import com.deskpost.events.Release;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.topic.Lane;
import com.deskpost.platform.topic.TopicRule;
import com.deskpost.platform.topic.Topics;
import com.deskpost.testfixtures.LocationBuilder;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * Access mail is not queued behind other mail: with hundreds of transactional and commercial
 * mails waiting on a slow relay, an incident notice released on the priority lane is delivered
 * while almost all of the backlog is still waiting.
 */
class PriorityLaneIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int BACKLOG_PER_LANE = 150;
    private static final Location NEW_YORK = Location.newBuilder(aLocation().build())
            .setLocationId("NYC-1").setJurisdiction("US").setTimeZone("America/New_York").build();

    private static DeliveryTestStack stack;

    @BeforeAll
    static void start() {
        stack = DeliveryTestStack.infrastructure();
        stack.topics().publish(Topics.FACILITY_LOCATIONS, NEW_YORK.getLocationId(), NEW_YORK);
        // A relay that accepts 20 messages a second: 300 waiting mails are a 15-second backlog.
        stack.startService("--deskpost.delivery.rate-per-second=20");
    }

    @AfterAll
    static void stop() {
        stack.stop();
    }

    @Test
    void anIncidentNoticeOvertakesABacklogOfBookingAndAnnouncementMail() {
        // Given the priority lane's consumers have their partitions (a first notice delivered), so the notice below
        // measures the lane's order, not how long a consumer group took to form on a busy machine
        release(mail("warm-up", LocationBuilder.STAFF, EmailCategory.SECURITY, "building_incident"));
        await().atMost(WAIT).until(() -> stack.smtp().messagesTo(LocationBuilder.STAFF).size() == 1);
        // and every lane's consumers have joined their shared group and hold all their lane's partitions: a partition
        // still moving to a consumer that joined last waits for every member's next poll, which a backlog holds up
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            await().atMost(WAIT).until(() -> theLanesGroupIsSettled(admin));
        }
        // And a backlog on the standard lane (booking mail) and the bulk lane (an announcement), already sending
        IntStream.range(0, BACKLOG_PER_LANE).forEach(i -> {
            release(mail("backlog-" + i + "@example.com", EmailCategory.TRANSACTIONAL, "booking_created"));
            release(mail("announce-" + i + "@example.com", EmailCategory.COMMERCIAL, "announcement"));
        });
        await().atMost(WAIT).until(() -> stack.smtp().messages().size() >= 11);

        // When an incident notice is released on the priority lane
        release(mail("incident", LocationBuilder.STAFF, EmailCategory.SECURITY, "building_incident"));

        // Then it arrives while most of the backlog is still waiting: its place in the relay's arrival order
        await().atMost(WAIT).until(() -> stack.smtp().messagesTo(LocationBuilder.STAFF).size() == 2);
        MimeMessage notice = stack.smtp().messagesTo(LocationBuilder.STAFF).get(1);
        int deliveredBefore = stack.smtp().messages().indexOf(notice) - 1;
        System.out.printf("Priority lane: the incident notice arrived after %d of %d backlog mails%n",
                deliveredBefore, 2 * BACKLOG_PER_LANE);
        assertThat(deliveredBefore).isLessThan(BACKLOG_PER_LANE);
    }

    private static boolean theLanesGroupIsSettled(Admin admin) throws Exception {
        KafkaListenerEndpointRegistry listeners = stack.service().getBean(KafkaListenerEndpointRegistry.class);
        int members = 0;
        for (Lane lane : Lane.values()) {
            var container = listeners.getListenerContainer(OutboundListener.listenerId(lane));
            var assigned = container == null ? null : container.getAssignedPartitions();
            if (assigned == null || assigned.size() != TopicRule.DEFAULT.partitions(lane.outbound())) {
                return false;
            }
            members += ((ConcurrentMessageListenerContainer<?, ?>) container).getConcurrency();
        }
        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(OutboundListener.GROUP)).all().get()
                .get(OutboundListener.GROUP);
        return group.groupState() == GroupState.STABLE && group.members().size() == members;
    }

    private static EmailDraft mail(String to, EmailCategory category, String eventType) {
        return mail(to, to, category, eventType);
    }

    /** A mail to {@code to}, its draft and supersede key named by {@code key}. */
    private static EmailDraft mail(String key, String to, EmailCategory category, String eventType) {
        EmailDraft draft = aDraft().id(DraftIds.nameBased("priority-lane", key)).at(NEW_YORK.getLocationId())
                .category(category).to(to, null).build();
        return EmailDraft.newBuilder(draft).setEventType(eventType).setSupersedeKey("lane:" + key)
                .setRecipient(Recipient.newBuilder(draft.getRecipient()).setMemberId(null)
                        .setRole(category == EmailCategory.SECURITY ? RecipientRole.STAFF : RecipientRole.MEMBER)
                        .build())
                .build();
    }

    private static void release(EmailDraft draft) {
        Release release = Release.newBuilder().setMode(OversightMode.AUTONOMOUS).setRule("test").setReleasedBy("policy")
                .setReleasedAt(Instant.now()).build();
        stack.topics().publish(Lane.of(draft).outbound(), draft.getSupersedeKey(),
                DeliveryTestStack.ATTESTATION.release(draft, release));
    }
}
