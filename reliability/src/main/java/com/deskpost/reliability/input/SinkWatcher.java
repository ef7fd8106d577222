package com.deskpost.reliability.input;

import com.deskpost.testsupport.SmtpServer;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Timestamps every message the stack's SMTP server (GreenMail) accepts. GreenMail keeps no arrival
 * time, so a daemon thread looks at the server's list every {@value #POLL_MILLIS} ms and stamps
 * what is new; an arrival time is therefore at most that much (plus one poll) later than the
 * real one.
 */
final class SinkWatcher implements AutoCloseable {

    static final long POLL_MILLIS = 20;

    /** One message at the sink: when it was first seen, to whom (To header), and the headers checked. */
    record Arrival(MimeMessage message, Instant at, List<String> to, String subject, boolean commercial) {

        String firstTo() {
            return to.isEmpty() ? "" : to.get(0);
        }
    }

    private final SmtpServer smtp;
    private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private int seen;

    SinkWatcher(SmtpServer smtp) {
        this.smtp = smtp;
        this.thread = new Thread(this::watch, "reliability-sink-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void watch() {
        while (running) {
            poll();
            try {
                Thread.sleep(POLL_MILLIS); // a pacing loop of our own observer thread, not a test wait
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private synchronized void poll() {
        List<MimeMessage> all = smtp.messages();
        Instant now = Instant.now();
        for (int i = seen; i < all.size(); i++) {
            arrivals.add(arrival(all.get(i), now));
        }
        seen = all.size();
    }

    private static Arrival arrival(MimeMessage message, Instant at) {
        try {
            List<String> to = new ArrayList<>();
            Address[] recipients = message.getAllRecipients();
            if (recipients != null) {
                for (Address address : recipients) {
                    to.add(((InternetAddress) address).getAddress().toLowerCase(Locale.ROOT));
                }
            }
            boolean commercial = message.getHeader("List-Unsubscribe-Post") != null;
            return new Arrival(message, at, to, String.valueOf(message.getSubject()), commercial);
        } catch (MessagingException e) {
            return new Arrival(message, at, List.of(), "(unreadable: " + e.getMessage() + ")", false);
        }
    }

    List<Arrival> arrivals() {
        poll();
        return List.copyOf(arrivals);
    }

    int count() {
        return arrivals().size();
    }

    /** Waits until no message has arrived for {@code quiet}, or {@code max} has passed; returns the count. */
    int awaitQuiet(Duration quiet, Duration max) {
        AtomicInteger last = new AtomicInteger(count());
        AtomicReference<Instant> changed = new AtomicReference<>(Instant.now());
        try {
            Waits.await().atMost(max).pollInterval(Duration.ofMillis(250)).until(() -> {
                int now = count();
                if (now != last.get()) {
                    last.set(now);
                    changed.set(Instant.now());
                    return false;
                }
                return Duration.between(changed.get(), Instant.now()).compareTo(quiet) >= 0;
            });
        } catch (ConditionTimeoutException e) {
            // bounded: the caller reports what arrived by then
        }
        return last.get();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }

    /** Every text part of a message (plain and HTML), nested multiparts included. */
    static List<String> parts(Part part, String mimeType) {
        List<String> found = new ArrayList<>();
        try {
            if (part.isMimeType(mimeType)) {
                found.add(String.valueOf(part.getContent()));
            } else if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    found.addAll(parts(multipart.getBodyPart(i), mimeType));
                }
            }
        } catch (Exception e) {
            found.add("(unreadable part: " + e.getMessage() + ")");
        }
        return found;
    }

    static String text(MimeMessage message) {
        return String.join("\n", parts(message, "text/plain")) + "\n" + String.join("\n", parts(message, "text/html"));
    }
}
