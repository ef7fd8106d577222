package com.deskpost.platform.attestation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deskpost.events.Attachment;
import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.MailThread;
import com.deskpost.events.OutboundEmail;
import com.deskpost.events.OversightMode;
import com.deskpost.events.Recipient;
import com.deskpost.events.RecipientRole;
import com.deskpost.events.Release;
import com.deskpost.platform.TestDrafts;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** An attestation binds every field delivery builds the mail from; rotation keeps old records valid. */
class ReleaseAttestationTest {

    private static final String SECRET = "test-attestation-secret-0123456789";
    private static final ReleaseAttestation ATTESTATION = new ReleaseAttestation(SECRET, List.of());

    private static OutboundEmail outbound() {
        EmailDraft draft = EmailDraft.newBuilder(TestDrafts.draft("draft-1", List.of("4711")))
                .setRecipient(Recipient.newBuilder().setEmail("ada@example.com").setName("Ada").setMemberId("M-ADA")
                        .setRole(RecipientRole.MEMBER).build())
                .setAttachments(List.of(Attachment.newBuilder().setFilename("b.ics").setContentType("text/calendar")
                        .setContent(ByteBuffer.wrap("BEGIN:VCALENDAR".getBytes(StandardCharsets.UTF_8))).build()))
                .setAboutMemberId("M-ADA")
                .setThread(MailThread.newBuilder().setThreadKey("door:D-1").setInReplyTo("<a@x>")
                        .setReferences(List.of("<a@x>")).build())
                .build();
        Release release = Release.newBuilder().setMode(OversightMode.GATED_SEND).setRule("floor")
                .setReleasedBy("M-STAFF").setReleasedAt(Instant.parse("2026-11-24T10:00:00Z")).setCopyTo(null).build();
        return OutboundEmail.newBuilder().setDraft(draft).setRelease(release).build();
    }

    private static UnaryOperator<OutboundEmail> draft(UnaryOperator<EmailDraft.Builder> change) {
        return o -> OutboundEmail.newBuilder(o).setDraft(change.apply(EmailDraft.newBuilder(o.getDraft())).build()).build();
    }

    private static UnaryOperator<OutboundEmail> recipient(UnaryOperator<Recipient.Builder> change) {
        return draft(d -> d.setRecipient(change.apply(Recipient.newBuilder(d.getRecipient())).build()));
    }

    private static UnaryOperator<OutboundEmail> thread(UnaryOperator<MailThread.Builder> change) {
        return draft(d -> d.setThread(change.apply(MailThread.newBuilder(d.getThread())).build()));
    }

    private static UnaryOperator<OutboundEmail> release(UnaryOperator<Release.Builder> change) {
        return o -> OutboundEmail.newBuilder(o).setRelease(change.apply(Release.newBuilder(o.getRelease())).build()).build();
    }

    private static UnaryOperator<OutboundEmail> attachment(UnaryOperator<Attachment.Builder> change) {
        return draft(d -> d.setAttachments(List.of(change.apply(Attachment.newBuilder(d.getAttachments().get(0))).build())));
    }

    static Stream<Arguments> changes() {
        Map<String, UnaryOperator<OutboundEmail>> changes = new LinkedHashMap<>();
        changes.put("draft id", draft(d -> d.setDraftId("draft-2")));
        changes.put("effective mode", release(r -> r.setMode(OversightMode.AUTONOMOUS)));
        changes.put("released by", release(r -> r.setReleasedBy("policy")));
        changes.put("copy_to", release(r -> r.setCopyTo("staff@example.com")));
        changes.put("recipient email", recipient(r -> r.setEmail("eve@example.com")));
        changes.put("recipient name", recipient(r -> r.setName("Eve")));
        changes.put("recipient member id", recipient(r -> r.setMemberId("M-EVE")));
        changes.put("recipient role", recipient(r -> r.setRole(RecipientRole.STAFF)));
        changes.put("subject", draft(d -> d.setSubject("Urgent")));
        changes.put("body text", draft(d -> d.setBodyText("Please confirm your card at http://evil.example/")));
        changes.put("body html", draft(d -> d.setBodyHtml("<a href=\"http://evil.example/\">Code</a>")));
        changes.put("attachment name", attachment(a -> a.setFilename("b.exe")));
        changes.put("attachment type", attachment(a -> a.setContentType("application/octet-stream")));
        changes.put("attachment content", attachment(a -> a.setContent(ByteBuffer.wrap(new byte[] {1}))));
        changes.put("attachment added", draft(d -> d.setAttachments(List.of(d.getAttachments().get(0),
                d.getAttachments().get(0)))));
        changes.put("secrets", draft(d -> d.setSecrets(List.of())));
        changes.put("category", draft(d -> d.setCategory(EmailCategory.COMMERCIAL)));
        changes.put("location id", draft(d -> d.setLocationId("BER-1")));
        changes.put("template", draft(d -> d.setTemplate("other")));
        changes.put("event type", draft(d -> d.setEventType("booking_created")));
        changes.put("supersede key", draft(d -> d.setSupersedeKey("door:D-2")));
        changes.put("entity version", draft(d -> d.setEntityVersion(2)));
        changes.put("about_member_id", draft(d -> d.setAboutMemberId("M-EVE")));
        changes.put("thread key", thread(t -> t.setThreadKey("door:D-2")));
        changes.put("in_reply_to", thread(t -> t.setInReplyTo(null)));
        changes.put("references", thread(t -> t.setReferences(List.of("<a@x>", "<b@x>"))));
        return changes.entrySet().stream().map(change -> Arguments.of(change.getKey(), change.getValue()));
    }

