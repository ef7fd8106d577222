package com.deskpost.community.inbound;

import com.deskpost.community.feedback.BounceReports;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The SMTP door for inbound mail: the MX of the locations' reply, unsubscribe and sales addresses
 * points here. A mail is acknowledged (250) only once it is on mail.inbound; a mail that cannot be
 * read is refused for good (554, the sender's server bounces it with the reason), and one that cannot
 * be published now is refused for later (451, the sender's server retries), so none is lost. Bounce and
 * complaint reports (mail to the bounce domain, any multipart/report) go to {@link BounceReports} instead.
 */
@Component
public class SmtpListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SmtpListener.class);

    private final InboundProperties.Smtp settings;
    private final InboundIntake intake;
    private final BounceReports reports;
    private final Clock clock = Clock.systemUTC();
    private volatile SMTPServer server;

    SmtpListener(InboundProperties properties, InboundIntake intake, BounceReports reports) {
        this.settings = properties.smtp();
        this.intake = intake;
        this.reports = reports;
    }

    @Override
    public synchronized void start() {
        if (!settings.enabled() || server != null) {
            return;
        }
        SMTPServer started = SMTPServer.port(settings.port())
                .bindAddress(address(settings.bindAddress()))
                .hostName("deskpost-inbound")
                .softwareName("Deskpost inbound")
                .maxMessageSize(settings.maxMessageBytes())
                .messageHandler((context, from, to, data) -> receive(from, to, data))
                .build();
        started.start();
        server = started;
        log.info("Inbound SMTP listener on {}:{}", settings.bindAddress(), port());
    }

    private void receive(String from, String to, byte[] data) throws RejectException {
        // Every recipient is accepted (no recipient filter), the bounce domain's included: this listener is its MX.
        if (reports.isReport(reports.bounceAddress(to, null), data)) {
            report(reports.bounceAddress(to, null), data);
            return;
        }
        ReceivedMail mail;
        try {
            mail = MimeMail.parse(data, from, to, clock.instant());
        } catch (Exception unreadable) {
            log.warn("Inbound SMTP mail from {} refused: cannot be read as a mail: {}", from,
                    unreadable.getMessage(), unreadable);
            throw new RejectException(554, "Message not readable as RFC 5322 mail: " + unreadable.getMessage());
        }
        String bounceAddress = reports.bounceAddress(to, mail.mail().getTo());
        if (bounceAddress != null) {
            report(bounceAddress, data);
            return;
        }
        try {
            intake.receive(mail);
        } catch (RuntimeException unavailable) {
            log.error("Inbound SMTP mail {} could not be published; the sender will retry",
                    mail.mail().getMessageId(), unavailable);
            throw new RejectException(451, "Temporary failure, please retry later");
        }
    }

    /** A report is read, published or kept; only a broker that cannot take it now makes the sender retry. */
    private void report(String bounceAddress, byte[] data) throws RejectException {
        try {
            reports.receive(data, bounceAddress, clock.instant());
        } catch (RuntimeException unavailable) {
            log.error("Inbound report to {} could not be recorded; the sender will retry", bounceAddress, unavailable);
            throw new RejectException(451, "Temporary failure, please retry later");
        }
    }

    /** The port it listens on (the one chosen when configured as 0); -1 when not running. */
    public int port() {
        SMTPServer running = server;
        return running == null ? -1 : running.getPortAllocated();
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    private static InetAddress address(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("deskpost.community.inbound.smtp.bind-address " + host
                    + " is not an address of this machine", e);
        }
    }
}
