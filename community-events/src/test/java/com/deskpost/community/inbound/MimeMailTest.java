package com.deskpost.community.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deskpost.events.InboundChannel;
import com.deskpost.events.InboundEmail;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Received mail as both doors read it: raw SMTP data and a provider's webhook JSON. */
class MimeMailTest {

    private static final Instant NOW = Instant.parse("2026-04-20T09:30:00Z");

    @Test
    void aRawReplyIsReadWithItsSenderRecipientsThreadAndText() throws Exception {
        String raw = """
                From: =?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <juergen@members.example>
                To: Deskpost <hello@ber-1.example>
                Cc: sales@ber-1.example
                Subject: =?UTF-8?Q?AW:_Sommerfest?=
                Message-ID: <abc123@members.example>
                In-Reply-To: <draft-1@ber-1.example>
                References: <root@ber-1.example>
                 <draft-1@ber-1.example>
                MIME-Version: 1.0
                Content-Type: multipart/alternative; boundary="b"

                --b
                Content-Type: text/plain; charset=UTF-8

                Bitte abmelden.
                --b
                Content-Type: text/html; charset=UTF-8

                <p>Bitte <b>abmelden</b>.</p>
                --b--
                """.replace("\n", "\r\n");

        ReceivedMail received = MimeMail.parse(raw.getBytes(StandardCharsets.UTF_8), "bounce@members.example",
                "hello@ber-1.example", NOW);

        InboundEmail mail = received.mail();
        assertThat(mail.getFromAddress()).isEqualTo("juergen@members.example");
        assertThat(mail.getFromName()).isEqualTo("Jürgen Müller");
        assertThat(mail.getTo()).containsExactly("hello@ber-1.example", "sales@ber-1.example");
        assertThat(mail.getSubject()).isEqualTo("AW: Sommerfest");
        assertThat(mail.getMessageId()).isEqualTo("<abc123@members.example>");
        assertThat(mail.getInReplyTo()).isEqualTo("<draft-1@ber-1.example>");
        assertThat(mail.getReferences()).containsExactly("<root@ber-1.example>", "<draft-1@ber-1.example>");
        assertThat(mail.getBodyText().strip()).isEqualTo("Bitte abmelden.");
        assertThat(mail.getChannel()).isEqualTo(InboundChannel.SMTP);
        assertThat(mail.getReceivedAt()).isEqualTo(NOW);
        assertThat(received.autoSubmitted()).isFalse();
    }

    @Test
    void anHtmlOnlyOutOfOfficeReplyIsReadAsTextAndMarkedAutomatic() throws Exception {
        String raw = """
                From: ada@members.example
                To: hello@nyc-1.example
                Subject: Automatic reply: Summer party
                Auto-Submitted: auto-replied
                Content-Type: text/html; charset=UTF-8

                <p>I am away&nbsp;until Monday.</p><script>x()</script>
                """.replace("\n", "\r\n");

        ReceivedMail received = MimeMail.parse(raw.getBytes(StandardCharsets.UTF_8), null, null, NOW);

        assertThat(received.autoSubmitted()).isTrue();
        assertThat(received.mail().getBodyText()).isEqualTo("I am away\u00a0until Monday.");
        // no Message-ID: one is derived from the content, the same for the same mail
        assertThat(received.mail().getMessageId()).endsWith("@inbound.deskpost.invalid>")
                .isEqualTo(MimeMail.parse(raw.getBytes(StandardCharsets.UTF_8), null, null, NOW).mail().getMessageId());
    }

    @Test
    void autoSubmittedNoIsAPersonWriting() {
        assertThat(MimeMail.autoSubmitted("no", null)).isFalse();
        assertThat(MimeMail.autoSubmitted(null, "bulk")).isTrue();
        assertThat(MimeMail.autoSubmitted("auto-generated", null)).isTrue();
        assertThat(MimeMail.autoSubmitted(null, null)).isFalse();
    }

    @Test
    void aWebhookMailIsReadAndItsFaultsNamed() {
        ReceivedMail received = WebhookMail.read(new WebhookMessage("abc@x.example", "Ada <Ada@Members.example>",
                List.of("Sales@BER-1.example"), "Tour?", null, "<p>Can I visit?</p>", "<q@x>",
                List.of("<r1@x> <r2@x>"), Map.of("auto-submitted", "no"), null), NOW);

        assertThat(received.mail().getMessageId()).isEqualTo("<abc@x.example>");
        assertThat(received.mail().getFromAddress()).isEqualTo("Ada@Members.example");
        assertThat(received.mail().getFromName()).isEqualTo("Ada");
        assertThat(received.mail().getTo()).containsExactly("sales@ber-1.example");
        assertThat(received.mail().getBodyText()).isEqualTo("Can I visit?");
        assertThat(received.mail().getReferences()).containsExactly("<r1@x>", "<r2@x>");
        assertThat(received.mail().getChannel()).isEqualTo(InboundChannel.WEBHOOK);
        assertThat(received.autoSubmitted()).isFalse();

        assertThatThrownBy(() -> WebhookMail.read(new WebhookMessage(null, "nobody", List.of("a@b.example"), "s",
                "t", null, null, null, null, null), NOW))
                .isInstanceOf(InvalidInbound.class).hasMessageContaining("'from'")
                .extracting(e -> ((InvalidInbound) e).field()).isEqualTo("from");
        assertThatThrownBy(() -> WebhookMail.read(new WebhookMessage(null, "a@b.example", List.of(), "s", "t",
                null, null, null, null, null), NOW))
                .isInstanceOf(InvalidInbound.class).extracting(e -> ((InvalidInbound) e).field()).isEqualTo("to");
        assertThatThrownBy(() -> WebhookMail.read(new WebhookMessage(null, "a@b.example", List.of("c@d.example"),
                "s\r\nBcc: eve@evil.example", "t", null, null, null, null, null), NOW))
                .isInstanceOf(InvalidInbound.class).extracting(e -> ((InvalidInbound) e).field()).isEqualTo("subject");
    }
}