    @Test
    void anAttestedRecordMatches() {
        OutboundEmail attested = ATTESTATION.attest(outbound());

        assertThat(attested.getAttestation()).startsWith("v1:" + ATTESTATION.keyId() + ":");
        assertThat(ATTESTATION.problem(attested)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void changingAnyFieldAfterAttestationBreaksIt(String field, UnaryOperator<OutboundEmail> change) {
        OutboundEmail attested = ATTESTATION.attest(outbound());

        OutboundEmail changed = change.apply(attested);

        assertThat(ATTESTATION.problem(changed)).as(field).hasValueSatisfying(problem ->
                assertThat(problem).contains("does not match", "changed after oversight released it"));
    }

    @Test
    void aRecordWithoutAttestationOrWithGarbageIsRefused() {
        assertThat(ATTESTATION.problem(outbound())).hasValueSatisfying(p -> assertThat(p).contains("missing"));
        assertThat(ATTESTATION.problem(OutboundEmail.newBuilder(outbound()).setAttestation("forged").build()))
                .hasValueSatisfying(p -> assertThat(p).contains("malformed"));
        assertThat(ATTESTATION.problem(OutboundEmail.newBuilder(outbound())
                .setAttestation("v1:" + ATTESTATION.keyId() + ":!!").build()))
                .hasValueSatisfying(p -> assertThat(p).contains("malformed"));
    }

    @Test
    void aRecordAttestedWithAnotherSecretIsRefusedNamingItsKey() {
        ReleaseAttestation other = new ReleaseAttestation("another-secret-0123456789abcdef", List.of());

        assertThat(ATTESTATION.problem(other.attest(outbound()))).hasValueSatisfying(p ->
                assertThat(p).contains("unknown key " + other.keyId()));
    }

    @Test
    void aForgerWhoCopiesTheKeyIdStillDoesNotMatch() {
        ReleaseAttestation forger = new ReleaseAttestation("another-secret-0123456789abcdef", List.of());
        String forged = forger.attest(outbound()).getAttestation().replace(forger.keyId(), ATTESTATION.keyId());

        assertThat(ATTESTATION.problem(OutboundEmail.newBuilder(outbound()).setAttestation(forged).build()))
                .hasValueSatisfying(p -> assertThat(p).contains("does not match"));
    }

    @Test
    void duringARotationRecordsAttestedWithThePreviousSecretStillMatch() {
        ReleaseAttestation old = new ReleaseAttestation(SECRET, List.of());
        ReleaseAttestation rotated = new ReleaseAttestation("the-new-attestation-secret-9876543210", List.of(SECRET));

        assertThat(rotated.problem(old.attest(outbound()))).isEmpty();
        assertThat(rotated.problem(rotated.attest(outbound()))).isEmpty();
        assertThat(rotated.attest(outbound()).getAttestation()).contains(":" + rotated.keyId() + ":")
                .doesNotContain(old.keyId());
        assertThat(new ReleaseAttestation("the-new-attestation-secret-9876543210", List.of())
                .problem(old.attest(outbound()))).isPresent();
    }

    @Test
    void aShortSecretIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new ReleaseAttestation("short", List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 16 characters");
    }
}
