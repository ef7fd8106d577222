package com.deskpost.ingest.auth;

import com.deskpost.platform.topic.EventKeys;
import com.deskpost.platform.topic.Topic;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The systems allowed to publish through ingest, each with a bearer key, an HMAC secret, or both,
 * and the facility topics it may publish to. Grants are explicit: a client with no topic list may
 * publish nothing, and no wildcard exists, so the directory topics ({@code facility.members},
 * {@code facility.locations}), which decide who receives mail, are only ever written by a client
 * the operator named them for. Checked at start-up, so a typo in a topic or a missing secret stops
 * the service instead of refusing requests later.
 *
 * @param clients            the known clients
 * @param signatureTolerance how far a signature's timestamp may be from the server's clock
 */
@ConfigurationProperties("deskpost.ingest")
public record IngestClients(List<Client> clients, Duration signatureTolerance) {

    /** Shortest key or secret accepted: 16 characters leave no room for guessing. */
    static final int MIN_SECRET_LENGTH = 16;

    public IngestClients {
        clients = clients == null ? List.of() : List.copyOf(clients);
        signatureTolerance = signatureTolerance == null ? Duration.ofMinutes(5) : signatureTolerance;
        Set<String> ids = new HashSet<>();
        for (Client client : clients) {
            if (client.id() == null || client.id().isBlank() || !ids.add(client.id())) {
                throw new IllegalArgumentException("deskpost.ingest.clients: every client needs a unique id, got "
                        + client.id());
            }
            if (blank(client.key()) && blank(client.hmacSecret())) {
                throw new IllegalArgumentException("deskpost.ingest.clients: client " + client.id()
                        + " needs a key or an hmac-secret");
            }
            for (String secret : new String[] {client.key(), client.hmacSecret()}) {
                if (!blank(secret) && secret.length() < MIN_SECRET_LENGTH) {
                    throw new IllegalArgumentException("deskpost.ingest.clients: the key and hmac-secret of client "
                            + client.id() + " must be at least " + MIN_SECRET_LENGTH + " characters");
                }
            }
            client.topics().forEach(EventKeys::facilityTopic);
        }
    }

    /**
     * One publishing system.
     *
     * @param id         names the client in logs and in the {@code X-Deskpost-Client} header
     * @param key        bearer key ({@code Authorization: Bearer <key>}), or blank for none
     * @param hmacSecret secret of the HMAC-SHA256 body signature, or blank for none
     * @param topics     facility topics it may publish to; empty means none
     */
    public record Client(String id, String key, String hmacSecret, List<String> topics) {

        public Client {
            topics = topics == null ? List.of() : List.copyOf(topics);
        }

        public boolean mayPublish(Topic<?> topic) {
            return topics.contains(topic.name());
        }

        @Override
        public String toString() {
            // Never the key or secret: clients are logged.
            return "Client[" + id + ", topics=" + (topics.isEmpty() ? "none" : topics) + "]";
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
