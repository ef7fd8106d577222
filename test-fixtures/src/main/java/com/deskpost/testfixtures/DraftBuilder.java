package com.deskpost.testfixtures;

import com.deskpost.events.Attachment;
import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.EventHeader;
import com.deskpost.events.MailThread;
import com.deskpost.events.OversightMode;
import com.deskpost.events.Recipient;
import com.deskpost.events.RecipientRole;
import com.deskpost.schemas.ContractClasses;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A booking confirmation draft for London, changed only where a test cares. */
public final class DraftBuilder {

    static {
        // Avro builders load contract classes by name; trust them even outside surefire (IDE runs).
        ContractClasses.trust();
    }

    private String draftId = "0b7e3c1a-5d2f-3e4a-9c1b-2f6d8e0a1b42";
    private String eventType = "booking_created";
    private String locationId = "LDN-1";
    private EmailCategory category = EmailCategory.TRANSACTIONAL;
    private String recipientEmail = "ada@example.com";
    private String recipientName = "Ada Lovelace";
    private String subject = "Your desk at Deskpost Shoreditch is booked";
    private String bodyText = "Hello Ada, desk 12 is yours on Monday 3 March, 09:00-17:00.";
    private String bodyHtml = "<p>Hello Ada, desk 12 is yours on <b>Monday 3 March</b>, 09:00-17:00.</p>";
    private OversightMode requestedMode;
    private OversightMode eventRequestedMode;
    private final List<Attachment> attachments = new ArrayList<>();
    private List<String> secrets = List.of();
    private MailThread thread = MailThread.newBuilder().setThreadKey("booking:B-1042").build();

    private DraftBuilder() {
    }

    public static DraftBuilder aDraft() {
        return new DraftBuilder();
    }

    public DraftBuilder id(String draftId) {
        this.draftId = draftId;
        return this;
    }

    public DraftBuilder eventType(String eventType) {
        this.eventType = eventType;
        return this;
    }

    public DraftBuilder at(String locationId) {
        this.locationId = locationId;
        return this;
    }

    public DraftBuilder category(EmailCategory category) {
        this.category = category;
        return this;
    }

    public DraftBuilder to(String email, String name) {
        this.recipientEmail = email;
        this.recipientName = name;
        return this;
    }

    public DraftBuilder to(String email) {
        this.recipientEmail = email;
        return this;
    }

    public DraftBuilder named(String name) {
        this.recipientName = name;
        return this;
    }

    /** {@code null} means the draft requests no mode. */
    /** The mode the facility event asked for ({@code header.requested_mode}); null for none. */
    public DraftBuilder eventRequesting(OversightMode eventRequestedMode) {
        this.eventRequestedMode = eventRequestedMode;
        return this;
    }

    public DraftBuilder requesting(OversightMode requestedMode) {
        this.requestedMode = requestedMode;
        return this;
    }

    public DraftBuilder subject(String subject) {
        this.subject = subject;
        return this;
    }

    public DraftBuilder body(String text, String html) {
        this.bodyText = text;
        this.bodyHtml = html;
        return this;
    }

    /** The plain text, and as HTML the same text in one paragraph. */
    public DraftBuilder bodyText(String text) {
        return body(text, "<p>" + text + "</p>");
    }

    public DraftBuilder attachment(String filename, String contentType, String content) {
        attachments.add(Attachment.newBuilder().setFilename(filename).setContentType(contentType)
                .setContent(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8))).build());
        return this;
    }

    public DraftBuilder secrets(String... secrets) {
        this.secrets = List.of(secrets);
        return this;
    }

    /** The conversation this mail continues: the Message-ID it answers and the ones before it. */
    public DraftBuilder inReplyTo(String messageId, String... references) {
        this.thread = MailThread.newBuilder().setThreadKey("inquiry:I-7").setInReplyTo(messageId)
                .setReferences(List.of(references)).build();
        return this;
    }

    public EmailDraft build() {
        Instant createdAt = Instant.parse("2025-03-03T08:59:58Z");
        return EmailDraft.newBuilder()
                .setDraftId(draftId)
                .setHeader(EventHeader.newBuilder()
                        .setEventId("e5a1c0de-0000-4000-8000-000000000001")
                        .setOccurredAt(createdAt.minusSeconds(2))
                        .setSource("nexudus-bridge")
                        .setEntityVersion(3)
                        .setLocationId(locationId)
                        .setCorrelationId("corr-B-1042")
                        .setRequestedMode(eventRequestedMode)
                        .build())
                .setEventType(eventType)
                .setTemplate("booking-confirmation")
                .setCategory(category)
                .setRecipient(Recipient.newBuilder().setEmail(recipientEmail).setName(recipientName)
                        .setMemberId("M-7").setRole(RecipientRole.MEMBER).build())
                .setLocationId(locationId)
                .setSubject(subject)
                .setBodyText(bodyText)
                .setBodyHtml(bodyHtml)
                .setAttachments(List.copyOf(attachments))
                .setSupersedeKey("booking:B-1042")
                .setEntityVersion(3)
                .setRequestedMode(requestedMode)
                .setRequestedBy("booking-composer")
                .setThread(thread)
                .setSecrets(secrets)
                .setCreatedAt(createdAt)
                .build();
    }
}
