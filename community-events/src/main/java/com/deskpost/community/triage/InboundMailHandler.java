package com.deskpost.community.triage;

import com.deskpost.community.Addresses;
import com.deskpost.community.consent.ConsentLookup;
import com.deskpost.community.inquiry.InquiryReplies;
import com.deskpost.community.unsubscribe.UnsubscribePhrases;
import com.deskpost.community.unsubscribe.Unsubscribes;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.InboundEmail;
import com.deskpost.events.Location;
import com.deskpost.platform.publish.DraftPublication;
import com.deskpost.platform.streams.Emit;
import com.deskpost.platform.streams.EventHandler;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Triage of mail.inbound, in this order: a mail from one of our own mailboxes is left alone (no
 * mail loops); a mail asking to unsubscribe is an unsubscribe, wherever it was sent; a mail to a
 * location's sales mailbox is an inquiry and gets a drafted reply, held for staff (gated_all);
 * anything else is not the community service's to answer. A mail whose sender is not one address,
 * or whose headers carry line breaks, is dead-lettered with the reason.
 */
public final class InboundMailHandler implements EventHandler<InboundEmail> {

    private static final Logger log = LoggerFactory.getLogger(InboundMailHandler.class);

    private final Unsubscribes unsubscribes;
    private final InquiryReplies replies;
    private final MailboxLocations mailboxes;
    private final ConsentLookup consent;

    InboundMailHandler(Unsubscribes unsubscribes, InquiryReplies replies, MailboxLocations mailboxes,
            ConsentLookup consent) {
        this.unsubscribes = unsubscribes;
        this.replies = replies;
        this.mailboxes = mailboxes;
        this.consent = consent;
    }

    @Override
    public List<Emit<?>> handle(String key, InboundEmail mail) {
        Addresses.requireMailbox("sender", mail.getFromAddress());
        Addresses.requireOneLine("sender name", mail.getFromName());
        Addresses.requireOneLine("Message-ID", mail.getMessageId());
        Addresses.requireOneLine("subject", mail.getSubject());
        if (mailboxes.isOwnMailbox(mail.getFromAddress())) {
            log.info("Inbound mail {} is from our own mailbox {}: not answered", mail.getMessageId(),
                    mail.getFromAddress());
            return List.of();
        }
        if (UnsubscribePhrases.asksToUnsubscribe(mail.getSubject(), mail.getBodyText())) {
            return unsubscribes.on(mail, mailboxes.addressedTo(mail.getTo()), consent);
        }
        Optional<Location> sales = mailboxes.salesLocation(mail.getTo());
        if (sales.isPresent()) {
            EmailDraft reply = replies.reply(mail, sales.get());
            return DraftPublication.of(reply, InquiryReplies.IDENTITY)
                    .detail("Reply to the inquiry " + mail.getMessageId() + " sent to the sales mailbox of "
                            + sales.get().getLocationId() + "; held for staff to review and edit")
                    .emits();
        }
        log.debug("Inbound mail {} to {} is neither an unsubscribe nor an inquiry: nothing to do",
                mail.getMessageId(), mail.getTo());
        return List.of();
    }
}
