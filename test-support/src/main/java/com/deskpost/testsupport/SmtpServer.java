package com.deskpost.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real SMTP server (GreenMail) on 127.0.0.1 that accepts mail for any recipient, optionally with IMAP
 * so a person can read it.
 * <p>
 * Mail received is kept across {@link #stop()} and {@link #restart()}: a test that takes the server down
 * mid-stream still sees, in {@link #messages()}, everything delivered before the outage. Only the IMAP
 * mailboxes start empty again after a restart.
 */
public final class SmtpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmtpServer.class);
    private static final String HOST = "127.0.0.1";

    private final Queue<Delivery> deliveries = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean refusing = new AtomicBoolean();
    private final AtomicInteger refusals = new AtomicInteger();
    private final Map<String, String> permanentRefusals = new ConcurrentHashMap<>();
    private final AtomicInteger permanentlyRefused = new AtomicInteger();
    private final Set<String> throttled = ConcurrentHashMap.newKeySet();
    private final AtomicInteger throttlings = new AtomicInteger();
    private ServerSetup[] setups;
    private GreenMail greenMail;
    private RefusingFront front;

    /** One copy of a message handed to one envelope recipient. */
    private record Delivery(String recipient, MimeMessage message) {
    }

    private SmtpServer(ServerSetup... setups) {
        this.setups = setups;
    }

    /** SMTP only, on a free port. */
    public static SmtpServer start() {
        return start(new ServerSetup(0, HOST, ServerSetup.PROTOCOL_SMTP));
    }

    /** SMTP and IMAP on the given ports (0 for a free one); any user name and password log in to IMAP. */
    public static SmtpServer start(int smtpPort, int imapPort) {
        return start(new ServerSetup(smtpPort, HOST, ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imapPort, HOST, ServerSetup.PROTOCOL_IMAP));
    }

    private static SmtpServer start(ServerSetup... setups) {
        SmtpServer server = new SmtpServer(setups);
        server.startGreenMail();
        return server;
    }

    /**
     * SMTP only, behind a front that can refuse recipients permanently ({@link #refusePermanently}): GreenMail
     * answers every RCPT with 250 and has no hook for another reply, so the front answers a refused recipient's
     * RCPT itself and passes everything else through, byte for byte. {@link #port()} is the front's.
     */
    public static SmtpServer startWithRefusals() {
        SmtpServer server = start();
        server.front = new RefusingFront(server);
        return server;
    }

    public String host() {
        return HOST;
    }

    public synchronized int port() {
        return front != null ? front.port() : setups[0].getPort();
    }

    private synchronized int backendPort() {
        return setups[0].getPort();
    }

    /** Every message received since start, once each however many recipients it had, oldest first. */
    public List<MimeMessage> messages() {
        return deliveries.stream().map(Delivery::message).distinct().toList();
    }

    /** Messages whose SMTP envelope named {@code address} (so Bcc counts), oldest first. */
    public List<MimeMessage> messagesTo(String address) {
        return deliveries.stream()
                .filter(delivery -> delivery.recipient().equalsIgnoreCase(address))
                .map(Delivery::message)
                .toList();
    }

    /**
     * The message exactly as the client handed it over in DATA (after the transport's dot-stuffing is undone). Every
     * MTA prepends trace fields to what it receives and changes nothing else (RFC 5321 §4.4); GreenMail prepends one
     * {@code Return-Path} and one {@code Received} field, which are cut off here, each with any folded lines. GreenMail
     * also stores the last line without its CRLF, taking it for part of the end-of-data mark; RFC 5321 §4.1.1.4 says
     * that CRLF ends the last line of the message, so it is put back.
     *
     * @throws IllegalStateException when the message does not start with those two fields: then it is not what a
     *     client sent with only GreenMail's trace fields added, and no comparison with it would be faithful
     */
    public static byte[] asSent(MimeMessage received) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            received.writeTo(out);
        } catch (IOException | jakarta.mail.MessagingException e) {
            throw new IllegalStateException("A received message is held in memory and writes", e);
        }
        byte[] raw = out.toByteArray();
        int start = 0;
        for (String trace : List.of("Return-Path:", "Received:")) {
            if (!new String(raw, start, Math.min(trace.length(), raw.length - start), StandardCharsets.US_ASCII)
                    .equals(trace)) {
                throw new IllegalStateException("Expected GreenMail's trace field " + trace + " at byte " + start);
            }
            start = afterField(raw, start);
        }
        byte[] sent = java.util.Arrays.copyOfRange(raw, start, raw.length + 2);
        sent[sent.length - 2] = '\r';
        sent[sent.length - 1] = '\n';
        return sent;
    }

    /** Where the header field starting at {@code start} ends: after the CRLF not followed by folding white space. */
    private static int afterField(byte[] raw, int start) {
        for (int i = start; i + 1 < raw.length; i++) {
            boolean folded = i + 2 < raw.length && (raw[i + 2] == ' ' || raw[i + 2] == '\t');
            if (raw[i] == '\r' && raw[i + 1] == '\n' && !folded) {
                return i + 2;
            }
        }
        throw new IllegalStateException("A header field without its line end at byte " + start);
    }

    /**
     * While {@code true}, every message is refused after its data with GreenMail's
     * {@code 451 Requested action aborted: local error in processing}, as a relay that is overloaded or
     * greylisting answers: a transient refusal a client must retry later. Nothing is delivered meanwhile.
     */
    public void refuseTransiently(boolean refuse) {
        refusing.set(refuse);
        log.info("SMTP server on {}:{} {}", HOST, port(), refuse ? "refuses mail with 451" : "accepts mail again");
    }

    /**
     * From now on RCPT TO this address is answered with {@code reply} (e.g. {@code "550 5.1.1 <x@y>: no such user"},
     * {@code "554 5.7.1 Message rejected as spam"}): a permanent refusal with the code a test needs. Only on a server
     * from {@link #startWithRefusals()}.
     */
    public void refusePermanently(String address, String reply) {
        if (front == null) {
            throw new IllegalStateException("Permanent refusals need SmtpServer.startWithRefusals()");
        }
        permanentRefusals.put(address.toLowerCase(Locale.ROOT), reply);
    }

    /** How many RCPTs were refused permanently since start. */
    public int permanentRefusals() {
        return permanentlyRefused.get();
    }

    /**
     * While {@code true}, every recipient at {@code domain} is refused at RCPT with
     * {@code 421 4.7.0 Try again later, too many messages}, as a mailbox provider rate-limiting a sender answers; mail to
     * every other domain is accepted as usual.
     */
    public void throttle(String domain, boolean refuse) {
        String name = domain.toLowerCase(Locale.ROOT);
        if (refuse) {
            throttled.add(name);
        } else {
            throttled.remove(name);
        }
        log.info("SMTP server on {}:{} {} mail to {}", HOST, port(), refuse ? "throttles (421 4.7.0)" : "accepts", name);
    }

    /** How many recipients were refused with 421 4.7.0 since start. */
    public int throttledRecipients() {
        return throttlings.get();
    }

    /** How many messages were refused with 451 since start. */
    public int transientRefusals() {
        return refusals.get();
    }

    /** Closes the port and any open connections, as an outage would; received mail stays readable here. */
    public synchronized void stop() {
        if (greenMail != null) {
            greenMail.stop();
            greenMail = null;
            log.info("SMTP server on {}:{} stopped", HOST, port());
        }
    }

    /** Starts again on the same port(s), after {@link #stop()} or while running. */
    public synchronized void restart() {
        stop();
        startGreenMail();
    }

    @Override
    public void close() {
        if (front != null) {
            front.close();
        }
        stop();
    }

    /** The front of {@link #startWithRefusals()}: one thread per connection, relaying to GreenMail. */
    private static final class RefusingFront implements AutoCloseable {

        private final SmtpServer server;
        private final ServerSocket socket;

        RefusingFront(SmtpServer server) {
            this.server = server;
            try {
                socket = new ServerSocket(0, 50, InetAddress.getByName(HOST));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot open the refusing front", e);
            }
            Thread acceptor = new Thread(this::accept, "smtp-front-" + socket.getLocalPort());
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    Thread connection = new Thread(() -> relay(client), "smtp-front-connection");
                    connection.setDaemon(true);
                    connection.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void relay(Socket client) {
            try (client; Socket backend = new Socket(HOST, server.backendPort())) {
                OutputStream toClient = client.getOutputStream();
                OutputStream toBackend = backend.getOutputStream();
                Thread replies = new Thread(() -> copy(backend, toClient), "smtp-front-replies");
                replies.setDaemon(true);
                replies.start();
                InputStream fromClient = client.getInputStream();
                boolean inData = false;
                byte[] line;
                while ((line = readLine(fromClient)) != null) {
                    String text = new String(line, StandardCharsets.ISO_8859_1).strip();
                    String refusal = inData ? null : refusalFor(text);
                    if (refusal != null) {
                        server.permanentlyRefused.incrementAndGet();
                        synchronized (toClient) {
                            toClient.write((refusal + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                            toClient.flush();
                        }
                        continue;
                    }
                    toBackend.write(line);
                    toBackend.flush();
                    if (!inData && text.equalsIgnoreCase("DATA")) {
                        inData = true;
                    } else if (inData && text.equals(".")) {
                        inData = false;
                    }
                }
            } catch (IOException e) {
                log.debug("SMTP front connection ended: {}", e.getMessage());
            }
        }

        private String refusalFor(String command) {
            if (!command.regionMatches(true, 0, "RCPT TO:", 0, 8)) {
                return null;
            }
            int open = command.indexOf('<');
            int close = command.indexOf('>', open + 1);
            String address = open >= 0 && close > open ? command.substring(open + 1, close)
                    : command.substring(8).strip();
            return server.permanentRefusals.get(address.toLowerCase(Locale.ROOT));
        }

        private static void copy(Socket backend, OutputStream toClient) {
            try {
                InputStream in = backend.getInputStream();
                byte[] buffer = new byte[8192];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    synchronized (toClient) {
                        toClient.write(buffer, 0, n);
                        toClient.flush();
                    }
                }
            } catch (IOException ended) {
                // The connection closed: nothing more to relay.
            }
        }

        /** One line with its line ending, or null at the end of the stream. */
        private static byte[] readLine(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                line.write(b);
                if (b == '\n') {
                    return line.toByteArray();
                }
            }
            return line.size() == 0 ? null : line.toByteArray();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Closing a listening socket that is going away anyway.
            }
        }
    }

    private synchronized void startGreenMail() {
        long started = System.nanoTime();
        GreenMail mail = new GreenMail(setups) {
            // GreenMail asks its SmtpManager about each RCPT; a non-null answer is the reply. The only hook for 421.
            @Override
            protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
                return super.createServices(config, throttling(managers));
            }
        };
        mail.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        recordDeliveries(mail.getUserManager());
        mail.start();
        // Ports chosen at the first start are kept, so a restart comes back where clients expect it.
        setups = Stream.<AbstractServer>of(mail.getSmtp(), mail.getImap())
                .filter(Objects::nonNull)
                .map(AbstractServer::getServerSetup)
                .toArray(ServerSetup[]::new);
        greenMail = mail;
        log.info("SMTP server on {}:{}{} started in {} ms", HOST, port(),
                setups.length > 1 ? ", IMAP on " + HOST + ":" + setups[1].getPort() : "",
                (System.nanoTime() - started) / 1_000_000);
    }

    /** GreenMail's own managers, with an SmtpManager that refuses recipients of throttled domains. */
    private Managers throttling(Managers managers) {
        SmtpManager smtp = new SmtpManager(managers.getImapHostManager(), managers.getUserManager()) {
            @Override
            public String checkRecipient(SmtpState state, MailAddress recipient) {
                if (throttled.contains(recipient.getHost().toLowerCase(Locale.ROOT))) {
                    throttlings.incrementAndGet();
                    return "421 4.7.0 Try again later, too many messages (SmtpServer.throttle)";
                }
                return super.checkRecipient(state, recipient);
            }
        };
        return new Managers() {
            @Override
            public SmtpManager getSmtpManager() {
                return smtp;
            }

            @Override
            public UserManager getUserManager() {
                return managers.getUserManager();
            }

            @Override
            public ImapHostManager getImapHostManager() {
                return managers.getImapHostManager();
            }
        };
    }

    /** Keeps GreenMail's own delivery (which creates unknown recipients) and notes each copy delivered. */
    private void recordDeliveries(UserManager users) {
        MessageDeliveryHandler deliverToInbox = users.getMessageDeliveryHandler();
        users.setMessageDeliveryHandler((message, recipient) -> {
            if (refusing.get()) {
                refusals.incrementAndGet();
                // GreenMail answers a failed delivery with 451: the transient refusal wanted here.
                throw new IllegalStateException("refusing mail with 451 (SmtpServer.refuseTransiently)");
            }
            var user = deliverToInbox.handle(message, recipient);
            deliveries.add(new Delivery(recipient.getEmail(), message.getMessage()));
            return user;
        });
    }
}
