package com.deskpost.platform.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deskpost.events.AnnouncementRequested;
import com.deskpost.events.BookingCancelled;
import com.deskpost.events.BookingEvent;
import com.deskpost.events.CommunityEvent;
import com.deskpost.events.EventHeader;
import com.deskpost.events.InquiryReceived;
import com.deskpost.events.Member;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventKeysTest {

    private static final EventHeader HEADER = EventHeader.newBuilder().setEventId("e").setOccurredAt(Instant.EPOCH)
            .setSource("test").setEntityVersion(1).setCorrelationId("c").build();

    @Test
    void bookingIsKeyedByBookingId() {
        BookingEvent booking = BookingEvent.newBuilder().setHeader(HEADER).setBookingId("B-9").setMemberId("M-1")
                .setPayload(BookingCancelled.newBuilder().build()).build();

        assertThat(EventKeys.keyOf("facility.bookings", booking)).isEqualTo("B-9");
    }

    @Test
    void memberIsKeyedByMemberId() {
        Member member = Member.newBuilder().setHeader(HEADER).setMemberId("M-4").setEmail("a@example.com")
                .setName("A").build();

        assertThat(EventKeys.keyOf("facility.members", member)).isEqualTo("M-4");
    }

    @Test
    void communityIsKeyedByAnnouncementOrInquiryId() {
        CommunityEvent announcement = CommunityEvent.newBuilder().setHeader(HEADER).setPayload(
                AnnouncementRequested.newBuilder().setAnnouncementId("A-1").setSubject("s").setBodyText("b")
                        .setRequestedBy("M-1").build()).build();
        CommunityEvent inquiry = CommunityEvent.newBuilder().setHeader(HEADER).setPayload(
                InquiryReceived.newBuilder().setInquiryId("I-7").setName("n").setEmail("e@example.com")
                        .setMessage("m").build()).build();

        assertThat(EventKeys.keyOf("facility.community", announcement)).isEqualTo("A-1");
        assertThat(EventKeys.keyOf("facility.community", inquiry)).isEqualTo("I-7");
    }

    @Test
    void mailTopicsAndMismatchedValuesAreRefused() {
        Member member = Member.newBuilder().setHeader(HEADER).setMemberId("M-4").setEmail("a@example.com")
                .setName("A").build();

        assertThatThrownBy(() -> EventKeys.keyOf("mail.drafts", member)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a facility topic");
        assertThatThrownBy(() -> EventKeys.keyOf("facility.bookings", member))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("carries BookingEvent");
    }
}
