package com.deskpost.delivery.feedback;

import com.deskpost.delivery.ledger.DeliveryLedger;
import com.deskpost.delivery.ledger.DeliveryLedger.Sent;
import com.deskpost.events.MailFeedback;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.streams.RejectedEvent;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Ties a report to one message delivery sent, or refuses it. A report that came back by mail (dsn, arf, mta-text)
 * is tied only through its signed return path: the signature must match the reported recipient, or, when the report
 * names another address (the mail was forwarded and the forward bounced), one of the recipients the ledger shows the
 * draft was sent to; the address blamed is then the one we sent to. Anyone can write a bounce quoting a Message-ID,
 * so for mail a Message-ID alone ties nothing. A provider's report (its webhook's signature checked by ingest) is
 * tied by its draft id or Message-ID, and only if the ledger shows that message was sent to that recipient.
 */
@Component
class MessageTie {

    /** Sources whose webhook signatures ingest-service verified: the message they name is as authentic as they are. */
    static final Set<String> PROVIDERS = Set.of("ses", "postmark", "sendgrid", "mailgun");

    private final DeliveryLedger ledger;
    private final ReturnPaths returnPaths;

    MessageTie(DeliveryLedger ledger, ReturnPaths returnPaths) {
        this.ledger = ledger;
        this.returnPaths = returnPaths;
    }

    /**
     * @return the ledger row of the message the report is about
     * @throws RejectedEvent with the reason, when it cannot be tied (forged, unknown, not ours)
     */
    Sent tie(MailFeedback feedback) {
        String recipient = DraftIds.normaliseEmail(feedback.getRecipient());
        if (feedback.getReturnPath() != null) {
            return byReturnPath(feedback.getReturnPath(), recipient);
        }
        if (!PROVIDERS.contains(feedback.getSource())) {
            throw new RejectedEvent("Not tied to a message: a report from source '" + feedback.getSource()
                    + "' must come back to a signed return path on " + returnPaths.bounceDomain() + ", and has none");
        }
        List<Sent> sent;
        if (feedback.getDraftId() != null) {
            sent = ledger.sentFor(feedback.getDraftId());
        } else if (feedback.getMessageId() != null) {
            sent = ledger.sentAs(messageIdToken(feedback.getMessageId()));
        } else {
            throw new RejectedEvent("Not tied to a message: the " + feedback.getSource()
                    + " report names neither a draft id nor a Message-ID");
        }
        return sent.stream()
                .filter(row -> row.recipient().equals(recipient))
                .filter(row -> feedback.getMessageId() == null
                        || row.messageId().equals(messageIdToken(feedback.getMessageId())))
                .findFirst()
                .orElseThrow(() -> new RejectedEvent("Not tied to a message: the ledger shows no message "
                        + (feedback.getDraftId() != null ? "of draft " + feedback.getDraftId() : feedback.getMessageId())
                        + " sent to the reported recipient"));
    }

    private Sent byReturnPath(String returnPath, String recipient) {
        ReturnPaths.Decoded decoded = returnPaths.decode(returnPath).orElseThrow(() -> new RejectedEvent(
                "Not tied to a message: return path '" + returnPath + "' is not a signed return path on "
                        + returnPaths.bounceDomain()));
        List<Sent> sent = ledger.sentFor(decoded.draftId());
        if (returnPaths.signedFor(decoded, recipient)) {
            Optional<Sent> row = sent.stream().filter(r -> r.recipient().equals(recipient)).findFirst();
            return row.orElseThrow(() -> new RejectedEvent("Not tied to a message: the return path is signed for the"
                    + " recipient, but the ledger shows no message of draft " + decoded.draftId() + " sent to it"));
        }
        // Forwarding: the report names the address the mail was forwarded to; the signature names ours.
        return sent.stream().filter(row -> returnPaths.signedFor(decoded, row.recipient())).findFirst()
                .orElseThrow(() -> new RejectedEvent("Not tied to a message: return path signature does not match"
                        + " the reported recipient nor any recipient draft " + decoded.draftId() + " was sent to"));
    }

    private static String messageIdToken(String messageId) {
        String id = messageId.strip();
        return id.startsWith("<") ? id : "<" + id + ">";
    }
}
