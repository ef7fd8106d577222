package com.deskpost.platform.topic;

import com.deskpost.events.AccessEvent;
import com.deskpost.events.ApprovalDecision;
import com.deskpost.events.ApprovalEvent;
import com.deskpost.events.AuditEvent;
import com.deskpost.events.BillingEvent;
import com.deskpost.events.BookingEvent;
import com.deskpost.events.CommunityEvent;
import com.deskpost.events.ConsentChange;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.EntityVersion;
import com.deskpost.events.InboundEmail;
import com.deskpost.events.MailFeedback;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.events.TemplateOverride;
import com.deskpost.events.OutboundEmail;
import com.deskpost.platform.topic.Topic.Kind;
import com.deskpost.schemas.ContractClasses;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** Every topic of DESIGN section 2. No topic name is spelled anywhere else. */
public final class Topics {

    static {
        // Records are built and read wherever topics are used: grant Avro's class trust first.
        ContractClasses.trust();
    }

    public static final Topic<BookingEvent> FACILITY_BOOKINGS =
            new Topic<>("facility.bookings", BookingEvent.class, Kind.EVENTS, Partitioning.FACILITY);
    /** Short-lived: a facility system that does not seal may send credentials in clear (docs/sealed-credentials.md). */
    public static final Topic<AccessEvent> FACILITY_ACCESS =
            new Topic<>("facility.access", AccessEvent.class, Kind.SHORT_LIVED, Partitioning.FACILITY);
    public static final Topic<BillingEvent> FACILITY_BILLING =
            new Topic<>("facility.billing", BillingEvent.class, Kind.EVENTS, Partitioning.FACILITY);
    public static final Topic<CommunityEvent> FACILITY_COMMUNITY =
            new Topic<>("facility.community", CommunityEvent.class, Kind.EVENTS, Partitioning.FACILITY);
    public static final Topic<Member> FACILITY_MEMBERS =
            new Topic<>("facility.members", Member.class, Kind.COMPACTED, Partitioning.TABLE);
    public static final Topic<Location> FACILITY_LOCATIONS =
            new Topic<>("facility.locations", Location.class, Kind.COMPACTED, Partitioning.TABLE);
    public static final Topic<EmailDraft> MAIL_DRAFTS =
            new Topic<>("mail.drafts", EmailDraft.class, Kind.EVENTS, Partitioning.LANE);
    /** Security (access) drafts: their own lane, so no backlog of other mail delays them. */
    public static final Topic<EmailDraft> MAIL_DRAFTS_PRIORITY =
            new Topic<>("mail.drafts.priority", EmailDraft.class, Kind.EVENTS, Partitioning.LANE);
    /** Commercial drafts (announcements): their own lane, so a large fan-out delays no other mail. */
    public static final Topic<EmailDraft> MAIL_DRAFTS_BULK =
            new Topic<>("mail.drafts.bulk", EmailDraft.class, Kind.EVENTS, Partitioning.LANE);
    public static final Topic<EntityVersion> MAIL_ENTITY_VERSIONS =
            new Topic<>("mail.entity-versions", EntityVersion.class, Kind.COMPACTED, Partitioning.TABLE);
    public static final Topic<ApprovalEvent> MAIL_APPROVALS =
            new Topic<>("mail.approvals", ApprovalEvent.class, Kind.EVENTS, Partitioning.LOW_VOLUME);
    public static final Topic<ApprovalDecision> MAIL_DECISIONS =
            new Topic<>("mail.decisions", ApprovalDecision.class, Kind.EVENTS, Partitioning.LOW_VOLUME);
    public static final Topic<OutboundEmail> MAIL_OUTBOUND =
            new Topic<>("mail.outbound", OutboundEmail.class, Kind.EVENTS, Partitioning.LANE);
    public static final Topic<OutboundEmail> MAIL_OUTBOUND_PRIORITY =
            new Topic<>("mail.outbound.priority", OutboundEmail.class, Kind.EVENTS, Partitioning.LANE);
    public static final Topic<OutboundEmail> MAIL_OUTBOUND_BULK =
            new Topic<>("mail.outbound.bulk", OutboundEmail.class, Kind.EVENTS, Partitioning.LANE);
    public static final Topic<ConsentChange> MAIL_CONSENT =
            new Topic<>("mail.consent", ConsentChange.class, Kind.KEPT, Partitioning.TABLE);
    public static final Topic<InboundEmail> MAIL_INBOUND =
            new Topic<>("mail.inbound", InboundEmail.class, Kind.EVENTS, Partitioning.LOW_VOLUME);
    /**
     * What the mail world reports back (bounces, complaints), keyed by normalised recipient; delivery applies it.
     * Not kept for ever: it carries addresses in clear, and an erasure must not be outlived by them; what a report
     * changed is kept as consent tags (mail.consent) and delivery's feedback history (deleted on erasure).
     */
    public static final Topic<MailFeedback> MAIL_FEEDBACK =
            new Topic<>("mail.feedback", MailFeedback.class, Kind.EVENTS, Partitioning.LOW_VOLUME);
    /**
     * Staff's active template overrides (oversight writes them when a version is activated or rolled back; the
     * composers read the topic whole as a global table): key {@code <location id or *>/<template>/<locale or
     * default>} ({@link com.deskpost.platform.template.TemplateOverrideKeys}), a tombstone = back to the built-in.
     */
    public static final Topic<TemplateOverride> MAIL_TEMPLATES =
            new Topic<>("mail.templates", TemplateOverride.class, Kind.COMPACTED, Partitioning.TABLE);
    public static final Topic<AuditEvent> MAIL_AUDIT =
            new Topic<>("mail.audit", AuditEvent.class, Kind.EVENTS, Partitioning.AUDIT);

    /** All topics, in the order of DESIGN section 2. */
    public static final List<Topic<?>> ALL = List.of(
            FACILITY_BOOKINGS, FACILITY_ACCESS, FACILITY_BILLING, FACILITY_COMMUNITY,
            FACILITY_MEMBERS, FACILITY_LOCATIONS, MAIL_DRAFTS, MAIL_DRAFTS_PRIORITY, MAIL_DRAFTS_BULK,
            MAIL_ENTITY_VERSIONS, MAIL_APPROVALS, MAIL_DECISIONS, MAIL_OUTBOUND, MAIL_OUTBOUND_PRIORITY,
            MAIL_OUTBOUND_BULK, MAIL_CONSENT, MAIL_INBOUND, MAIL_FEEDBACK, MAIL_TEMPLATES, MAIL_AUDIT);

    /**
     * The progress topic of one service's outbox relay, {@code deskpost.<service>.outbox-progress} (an internal
     * topic, its owner's alone): compacted, since only the latest progress counts. Its value is the relay's
     * 8-byte sequence number, not Avro, so it is no {@code SpecificRecord} type and never goes through a serde.
     */
    public static Topic<SpecificRecord> outboxProgress(String service) {
        return Topic.internal("deskpost." + service + ".outbox-progress", SpecificRecord.class, Kind.COMPACTED,
                Partitioning.SINGLE);
    }

    private Topics() {
    }
}
