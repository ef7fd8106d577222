package com.deskpost.testsupport;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.Queue;
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
    private final Set<String> throttled = ConcurrentHashMap.newKeySet();
    private final AtomicInteger throttlings = new AtomicInteger();
    private ServerSetup[] setups;
    private GreenMail greenMail;

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

    public String host() {
        return HOST;
    }

    public synchronized int port() {
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
     * While {@code true}, every message is refused after its data with GreenMail's
     * {@code 451 Requested action aborted: local error in processing}, as a relay that is overloaded or
     * greylisting answers: a transient refusal a client must retry later. Nothing is delivered meanwhile.
     */
    public void refuseTransiently(boolean refuse) {
        refusing.set(refuse);
        log.info("SMTP server on {}:{} {}", HOST, port(), refuse ? "refuses mail with 451" : "accepts mail again");
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
        stop();
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
