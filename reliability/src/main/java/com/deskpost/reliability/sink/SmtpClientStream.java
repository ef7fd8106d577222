package com.deskpost.reliability.sink;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Follows what an SMTP client sends, byte by byte, well enough to know when a message's data has just
 * ended ({@code CRLF.CRLF} after a {@code DATA} command) and which Message-ID it carried: the point
 * after which the server's next reply is the {@code 250} that says "accepted". Written by hand because
 * it must watch a live byte stream between two sockets, which no SMTP library exposes.
 */
public final class SmtpClientStream {

    private static final int MAX_HEADER_BYTES = 65_536;
    private static final byte[] END_OF_DATA = "\r\n.\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final ByteArrayOutputStream headers = new ByteArrayOutputStream();
    private final byte[] tail = new byte[END_OF_DATA.length];
    private boolean inData;

    /** The messages whose data ended within these bytes, by Message-ID (null when the message had none). */
    public List<String> feed(byte[] bytes, int offset, int length) {
        List<String> ended = new ArrayList<>();
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (inData) {
                if (headers.size() < MAX_HEADER_BYTES) {
                    headers.write(b);
                }
                System.arraycopy(tail, 1, tail, 0, tail.length - 1);
                tail[tail.length - 1] = b;
                if (java.util.Arrays.equals(tail, END_OF_DATA)) {
                    ended.add(MailSink.messageId(headers.toByteArray()));
                    inData = false;
                    headers.reset();
                }
            } else if (b == '\n') {
                String command = line.toString(StandardCharsets.US_ASCII).trim().toUpperCase(Locale.ROOT);
                line.reset();
                if (command.equals("DATA")) {
                    inData = true;
                    // The DATA line's own CRLF counts: an empty message is just ".\r\n".
                    java.util.Arrays.fill(tail, (byte) 0);
                    tail[tail.length - 2] = '\r';
                    tail[tail.length - 1] = '\n';
                }
            } else if (line.size() < 1_000) {
                line.write(b);
            }
        }
        return ended;
    }
}
