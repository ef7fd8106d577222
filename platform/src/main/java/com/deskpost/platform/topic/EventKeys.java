package com.deskpost.platform.topic;

import com.deskpost.events.AccessEvent;
import com.deskpost.events.AnnouncementRequested;
import com.deskpost.events.BillingEvent;
import com.deskpost.events.BookingEvent;
import com.deskpost.events.CommunityEvent;
import com.deskpost.events.InquiryReceived;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * The Kafka key of a facility event, as DESIGN section 2 names it: booking id, subject member
 * id, subscription id, announcement or inquiry id, member id, location id. Every producer of
 * facility topics (HTTP ingest, the ops CLI, the simulator) keys through here, so all events of
 * one entity land in one partition, in order, and compaction keeps one entry per directory key.
 */
public final class EventKeys {

    private EventKeys() {
    }

    /**
     * @throws IllegalArgumentException if {@code topic} is not a facility topic, or the value is
     *                                  not that topic's value type
     */
    public static String keyOf(String topic, SpecificRecord value) {
        Topic<?> facility = facilityTopic(topic);
        if (!facility.valueType().isInstance(value)) {
            throw new IllegalArgumentException("topic " + topic + " carries " + facility.valueType().getSimpleName()
                    + ", not " + (value == null ? "null" : value.getClass().getSimpleName()));
        }
        if (value instanceof BookingEvent booking) {
            return booking.getBookingId();
        }
        if (value instanceof AccessEvent access) {
            return access.getMemberId();
        }
        if (value instanceof BillingEvent billing) {
            return billing.getSubscriptionId();
        }
        if (value instanceof CommunityEvent community) {
            return communityKey(community);
        }
        if (value instanceof Member member) {
            return member.getMemberId();
        }
        return ((Location) value).getLocationId();
    }

    /** The facility topic of that name. */
    public static Topic<?> facilityTopic(String topic) {
        return facilityTopics().stream().filter(t -> t.name().equals(topic)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a facility topic: " + topic
                        + " (facility topics: " + facilityTopics().stream().map(Topic::name).toList() + ")"));
    }

    /** The six facility topics producers outside Kafka may publish to, in DESIGN order. */
    public static List<Topic<?>> facilityTopics() {
        return List.of(Topics.FACILITY_BOOKINGS, Topics.FACILITY_ACCESS, Topics.FACILITY_BILLING,
                Topics.FACILITY_COMMUNITY, Topics.FACILITY_MEMBERS, Topics.FACILITY_LOCATIONS);
    }

    private static String communityKey(CommunityEvent event) {
        Object payload = event.getPayload();
        if (payload instanceof AnnouncementRequested announcement) {
            return announcement.getAnnouncementId();
        }
        if (payload instanceof InquiryReceived inquiry) {
            return inquiry.getInquiryId();
        }
        throw new IllegalArgumentException("community event without a known payload: " + payload);
    }
}
