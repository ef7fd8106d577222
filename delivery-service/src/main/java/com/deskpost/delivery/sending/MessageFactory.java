package com.deskpost.delivery.sending;

import com.deskpost.events.Attachment;
import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.Location;
import com.deskpost.events.MailThread;
import com.deskpost.delivery.preferences.PreferenceLinks;
import com.deskpost.delivery.unsubscribe.UnsubscribeTokens;
import com.deskpost.platform.directory.PostalAddresses;
import com.deskpost.platform.id.DraftIds;
import com.samskivert.mustache.Escapers;
import com.deskpost.platform.streams.RejectedEvent;
import jakarta.activation.FileTypeMap;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.mail.javamail.ConfigurableMimeFileTypeMap;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Builds the MIME message for one recipient of a draft (for the recipient's own message, the draft with
 * its credentials opened: see {@code outbound.Transmission}). From is the location's verified sender,
 * Reply-To the location's reply address; transactional and security mail is marked
 * {@code Auto-Submitted: auto-generated} (RFC 3834) so auto-responders stay quiet; commercial mail
 * carries the unsubscribe headers and the physical address. A mail that answers another (an
 * inquiry reply) carries {@code In-Reply-To} and {@code References} (RFC 5322 §3.6.4), so it lands in
 * the correspondent's thread. A header value with CR or LF is refused outright: it could smuggle
 * extra headers (header injection).
 */
public final class MessageFactory {

    private final UnsubscribeTokens tokens;
    private final PreferenceLinks preferences;
    private final String publicBaseUrl;

    public MessageFactory(UnsubscribeTokens tokens, PreferenceLinks preferences, String publicBaseUrl) {
        this.tokens = tokens;
        this.preferences = preferences;
        this.publicBaseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
                : publicBaseUrl;
    }

    /** The Message-ID of a draft's mail to its recipient, or of its staff copy. */
    public static String messageId(EmailDraft draft, Location location, boolean copy) {
        return "<" + draft.getDraftId() + (copy ? ".copy" : "") + "@" + domain(location) + ">";
    }

    private static String domain(Location location) {
        return location.getSenderMailbox().substring(location.getSenderMailbox().indexOf('@') + 1);
    }

    public MimeMessage primary(Session session, EmailDraft draft, Location location) throws MessagingException {
        MimeMessageHelper mail = start(session, draft, location, draft.getRecipient().getEmail(),
                draft.getRecipient().getName(), messageId(draft, location, false));
        mail.setSubject(safe("Subject", draft.getSubject()));
        thread(mail.getMimeMessage(), draft.getThread());
        if (draft.getCategory() == EmailCategory.COMMERCIAL) {
            commercial(mail, draft, location);
        } else {
            mail.setText(draft.getBodyText(), draft.getBodyHtml());
        }
        for (Attachment attachment : draft.getAttachments()) {
            byte[] content = new byte[attachment.getContent().remaining()];
            attachment.getContent().duplicate().get(content);
            mail.addAttachment(safe("attachment filename", attachment.getFilename()),
                    new ByteArrayDataSource(content, safe("Content-Type", attachment.getContentType())));
        }
        return finish(mail);
    }

    /**
     * CAN-SPAM and RFC 8058: commercial mail names the sender's physical address and offers an
     * unsubscribe that works in one click, both as a link in the body and as
     * {@code List-Unsubscribe} (mailto and https) with {@code List-Unsubscribe-Post}. Beside it, the
     * body links the member's preference page, where topics can be chosen per location instead; the link is
     * made from the draft's creation time, so every send of a draft carries the same one.
     */
    private void commercial(MimeMessageHelper mail, EmailDraft draft, Location location) throws MessagingException {
        String recipient = DraftIds.normaliseEmail(draft.getRecipient().getEmail());
        String token = tokens.token(recipient);
        String link = publicBaseUrl + "/unsubscribe/" + token;
        String manage = publicBaseUrl + preferences.path(recipient, location.getLocationId(), draft.getCreatedAt());
        String mailto = "mailto:unsubscribe@" + domain(location) + "?subject=unsubscribe%20" + token;
        String address = location.getName() + ", " + PostalAddresses.oneLine(location.getAddress());
        mail.setText(draft.getBodyText() + "\n\n--\n" + address + "\nManage your preferences: " + manage
                        + "\nUnsubscribe: " + link + "\n",
                draft.getBodyHtml() + "\n<p style=\"color:#666;font-size:small\">" + Escapers.HTML.escape(address)
                        + "<br><a href=\"" + Escapers.HTML.escape(manage) + "\">Manage your preferences</a>"
                        + " &middot; <a href=\"" + Escapers.HTML.escape(link) + "\">Unsubscribe</a></p>");
        mail.getMimeMessage().setHeader("List-Unsubscribe", safe("List-Unsubscribe", "<" + mailto + ">, <" + link + ">"));
        mail.getMimeMessage().setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }

