package com.deskpost.community.inquiry;

import com.deskpost.community.Addresses;
import com.deskpost.community.InboundHeaders;
import com.deskpost.events.CommunityEvent;
import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.EventHeader;
import com.deskpost.events.InboundEmail;
import com.deskpost.events.InquiryKind;
import com.deskpost.events.InquiryReceived;
import com.deskpost.events.Location;
import com.deskpost.events.MailThread;
import com.deskpost.events.OversightMode;
import com.deskpost.events.Recipient;
import com.deskpost.events.RecipientRole;
import com.deskpost.platform.directory.PostalAddresses;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.template.MailLocales;
import com.deskpost.platform.template.RenderedMail;
import com.deskpost.platform.template.TemplateRenderer;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Drafts the reply to a tour or membership inquiry, from the website form ({@code InquiryReceived})
 * or a mail to a location's sales mailbox. A reply always asks for {@code gated_all} (and the
 * {@code inquiry_reply} floor says the same), so staff read it and may rewrite it before it goes:
 * what a prospect is told about prices and availability is theirs to say. It is transactional
 * mail (an answer to the prospect's own request) to the prospect, and it stays in the prospect's
 * conversation: In-Reply-To is the inquiry's Message-ID, References the conversation so far.
 */
public final class InquiryReplies {

    /** The identity replies are requested by; oversight never lets it approve them. */
    public static final String IDENTITY = "community-composer";
    public static final String EVENT_TYPE = "inquiry_reply";
    /** The reply to the website form. */
    static final String FORM_TEMPLATE = "inquiry-reply";
    /** The reply to a mail: "Re:" its subject, in its thread. */
    static final String MAIL_TEMPLATE = "inquiry-reply-mail";
    private static final Pattern REPLY_PREFIX = Pattern.compile("^(?i)(re|aw|sv|antw)\\s*:\\s*");
    private static final int QUOTED_LINES = 40;

    private final TemplateRenderer templates;
    private final Clock clock;

    public InquiryReplies(TemplateRenderer templates, Clock clock) {
        this.templates = templates;
        this.clock = clock;
    }

    /** The reply to an inquiry from the website form (or a bridge that turned a mail into one). */
    public EmailDraft reply(CommunityEvent event, InquiryReceived inquiry, Location location) {
        Addresses.requireMailbox("inquiry email", inquiry.getEmail());
        Addresses.requireOneLine("inquiry name", inquiry.getName());
        Map<String, Object> model = model(location, inquiry.getName(), inquiry.getMessage());
        model.put("tour", inquiry.getKind() == InquiryKind.TOUR);
        model.put("membership", inquiry.getKind() == InquiryKind.MEMBERSHIP);
        Locale locale = prospectLocale(location);
        model.put("preferredDate", inquiry.getPreferredDate() == null ? ""
                : inquiry.getPreferredDate().format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale)));
        MailThread.Builder thread = MailThread.newBuilder().setThreadKey("inquiry:" + inquiry.getInquiryId());
        if (inquiry.getMessageId() != null && !inquiry.getMessageId().isBlank()) {
            thread.setInReplyTo(inquiry.getMessageId()).setReferences(List.of(inquiry.getMessageId()));
        }
        return draft(event.getHeader(), inquiry.getInquiryId(), inquiry.getEmail(), inquiry.getName(), location,
                FORM_TEMPLATE, templates.render(FORM_TEMPLATE, locale, location.getLocationId(), model), thread.build());
    }

    /** The reply to a mail that reached a location's sales mailbox; a follow-up keeps its thread. */
    public EmailDraft reply(InboundEmail mail, Location location) {
        Addresses.requireMailbox("sender", mail.getFromAddress());
        String name = mail.getFromName() == null || mail.getFromName().isBlank() ? null : mail.getFromName();
        Map<String, Object> model = model(location, name == null ? "" : name, mail.getBodyText());
        model.put("followUp", mail.getInReplyTo() != null || !mail.getReferences().isEmpty());
        model.put("originalSubject", REPLY_PREFIX.matcher(mail.getSubject().strip()).replaceFirst(""));
        List<String> references = new ArrayList<>(mail.getReferences());
        if (mail.getInReplyTo() != null && !references.contains(mail.getInReplyTo())) {
            references.add(mail.getInReplyTo());
        }
        references.add(mail.getMessageId());
        // The conversation is named after its first message, so every reply in it shares one thread key.
        MailThread thread = MailThread.newBuilder().setThreadKey("inquiry:" + references.get(0))
                .setInReplyTo(mail.getMessageId()).setReferences(references).build();
        Locale locale = prospectLocale(location);
        EventHeader header = InboundHeaders.of(mail, location.getLocationId());
        return draft(header, mail.getMessageId(), mail.getFromAddress(), name, location,
                MAIL_TEMPLATE, templates.render(MAIL_TEMPLATE, locale, location.getLocationId(), model), thread);
    }

    private EmailDraft draft(EventHeader header, String inquiryId, String email, String name, Location location,
            String template, RenderedMail mail, MailThread thread) {
        return EmailDraft.newBuilder()
                .setDraftId(DraftIds.draftId(header.getEventId(), template, email))
                .setHeader(header)
                .setEventType(EVENT_TYPE)
                .setTemplate(template)
                .setCategory(EmailCategory.TRANSACTIONAL)
                .setRecipient(Recipient.newBuilder().setEmail(email).setName(name).setRole(RecipientRole.PROSPECT).build())
                .setLocationId(location.getLocationId())
                .setSubject(mail.subject())
                .setBodyText(mail.text())
                .setBodyHtml(mail.html())
                .setSupersedeKey("inquiry:" + inquiryId)
                .setEntityVersion(header.getEntityVersion())
                .setRequestedMode(OversightMode.GATED_ALL)
                .setRequestedBy(IDENTITY)
                .setThread(thread)
                .setCreatedAt(clock.instant())
                .build();
    }

    /** A prospect is in no directory: the reply is in the location's language (else English), its date as written there. */
    private static Locale prospectLocale(Location location) {
        return MailLocales.resolve(null, location.getDefaultLocale());
    }

    private static Map<String, Object> model(Location location, String name, String message) {
        Map<String, Object> model = new HashMap<>();
        model.put("name", name);
        model.put("locationName", location.getName());
        model.put("address", PostalAddresses.oneLine(location.getAddress()));
        model.put("quoted", quoted(message));
        return model;
    }

    /** The prospect's words under the reply, as mail clients quote: each line prefixed, long mails cut. */
    private static List<String> quoted(String message) {
        List<String> lines = Arrays.asList(message.strip().split("\\R", -1));
        List<String> out = new ArrayList<>(lines.subList(0, Math.min(lines.size(), QUOTED_LINES)));
        if (lines.size() > QUOTED_LINES) {
            out.add("[...]");
        }
        return out;
    }
}
