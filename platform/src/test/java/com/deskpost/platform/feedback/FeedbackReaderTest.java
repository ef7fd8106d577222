package com.deskpost.platform.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a reading carries besides its kind: the original's Message-ID and Return-Path, bounded diagnostics, reasons. */
class FeedbackReaderTest {

    @Test
    void aDsnNamesTheOriginalMessageAndItsReturnPath() throws IOException {
        FeedbackReading reading = FeedbackReader.read(corpus("postfix-user-unknown.eml"));

        assertThat(reading.reportMessageId()).isEqualTo("<20261205091201.8B2D23E0F2@mail.example.net>");
        assertThat(reading.originalMessageId()).isEqualTo("<d3b07384-d9a0-4c9b-8f7e-1a2b3c4d5e6f@deskpost.example>");
        assertThat(reading.originalReturnPath()).isEqualTo("b-7f3k2m9q@bounce.deskpost.example");
        assertThat(reading.findings().get(0).diagnostic())
                .isEqualTo("550 5.1.1 <ann@example.com>: Recipient address rejected: User unknown in virtual "
                        + "mailbox table");
    }

    @Test
    void aTextBounceFindsTheOriginalInTheQuotedCopy() throws IOException {
        FeedbackReading reading = FeedbackReader.read(corpus("exim-text-failed.eml"));

        assertThat(reading.originalMessageId()).isEqualTo("<6f7a8b9c-0d1e-4f2a-3b4c-5d6e7f8a9b0c@deskpost.example>");
        assertThat(reading.originalReturnPath()).isEqualTo("b-y6t5r4e3@bounce.deskpost.example");
        assertThat(reading.findings().get(0).diagnostic()).contains("550 5.1.1").doesNotContain("\n");
    }

    @Test
    void aComplaintWithoutOriginalRcptToIsReadFromTheReturnedMessage() throws IOException {
        FeedbackReading reading = FeedbackReader.read(corpus("outlookcom-jmrp-complaint.eml"));

        assertThat(reading.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.recipient()).isEqualTo("hugo@example.com");
            assertThat(finding.diagnostic()).isEqualTo("Feedback-Type: abuse (Hotmail FBL)");
        });
        assertThat(reading.originalMessageId()).isEqualTo("<3e4f5a6b-7c8d-4e9f-0a1b-2c3d4e5f6a7b@deskpost.example>");
    }

    @Test
    void anUnreadableReportSaysWhy() throws IOException {
        assertThat(FeedbackReader.read(corpus("unparseable-broken-boundary.eml")).reason())
                .contains("boundary");
        assertThat(FeedbackReader.read(corpus("unparseable-dsn-without-action.eml")).reason())
                .isEqualTo("the group for vera@example.com has no Action (RFC 3464 2.3.3)");
        assertThat(FeedbackReader.read(new byte[0]).kind()).isEqualTo(ReportKind.UNPARSEABLE);
        assertThat(FeedbackReader.read(null).reason()).isEqualTo("the mail is empty");
    }

    @Test
    void aLongDiagnosticIsCutToOneBoundedLine() {
        String mail = "From: MAILER-DAEMON@mail.example.net\nSubject: Undelivered Mail Returned to Sender\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n\n--b\n"
                + "Content-Type: message/delivery-status\n\nReporting-MTA: dns; mail.example.net\n\n"
                + "Final-Recipient: rfc822; ann@example.com\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 "
                + "x".repeat(2000) + "\n--b--\n";

        Finding finding = FeedbackReader.read(mail.getBytes(StandardCharsets.US_ASCII)).findings().get(0);

        assertThat(finding.diagnostic()).hasSize(500).endsWith("...");
        assertThat(finding.kind()).isEqualTo(ReportKind.HARD_BOUNCE);
    }

    private static byte[] corpus(String name) throws IOException {
        try (InputStream in = FeedbackReaderTest.class.getResourceAsStream("/feedback-corpus/" + name)) {
            return in.readAllBytes();
        }
    }
}
