package com.deskpost.delivery.outbound;

import com.deskpost.delivery.archive.ArchivedMessage;
import com.deskpost.delivery.archive.SentArchive;
import com.deskpost.platform.consent.ConsentGate;
import com.deskpost.platform.consent.ConsentGate.ComplaintStops;
import com.deskpost.delivery.feedback.FeedbackProperties;
import com.deskpost.delivery.consent.ConsentStore;
import com.deskpost.delivery.ledger.Claim;
import com.deskpost.delivery.ledger.DeliveryLedger;
import com.deskpost.delivery.ledger.DeliveryLedger.Kind;
import com.deskpost.delivery.sending.SmtpFailure;
import com.deskpost.delivery.state.LiveState;
import com.deskpost.events.AuditType;
import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.Location;
import com.deskpost.events.RecipientRole;
import com.deskpost.platform.access.AccessScope;
import com.deskpost.platform.audit.AuditEvents;
import com.deskpost.platform.credential.CredentialUnavailable;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.streams.RejectedEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * DESIGN §3.4 for one recipient of one draft, in order: the idempotency ledger (already accepted
 * by the SMTP server → {@code SKIPPED_DUPLICATE}), freshness (a newer version of the entity →
 * {@code SUPERSEDED}), consent and suppression (→ {@code SUPPRESSED} with the rule), access scope (mail
 * outside the policy is refused and dead-lettered), then a claim on (draft, recipient) committed before the
 * SMTP transaction (a second consumer holding the same record waits, then skips it as a duplicate), then SMTP.
 * The ledger row, its {@code SENT} / {@code COPY_SENT} event and the archived message (named on the event by its
 * SHA-256, attribute {@code archive_sha256}) are committed together right after the server's 250, releasing the claim; a permanent SMTP refusal, or a sealed
 * credential that does not open (nothing sent), releases the claim, is audited {@code FAILED} with the reason
 * and dead-letters the draft (whose handler alerts staff for critical mail).
 */
@Component
public class RecipientDelivery {

    /** The audit attribute of SENT and COPY_SENT naming the archived message by its SHA-256. */
    public static final String ARCHIVE_SHA256 = "archive_sha256";

    private static final Logger log = LoggerFactory.getLogger(RecipientDelivery.class);

    private final DeliveryLedger ledger;
    private final LiveState state;
    private final ConsentStore consent;
    private final Outgoing outgoing;
    private final ComplaintStops complaintStops;
    private final SentArchive archive;

    public RecipientDelivery(DeliveryLedger ledger, LiveState state, ConsentStore consent, Outgoing outgoing,
            FeedbackProperties feedback, SentArchive archive) {
        this.ledger = ledger;
        this.archive = archive;
        this.state = state;
        this.consent = consent;
        this.outgoing = outgoing;
        this.complaintStops = feedback.complaintStops();
    }

    /** @return when the relay accepted this recipient's mail, if this call sent it (else it was judged or skipped) */
    Optional<Instant> deliver(EmailDraft draft, Location location, Kind kind, String to, String cause,
            PollLookahead.Seen seen) {
        String recipient = DraftIds.normaliseEmail(to);
        // As the ledger was at the record's poll, else asked now. Not had then: the claim below still finds a send
        // committed since.
        Boolean atPoll = seen.sentAtPoll(draft.getDraftId(), recipient);
        if (atPoll != null ? atPoll : ledger.alreadySent(draft.getDraftId(), recipient)) {
            skipped(draft, kind, recipient, cause, seen);
            return Optional.empty();
        }
        var newer = state.supersedingVersion(draft);
        if (newer.isPresent()) {
            outgoing.audit(AuditEvents.of(draft, AuditType.SUPERSEDED, Deliverer.ACTOR).recipient(recipient)
                    .recipientRole(roleOf(draft, kind))
                    .detail("Stale at send time: " + draft.getSupersedeKey() + " is at version "
                            + newer.get().getVersion() + " (" + newer.get().getStatus() + "), the draft reflects version "
                            + draft.getEntityVersion()));
            return Optional.empty();
        }
        // A staff copy is an operational notice about mail already judged, not marketing to the staff mailbox.
        EmailCategory category = kind == Kind.COPY ? EmailCategory.TRANSACTIONAL : draft.getCategory();
        // With the recipient's topic choices for the location the mail is about (the preference centre).
        Optional<String> suppression = ConsentGate.suppressedBy(category, location.getJurisdiction(),
                consent.tags(recipient), complaintStops, draft.getTopic(), location.getLocationId());
        if (suppression.isPresent()) {
            outgoing.audit(AuditEvents.of(draft, AuditType.SUPPRESSED, Deliverer.ACTOR).recipient(recipient)
                    .recipientRole(roleOf(draft, kind))
                    .detail("Suppressed: " + suppression.get() + " (jurisdiction " + location.getJurisdiction() + ")")
                    .attribute("rule", suppression.get()));
            return Optional.empty();
        }
        if (kind == Kind.PRIMARY) {
            // The same policy the composer applied, judged again against the live directory (DESIGN §4).
            Optional<String> outOfScope = AccessScope.violation(draft, state.directory());
            if (outOfScope.isPresent()) {
                throw new RejectedEvent("Refused by the access scoping policy: " + outOfScope.get());
            }
        }
        // Claimed in a transaction of its own before the relay sees the mail: another consumer holding the same
        // record waits, then finds the ledger row. Empty: that happened here, the other one sent it.
        Optional<Claim> claim = ledger.claim(draft.getDraftId(), recipient);
        if (claim.isEmpty()) {
            skipped(draft, kind, recipient, cause, seen);
            return Optional.empty();
        }
        return Optional.of(send(draft, location, kind, claim.get()));
    }