    /**
     * RFC 5322 §3.6.4: In-Reply-To names the message answered; References is the conversation so far
     * and ends with it. Only the recipient's own mail is threaded, never the staff copy: that copy is
     * not part of the correspondent's conversation.
     */
    private static void thread(MimeMessage message, MailThread thread) throws MessagingException {
        if (thread == null || thread.getInReplyTo() == null || thread.getInReplyTo().isBlank()) {
            return;
        }
        String parent = messageIdToken(thread.getInReplyTo());
        List<String> references = new ArrayList<>();
        for (String reference : thread.getReferences()) {
            String token = messageIdToken(reference);
            if (!references.contains(token)) {
                references.add(token);
            }
        }
        references.remove(parent);
        references.add(parent);
        message.setHeader("In-Reply-To", parent);
        message.setHeader("References", String.join(" ", references));
    }

    /** A Message-ID as a header token: trimmed, in angle brackets, no whitespace or line breaks. */
    private static String messageIdToken(String messageId) {
        String id = safe("In-Reply-To/References", messageId).strip();
        if (id.isEmpty() || id.chars().anyMatch(Character::isWhitespace)) {
            throw new RejectedEvent("Message-ID '" + id + "' in the draft's thread is not one message id");
        }
        return id.startsWith("<") && id.endsWith(">") ? id : "<" + id + ">";
    }

    /**
     * The staff notification copy of a monitored mail: who got it, and the text. Built from the sealed
     * draft, so a credential shows as its placeholder: the value was never here to mask.
     */
    public MimeMessage copy(Session session, EmailDraft draft, Location location, String staffMailbox)
            throws MessagingException {
        MimeMessageHelper mail = start(session, draft, location, staffMailbox, null, messageId(draft, location, true));
        mail.setSubject(safe("Subject", "[Copy] " + draft.getSubject()));
        mail.setText("Deskpost sent the mail below to " + draft.getRecipient().getEmail()
                + " (monitored: released at once, this copy is for your oversight).\n"
                + "Draft " + draft.getDraftId() + ", template " + draft.getTemplate() + ".\n\n"
                + "-----\n" + draft.getBodyText());
        return finish(mail);
    }

    private MimeMessageHelper start(Session session, EmailDraft draft, Location location, String to, String toName,
            String messageId) throws MessagingException {
        MimeMessage message = new StableIdMimeMessage(session, safe("Message-ID", messageId));
        MimeMessageHelper mail = new SharedTypesHelper(message);
        mail.setFrom(address(location.getSenderMailbox(), location.getSenderName()));
        mail.setTo(address(to, toName));
        if (location.getReplyTo() != null) {
            mail.setReplyTo(address(location.getReplyTo(), null));
        }
        if (draft.getCategory() != EmailCategory.COMMERCIAL) {
            message.setHeader("Auto-Submitted", "auto-generated");
        }
        return mail;
    }

    /**
     * Spring's helper builds a fresh MIME type map (a classpath and ServiceLoader scan) for every
     * message its own sender did not create: a quarter of delivery's CPU in the bench. One map serves all.
     */
    private static final class SharedTypesHelper extends MimeMessageHelper {

        private static final FileTypeMap TYPES = types();

        SharedTypesHelper(MimeMessage message) throws MessagingException {
            super(message, true, StandardCharsets.UTF_8.name());
        }

        @Override
        protected FileTypeMap getDefaultFileTypeMap(MimeMessage message) {
            return TYPES;
        }

        private static FileTypeMap types() {
            ConfigurableMimeFileTypeMap types = new ConfigurableMimeFileTypeMap();
            types.afterPropertiesSet();
            return types;
        }
    }

    /** Saving fixes the headers, Message-ID included, so the ledger records what the server receives. */
    private static MimeMessage finish(MimeMessageHelper mail) throws MessagingException {
        MimeMessage message = mail.getMimeMessage();
        message.saveChanges();
        return message;
    }

    private static InternetAddress address(String email, String name) throws MessagingException {
        safe("address", email);
        try {
            InternetAddress address = new InternetAddress(email, name == null ? null : safe("display name", name),
                    StandardCharsets.UTF_8.name());
            address.validate();
            return address;
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
    }

    static String safe(String header, String value) {
        if (value != null && (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0)) {
            throw new RejectedEvent(header + " contains CR or LF: refused as header injection");
        }
        return value;
    }
}
