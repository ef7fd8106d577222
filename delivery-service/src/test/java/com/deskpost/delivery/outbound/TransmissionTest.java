package com.deskpost.delivery.outbound;

import static com.deskpost.testfixtures.DraftBuilder.aDraft;
import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.deskpost.delivery.ledger.DeliveryLedger.Kind;
import com.deskpost.delivery.sending.DeliveryProperties;
import com.deskpost.delivery.sending.MessageFactory;
import com.deskpost.delivery.sending.SmtpFailure;
import com.deskpost.delivery.sending.SmtpSender;
import com.deskpost.delivery.preferences.PreferenceLinks;
import com.deskpost.delivery.preferences.PreferenceTokens;
import com.deskpost.delivery.unsubscribe.UnsubscribeTokens;
import com.deskpost.events.EmailDraft;
import com.deskpost.platform.audit.Secrets;
import com.deskpost.platform.credential.CredentialKeys;
import com.deskpost.platform.credential.CredentialOpener;
import com.deskpost.platform.credential.CredentialPlaceholders;
import com.deskpost.platform.credential.CredentialSealer;
import com.deskpost.platform.observability.MailMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * A relay that quotes the message back in its refusal must not carry the opened credential any further:
 * the failure that reaches audit, retry headers and logs has every opened value masked and no cause
 * chain holding the relay's own words.
 */
class TransmissionTest {

    private static final CredentialKeys.PrivateKey KEY = CredentialKeys.generate("test-key");

    private final EchoingRelay relay = EchoingRelay.start();

    @AfterEach
    void stop() throws Exception {
        relay.close();
    }

    @Test
    void aRefusalThatQuotesTheMessageReachesUsWithTheCodeMasked() {
        // Given a door-code mail with its code sealed, and a relay that refuses it quoting the subject
        String code = "4821-77";
        EmailDraft draft = aDraft().subject("Your new door code: " + CredentialPlaceholders.of(1))
                .body("Your code is " + CredentialPlaceholders.of(1) + ".", "<p>" + CredentialPlaceholders.of(1) + "</p>")
                .secrets(new CredentialSealer(List.of(KEY.publicKey())).seal(code, "LDN-1", null)).build();

        // When it is sent
        SmtpFailure failure = catchThrowableOfType(SmtpFailure.class,
                () -> transmission().send(draft, aLocation().build(), Kind.PRIMARY, "ada@example.com"));

        // Then the relay did see the code (the refusal quotes it), but the failure we carry on with does not
        assertThat(relay.lastReply()).contains(code);
        assertThat(failure).isInstanceOf(SmtpFailure.Permanent.class).hasNoCause();
        assertThat(failure.replyCode()).isEqualTo(554);
        assertThat(failure.getMessage()).contains("Your new door code: " + Secrets.MASK).doesNotContain(code);
    }

    private Transmission transmission() {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(relay.port());
        DeliveryProperties properties = new DeliveryProperties(100, Duration.ofSeconds(20), "http://localhost:8085",
                "test-secret", true);
        return new Transmission(new MessageFactory(new UnsubscribeTokens("test-secret"),
                new PreferenceLinks(new PreferenceTokens("test-secret"), Duration.ofDays(180)), "http://localhost:8085"),
                // No rate limit: masking is under test here, not the shared limit (SharedRelayRateIT).
                sender, new SmtpSender(sender, properties, new MailMetrics(new SimpleMeterRegistry()), () -> { }),
                new CredentialOpener(List.of(KEY)),
                new com.deskpost.delivery.feedback.ReturnPaths("bounce.example.com", "test-return-path-secret"));
    }

    /** Just enough SMTP to take one message and refuse it, quoting its Subject line: as some content filters do. */
    private static final class EchoingRelay implements AutoCloseable {

        private final ServerSocket socket;
        private final Thread thread;
        private volatile String lastReply = "";

        private EchoingRelay(ServerSocket socket) {
            this.socket = socket;
            this.thread = new Thread(this::serve, "echoing-relay");
            thread.setDaemon(true);
            thread.start();
        }

        static EchoingRelay start() {
            try {
                return new EchoingRelay(new ServerSocket(0, 5, InetAddress.getLoopbackAddress()));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }

        int port() {
            return socket.getLocalPort();
        }

        String lastReply() {
            return lastReply;
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket client = socket.accept()) {
                    converse(client);
                } catch (java.io.IOException closed) {
                    return;
                }
            }
        }

        private void converse(Socket client) throws java.io.IOException {
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), US_ASCII));
            OutputStream out = client.getOutputStream();
            reply(out, "220 relay.example ESMTP");
            String line;
            String subject = "";
            boolean data = false;
            while ((line = in.readLine()) != null) {
                if (data) {
                    if (line.startsWith("Subject:")) {
                        subject = line;
                    } else if (line.equals(".")) {
                        data = false;
                        lastReply = "554 5.7.1 Content rejected: " + subject;
                        reply(out, lastReply);
                    }
                } else if (line.toUpperCase().startsWith("DATA")) {
                    data = true;
                    reply(out, "354 End data with <CR><LF>.<CR><LF>");
                } else if (line.toUpperCase().startsWith("QUIT")) {
                    reply(out, "221 Bye");
                    return;
                } else {
                    reply(out, "250 OK");
                }
            }
        }

        private static void reply(OutputStream out, String text) throws java.io.IOException {
            out.write((text + "\r\n").getBytes(US_ASCII));
            out.flush();
        }

        @Override
        public void close() throws Exception {
            socket.close();
            thread.join(5000);
        }
    }
}
