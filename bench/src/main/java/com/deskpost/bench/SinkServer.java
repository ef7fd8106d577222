package com.deskpost.bench;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * The SMTP sink the pipeline delivers to: accepts every message, remembers when each Message-ID
 * was accepted (just before the 250 reply) and counts sessions, but keeps no mail, so a run of
 * hundreds of thousands of messages costs no memory and measures Deskpost rather than the sink.
 */
final class SinkServer implements AutoCloseable {

    private final SMTPServer server;
    private final AtomicLong sessions = new AtomicLong();
    private final AtomicLong messages = new AtomicLong();
    private final Map<String, Long> acceptedAt = new ConcurrentHashMap<>();
    private volatile byte[] last;

    private SinkServer() {
        server = SMTPServer.port(0)
                .bindAddress(InetAddress.getLoopbackAddress())
                .hostName("bench-sink")
                .maxConnections(64)
                .sessionHandler(new SessionHandler() {
                    @Override
                    public SessionAcceptance accept(Session session) {
                        sessions.incrementAndGet();
                        return SessionAcceptance.success();
                    }

                    @Override
                    public void onSessionEnd(Session session) {
                        // Only openings are counted.
                    }
                })
                .messageHandler((context, from, to, data) -> {
                    long now = System.nanoTime();
                    String id = messageId(data);
                    if (id != null) {
                        // Deskpost's Message-ID is <draft-id@sender-domain>: keyed by the draft id.
                        acceptedAt.putIfAbsent(id.contains("@") ? id.substring(0, id.indexOf('@')) : id, now);
                    }
                    last = data;
                    messages.incrementAndGet();
                })
                .build();
        server.start();
    }

    static SinkServer start() {
        return new SinkServer();
    }

    int port() {
        return server.getPortAllocated();
    }

    long sessions() {
        return sessions.get();
    }

    long messages() {
        return messages.get();
    }

    /** The last message accepted, as sent: a realistic sample for the SMTP baseline. */
    byte[] lastMessage() {
        return last;
    }

    /** When the mail of this draft id (its Message-ID's local part) was accepted, in nanoTime; null if not yet. */
    Long acceptedAt(String messageId) {
        return acceptedAt.get(messageId);
    }

    void forgetAcceptTimes() {
        acceptedAt.clear();
    }

    /** The Message-ID header's value from the header block, without angle brackets. */
    static String messageId(byte[] data) {
        String head = new String(data, 0, Math.min(data.length, 16_384), StandardCharsets.ISO_8859_1);
        int end = head.indexOf("\r\n\r\n");
        String headers = "\r\n" + (end < 0 ? head : head.substring(0, end));
        int at = headers.toLowerCase().indexOf("\r\nmessage-id:");
        if (at < 0) {
            return null;
        }
        int open = headers.indexOf('<', at);
        int close = headers.indexOf('>', open);
        return open < 0 || close < 0 ? null : headers.substring(open + 1, close);
    }

    @Override
    public void close() {
        server.stop();
    }
}