    /** Why this recipient of the draft receives it: the staff copy goes to staff, whoever the draft is to. */
    static RecipientRole roleOf(EmailDraft draft, Kind kind) {
        return kind == Kind.COPY ? RecipientRole.STAFF : draft.getRecipient().getRole();
    }

    private void skipped(EmailDraft draft, Kind kind, String recipient, String cause, PollLookahead.Seen seen) {
        log.debug("Draft {} already sent to {}: skipped", draft.getDraftId(), recipient);
        AuditEvents skip = AuditEvents.of(draft, AuditType.SKIPPED_DUPLICATE, Deliverer.ACTOR).recipient(recipient)
                .recipientRole(roleOf(draft, kind))
                .cause(cause).detail("Already sent: idempotency ledger has (draft, recipient)");
        if (seen.defers()) {
            seen.defer(skip.build());
        } else {
            outgoing.audit(skip);
        }
    }

    private Instant send(EmailDraft draft, Location location, Kind kind, Claim claim) {
        String recipient = claim.recipient();
        Transmission.Accepted accepted;
        try {
            accepted = outgoing.send(draft, location, kind, recipient);
        } catch (CredentialUnavailable unopened) {
            release(claim);
            // Not retried: only a restored key or a re-issued credential helps. The dead letter keeps the
            // sealed value, so the mail can be redriven once the key is held again.
            outgoing.unopened(draft, recipient, unopened);
            throw new RejectedEvent("Draft " + draft.getDraftId() + " not sent to " + recipient + ": "
                    + unopened.getMessage());
        } catch (SmtpFailure.Permanent refused) {
            release(claim);
            outgoing.refused(draft, location, kind, recipient, refused);
            throw new RejectedEvent("SMTP relay refused draft " + draft.getDraftId() + " to " + recipient
                    + " permanently: " + refused.getMessage());
        } catch (RuntimeException transientFailure) {
            release(claim);
            throw transientFailure;
        }
        String messageId = accepted.messageId();
        Instant sentAt = Clock.systemUTC().instant();
        // Hashed and compressed before the transaction, which only writes it. The recipient's own mail of a sealed
        // draft holds the opened credential: only its hash is kept.
        ArchivedMessage archived = ArchivedMessage.of(accepted.bytes(),
                kind == Kind.PRIMARY && !draft.getSecrets().isEmpty());
        // The ledger row, its archived message and its SENT event: one transaction, which also releases the claim,
        // so a crash leaves all or none.
        ledger.recordSent(claim, draft, kind, messageId, sentAt, () -> {
            archive.store(archived, draft, kind == Kind.COPY, recipient, messageId, sentAt);
            outgoing.sent(location, kind, sentEvent(draft, kind, recipient).messageId(messageId)
                    .attribute(ARCHIVE_SHA256, archived.sha256()));
        });
        log.info("Draft {} sent to {} as {}", draft.getDraftId(), recipient, messageId);
        return sentAt;
    }

    /**
     * No 250 came, as far as this consumer knows: the claim is given up, so the retry need not wait out its
     * lease. (A lost 250, a time-out after the relay took the mail, is resent on retry as before: README's
     * duplicate window.) Not released, it lapses after its lease: only logged.
     */
    private void release(Claim claim) {
        try {
            ledger.release(claim);
        } catch (RuntimeException releaseFailed) {
            log.warn("Claim of draft {} to {} not released; it lapses after its lease", claim.draftId(),
                    claim.recipient(), releaseFailed);
        }
    }

    /** The SENT (or COPY_SENT) event of one recipient's mail. */
    private static AuditEvents sentEvent(EmailDraft draft, Kind kind, String recipient) {
        return AuditEvents.of(draft, kind == Kind.COPY ? AuditType.COPY_SENT : AuditType.SENT, Deliverer.ACTOR)
                .recipient(recipient)
                .detail(kind == Kind.COPY ? "Staff notification copy accepted by SMTP server" : "Accepted by SMTP server");
    }
}
