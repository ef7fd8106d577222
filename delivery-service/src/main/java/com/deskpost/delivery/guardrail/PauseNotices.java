package com.deskpost.delivery.guardrail;

import com.deskpost.delivery.audit.AuditPublisher;
import com.deskpost.delivery.outbound.StaffAlerts;
import com.deskpost.delivery.state.LiveState;
import com.deskpost.events.AuditEvent;
import com.deskpost.events.AuditType;
import com.deskpost.events.Location;
import com.deskpost.platform.id.DraftIds;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What a pause and a resume tell: the audit ({@code SENDER_PAUSED}, {@code SENDER_RESUMED} on mail.audit, draft id
 * {@code sender-domain:<domain>} so a domain's history is one thread) and, for a pause, the staff of every location
 * that sends from the domain, once per pause (a staff alert per location, kept until the relay takes it). Written in
 * the caller's transaction, with the pause or resume itself.
 */
@Component
class PauseNotices {

    static final String ACTOR = "delivery-service";
    private static final Logger log = LoggerFactory.getLogger(PauseNotices.class);

    private final AuditPublisher audit;
    private final StaffAlerts alerts;
    private final LiveState state;

    PauseNotices(AuditPublisher audit, StaffAlerts alerts, LiveState state) {
        this.audit = audit;
        this.alerts = alerts;
        this.state = state;
    }

    /** The draft id a sender domain's guardrail events are audited under. */
    static String historyOf(String senderDomain) {
        return "sender-domain:" + senderDomain;
    }

    void paused(String senderDomain, String reason, WindowCounts counts, Instant at) {
        String detail = "Commercial mail from " + senderDomain + " paused: " + reason
                + ". Transactional and security mail still go; commercial mail waits until resumed.";
        audit.publish(event(senderDomain, AuditType.SENDER_PAUSED, ACTOR, at, detail, Map.of(
                "sender_domain", senderDomain, "sent", Long.toString(counts.sent()),
                "hard_bounces", Long.toString(counts.hardBounces()), "complaints", Long.toString(counts.complaints()))));
        List<Location> locations = state.locations().stream()
                .filter(location -> senderDomain.equals(SenderDomains.of(location))).toList();
        if (locations.isEmpty()) {
            log.error("Sender domain {} paused, and no location sends from it: no staff mailbox to alert", senderDomain);
        }
        for (Location location : locations) {
            String staff = DraftIds.normaliseEmail(location.getStaffMailbox());
            AuditEvent alertAudit = AuditEvent.newBuilder(event(senderDomain, AuditType.COPY_SENT, ACTOR, at,
                    "Staff alerted that commercial mail from " + senderDomain + " is paused: " + reason,
                    Map.of("kind", "ALERT", "sender_domain", senderDomain)))
                    .setAuditId(DraftIds.nameBased("audit", historyOf(senderDomain), "ALERT", staff, at.toString()))
                    .setRecipient(staff).setLocationId(location.getLocationId()).build();
            alerts.notice(DraftIds.nameBased("sender-paused", senderDomain, at.toString(), location.getLocationId()),
                    location, "Commercial mail from " + senderDomain + " is paused", text(senderDomain, reason, counts),
                    alertAudit);
        }
        log.warn("Commercial mail from {} paused: {}; staff of {} location(s) alerted", senderDomain, reason,
                locations.size());
    }

    void resumed(String senderDomain, String pauseReason, String who, String why, Instant at) {
        audit.publish(event(senderDomain, AuditType.SENDER_RESUMED, who, at, "Commercial mail from " + senderDomain
                + " resumed by " + who + ": " + why + " (it was paused: " + pauseReason + "). The window's counts"
                + " restart from now.", Map.of("sender_domain", senderDomain, "resumed_by", who)));
        log.warn("Commercial mail from {} resumed by {}: {}", senderDomain, who, why);
    }

    /** Wakes the staff alert relay once the notices' transaction committed. */
    void send() {
        alerts.wake();
    }

    private static AuditEvent event(String senderDomain, AuditType type, String actor, Instant at, String detail,
            Map<String, String> attributes) {
        String history = historyOf(senderDomain);
        return AuditEvent.newBuilder()
                .setAuditId(DraftIds.nameBased("audit", history, type.name(), at.toString()))
                .setDraftId(history)
                .setType(type)
                .setOccurredAt(at)
                .setActor(actor)
                .setThreadKey(history)
                .setDetail(detail)
                .setAttributes(attributes)
                .build();
    }

    private static String text(String senderDomain, String reason, WindowCounts counts) {
        return """
                Deskpost paused the commercial mail (announcements, promotions) sent from %s.

                Why:       %s
                Window:    %d sent, %d hard bounces, %d complaints
                Still going: booking, billing, access and other transactional and security mail.
                Waiting:   commercial mail from %s; nothing is lost, it goes once resumed (within the
                           retry horizon, deskpost.delivery.retry.horizon).

                What to do: find out why recipients complain or addresses bounce (a bought list, an old
                list, mail people did not ask for), fix it, then resume, saying why:
                  curl -X POST -H 'Authorization: Bearer <key with the deliverability scope>' \\
                       -H 'Content-Type: application/json' -d '{"reason": "..."}' \\
                       <delivery>/api/v1/sender-domains/%s/resume
                """.formatted(senderDomain, reason, counts.sent(), counts.hardBounces(), counts.complaints(),
                senderDomain, senderDomain.toLowerCase(Locale.ROOT));
    }
}
