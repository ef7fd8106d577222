package com.deskpost.reliability.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmtpClientStreamTest {

    private static final String SESSION = "EHLO client\r\nMAIL FROM:<a@x.example>\r\nRCPT TO:<b@y.example>\r\nDATA\r\n"
            + "Message-ID: <d-1@ldn-1.deskpost.example>\r\nSubject: Hi\r\n\r\nline one\r\n..dot-stuffed line\r\n.\r\n"
            + "MAIL FROM:<a@x.example>\r\nRCPT TO:<c@y.example>\r\nDATA\r\n"
            + "Message-ID: <d-2@ldn-1.deskpost.example>\r\n\r\nbody\r\n.\r\nQUIT\r\n";

    @Test
    void findsTheEndOfEachMessageAndItsMessageId() {
        SmtpClientStream stream = new SmtpClientStream();

        List<String> ended = stream.feed(bytes(SESSION), 0, bytes(SESSION).length);

        assertThat(ended).containsExactly("d-1@ldn-1.deskpost.example", "d-2@ldn-1.deskpost.example");
    }

    @Test
    void findsTheEndWhenTheTerminatorIsSplitAcrossReads() {
        SmtpClientStream stream = new SmtpClientStream();
        byte[] all = bytes(SESSION);
        List<String> ended = new ArrayList<>();

        for (int i = 0; i < all.length; i++) {
            ended.addAll(stream.feed(all, i, 1));
        }

        assertThat(ended).containsExactly("d-1@ldn-1.deskpost.example", "d-2@ldn-1.deskpost.example");
    }

    @Test
    void aLoneDotInsideALineOrTheCommandWordInTheBodyIsNoEnd() {
        SmtpClientStream stream = new SmtpClientStream();
        String session = "DATA\r\nMessage-ID: <x@y>\r\n\r\nDATA\r\nend. \r\n.x\r\n";

        assertThat(stream.feed(bytes(session), 0, bytes(session).length)).isEmpty();
        assertThat(stream.feed(bytes("\r\n.\r\n"), 0, 5)).containsExactly("x@y");
    }

    @Test
    void anEmptyMessageEndsRightAfterTheDataCommand() {
        SmtpClientStream stream = new SmtpClientStream();

        assertThat(stream.feed(bytes("DATA\r\n.\r\n"), 0, 9)).containsExactly((String) null);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
