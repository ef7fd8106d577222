package com.deskpost.community.unsubscribe;

import com.deskpost.community.Addresses;
import com.deskpost.community.InboundHeaders;
import com.deskpost.community.consent.ConsentLookup;
import com.deskpost.events.ConsentAction;
import com.deskpost.events.ConsentChange;
import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.EventHeader;
import com.deskpost.events.InboundEmail;
import com.deskpost.events.Location;
import com.deskpost.events.MailThread;
import com.deskpost.events.Recipient;
import com.deskpost.events.RecipientRole;
import com.deskpost.platform.consent.ConsentTag;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.publish.DraftPublication;
import com.deskpost.platform.streams.Emit;
import com.deskpost.platform.template.MailLocales;
import com.deskpost.platform.template.RenderedMail;
import com.deskpost.platform.template.TemplateRenderer;
import com.deskpost.platform.topic.Topics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An unsubscribe request by mail takes effect at once: the sender's address is tagged
 * {@code unsubscribed} on mail.consent, timestamped with the mail's arrival and naming its Message-ID
 * as the source (DESIGN §4: we allow no delay). The sender is told so once: the confirmation's draft
 * id is derived from the request's Message-ID, so the same mail received twice yields one draft id,
 * which delivery's ledger sends once; and an address that is already unsubscribed gets no second
 * confirmation. The confirmation is transactional (it answers the sender's own request) and is sent
 * from the location the request was addressed to; when no location can be told from the recipients,
 * the unsubscribe still takes effect and the missing confirmation is logged.
 */
public final class Unsubscribes {

    public static final String IDENTITY = "community-composer";
    public static final String SOURCE = "inbound-mail";
    static final String TEMPLATE = "unsubscribe-confirmation";
    static final String EVENT_TYPE = "unsubscribe_confirmation";

    private static final Logger log = LoggerFactory.getLogger(Unsubscribes.class);

    private final TemplateRenderer templates;
    private final Clock clock;

    public Unsubscribes(TemplateRenderer templates, Clock clock) {
        this.templates = templates;
        this.clock = clock;
    }

    public List<Emit<?>> on(InboundEmail mail, Optional<Location> addressedTo, ConsentLookup consent) {
        String email = DraftIds.normaliseEmail(Addresses.requireMailbox("sender", mail.getFromAddress()));
        Set<String> tags = consent.tags(email);
        if (tags.contains(ConsentTag.ERASED)) {
            // Already refused every mail; announcing it would put the erased address back on mail.consent.
            log.info("Unsubscribe request {} from an erased address: nothing to record", mail.getMessageId());
            return List.of();
        }
        boolean already = tags.contains(ConsentTag.UNSUBSCRIBED);
        List<Emit<?>> out = new ArrayList<>();
        out.add(Emit.to(Topics.MAIL_CONSENT, email, ConsentChange.newBuilder()
                .setEmail(email)
                .setTag(ConsentTag.UNSUBSCRIBED)
                .setAction(ConsentAction.ADDED)
                .setSource(SOURCE)
                .setSourceRef(mail.getMessageId())
                .setChangedAt(mail.getReceivedAt())
                // The address's holder asked, by replying from it.
                .setChangedBy("recipient")
                .build()));
        if (already) {
            log.info("Unsubscribe request {} from an address already unsubscribed: no second confirmation",
                    mail.getMessageId());
            return out;
        }
        if (addressedTo.isEmpty()) {
            log.warn("Unsubscribe request {} recorded, but none of its recipients {} is a location's mailbox: "
                    + "no confirmation can be sent (add the address as a location's sender or reply-to)",
                    mail.getMessageId(), mail.getTo());
            return out;
        }
        EmailDraft confirmation = confirmation(mail, email, addressedTo.get());
        out.addAll(DraftPublication.of(confirmation, IDENTITY)
                .detail("Unsubscribe request " + mail.getMessageId() + " recorded; confirming it to the sender")
                .emits());
        return out;
    }

    private EmailDraft confirmation(InboundEmail mail, String email, Location location) {
        // The request names an address, not a member: the confirmation is in the location's language (else English).
        RenderedMail rendered = templates.render(TEMPLATE, MailLocales.resolve(null, location.getDefaultLocale()),
                location.getLocationId(), Map.of("locationName", location.getName()));
        EventHeader header = InboundHeaders.of(mail, location.getLocationId());
        List<String> references = new ArrayList<>(mail.getReferences());
        references.add(mail.getMessageId());
        return EmailDraft.newBuilder()
                .setDraftId(DraftIds.draftId(header.getEventId(), TEMPLATE, email))
                .setHeader(header)
                .setEventType(EVENT_TYPE)
                .setTemplate(TEMPLATE)
                .setCategory(EmailCategory.TRANSACTIONAL)
                .setRecipient(Recipient.newBuilder().setEmail(email).setName(mail.getFromName())
                        .setRole(RecipientRole.MEMBER).build())
                .setLocationId(location.getLocationId())
                .setSubject(rendered.subject())
                .setBodyText(rendered.text())
                .setBodyHtml(rendered.html())
                .setSupersedeKey("unsubscribe:" + mail.getMessageId())
                .setEntityVersion(header.getEntityVersion())
                .setRequestedBy(IDENTITY)
                .setThread(MailThread.newBuilder().setThreadKey("unsubscribe:" + email)
                        .setInReplyTo(mail.getMessageId()).setReferences(references).build())
                .setCreatedAt(clock.instant())
                .build();
    }
}
