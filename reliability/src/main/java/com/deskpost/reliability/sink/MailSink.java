package com.deskpost.reliability.sink;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * The SMTP server Deskpost delivers to in the fault scenarios: accepts every message and remembers,
 * per Message-ID, each time it was accepted (just before the 250 reply), so a message sent twice is
 * counted twice; counts sessions; keeps no mail. For relay trouble it can refuse every message with a
 * transient reply (e.g. {@code 451}) after its data, as a relay that is overloaded or greylisting does,
 * until told to accept again; a refused message is counted as a refusal, never as accepted.
 */
public final class MailSink implements AutoCloseable {

    private final SMTPServer server;
    private final AtomicLong sessions = new AtomicLong();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong withoutId = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    /** The reply code every message is refused with, or 0 while messages are accepted. */
    private final AtomicInteger refuseWith = new AtomicInteger();
    private final Map<String, List<Long>> accepted = new ConcurrentHashMap<>();
    private final Set<String> sessionsWithMail = ConcurrentHashMap.newKeySet();

    private MailSink() {
        server = SMTPServer.port(0)
                .bindAddress(InetAddress.getLoopbackAddress())
                .hostName("reliability-sink")
                .maxConnections(128)
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
                    int code = refuseWith.get();
                    if (code != 0) {
                        refused.incrementAndGet();
                        throw new RejectException(code, "4.3.0 Relay refusing mail for now, try again later");
                    }
                    String id = messageId(data);
                    if (id == null) {
                        withoutId.incrementAndGet();
                    } else {
                        accepted.computeIfAbsent(id, key -> new CopyOnWriteArrayList<>()).add(System.currentTimeMillis());
                    }
                    sessionsWithMail.add(context.getSessionId());
                    messages.incrementAndGet();
                })
                .build();
        server.start();
    }

    public static MailSink start() {
        return new MailSink();
    }

    public int port() {
        return server.getPortAllocated();
    }

    public long sessions() {
        return sessions.get();
    }

    /** Sessions that carried at least one message (a health check's connection carries none). */
    public long sessionsWithMail() {
        return sessionsWithMail.size();
    }

    /** Messages accepted, a resend counted again. */
    public long messages() {
        return messages.get();
    }

    /**
     * From now on every message is refused after its data with this transient reply code (4xx): the relay
     * is in trouble. Nothing refused is counted as accepted.
     */
    public void refuseEveryMessage(int replyCode) {
        if (replyCode < 400 || replyCode > 499) {
            throw new IllegalArgumentException("A transient refusal is a 4xx reply, not " + replyCode);
        }
        refuseWith.set(replyCode);
    }

    /** Accepts messages again after {@link #refuseEveryMessage(int)}. */
    public void acceptMessages() {
        refuseWith.set(0);
    }

    /** Messages refused by {@link #refuseEveryMessage(int)}, each attempt counted. */
    public long refusals() {
        return refused.get();
    }

    public long messagesWithoutId() {
        return withoutId.get();
    }

    /** Each Message-ID accepted (without angle brackets) and when, epoch milliseconds, once per acceptance. */
    public Map<String, List<Long>> acceptances() {
        Map<String, List<Long>> copy = new HashMap<>();
        accepted.forEach((id, times) -> copy.put(id, new ArrayList<>(times)));
        return copy;
    }

    public int timesAccepted(String messageId) {
        List<Long> times = accepted.get(messageId);
        return times == null ? 0 : times.size();
    }

    /** The Message-ID header's value from a message's header block, without angle brackets; null if none. */
    public static String messageId(byte[] data) {
        String head = new String(data, 0, Math.min(data.length, 65_536), StandardCharsets.ISO_8859_1);
        int end = head.indexOf("\r\n\r\n");
        String headers = "\r\n" + (end < 0 ? head : head.substring(0, end));
        int at = headers.toLowerCase().indexOf("\r\nmessage-id:");
        if (at < 0) {
            return null;
        }
        int open = headers.indexOf('<', at);
        int close = open < 0 ? -1 : headers.indexOf('>', open);
        return open < 0 || close < 0 ? null : headers.substring(open + 1, close);
    }

    @Override
    public void close() {
        server.stop();
    }
}
