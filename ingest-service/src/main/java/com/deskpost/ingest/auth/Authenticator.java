package com.deskpost.ingest.auth;

import com.deskpost.ingest.auth.IngestClients.Client;
import com.deskpost.platform.topic.Topic;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Who is calling: a client presenting its bearer key ({@code Authorization: Bearer <key>}), or
 * signing the raw body ({@code X-Deskpost-Client: <id>} and {@code X-Deskpost-Signature:
 * t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">}). A signature is valid for the
 * configured tolerance around the server's clock (default 5 minutes), which bounds replays. Keys
 * and MACs are compared in constant time. Failures say what to fix, never which part was right.
 */
public final class Authenticator {

    private static final String BEARER = "Bearer ";

    private final IngestClients clients;
    private final Clock clock;

    public Authenticator(IngestClients clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    /** The authenticated client, or {@link AuthenticationFailed}. */
    public Client authenticate(Credentials credentials, byte[] body) {
        if (credentials.none()) {
            throw new AuthenticationFailed("No credentials: send Authorization: Bearer <key>, or sign the body with "
                    + Credentials.CLIENT_HEADER + ": <client id> and " + Credentials.SIGNATURE_HEADER
                    + ": t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\">");
        }
        if (credentials.signature() != null || credentials.clientId() != null) {
            return bySignature(credentials, body);
        }
        return byKey(credentials.authorization());
    }

    /** @throws TopicForbidden unless the client may publish to the topic */
    public static void authorize(Client client, Topic<?> topic) {
        if (client.topics().isEmpty()) {
            throw new TopicForbidden("Client " + client.id() + " has no topic granted, so it may publish nothing; "
                    + "to publish to " + topic.name() + " the operator adds it to the client's "
                    + "deskpost.ingest.clients[n].topics");
        }
        if (!client.mayPublish(topic)) {
            throw new TopicForbidden("Client " + client.id() + " may publish to " + client.topics() + ", not "
                    + topic.name() + "; the operator grants topics in deskpost.ingest.clients[n].topics");
        }
    }

    private Client byKey(String authorization) {
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new AuthenticationFailed("Unsupported Authorization scheme: send Authorization: Bearer <key>");
        }
        String presented = authorization.substring(BEARER.length()).trim();
        Client match = null;
        for (Client client : clients.clients()) {
            // Every key is compared, so the time taken does not depend on which client matched.
            if (client.key() != null && !client.key().isBlank() && Hmacs.sameSecret(client.key(), presented)) {
                match = client;
            }
        }
        if (match == null) {
            throw new AuthenticationFailed("The bearer key was not recognised; ask the operator for the key of your "
                    + "client (deskpost.ingest.clients[n].key)");
        }
        return match;
    }

    private Client bySignature(Credentials credentials, byte[] body) {
        if (credentials.clientId() == null || credentials.signature() == null) {
            throw new AuthenticationFailed("A signed request needs both " + Credentials.CLIENT_HEADER + " and "
                    + Credentials.SIGNATURE_HEADER);
        }
        SignatureHeader header = SignatureHeader.parse(credentials.signature())
                .orElseThrow(() -> new AuthenticationFailed(Credentials.SIGNATURE_HEADER
                        + " must read t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\">"));
        requireFresh(header.timestamp(), clients.signatureTolerance(), clock);
        Optional<Client> client = clients.clients().stream()
                .filter(c -> c.id().equals(credentials.clientId()) && c.hmacSecret() != null && !c.hmacSecret().isBlank())
                .findFirst();
        byte[] expected = Hmacs.hmacSha256(client.map(Client::hmacSecret).orElse("no client has this secret"),
                Hmacs.utf8(header.timestamp() + "."), body);
        if (client.isEmpty() || !Hmacs.matchesHex(expected, header.mac())) {
            throw new AuthenticationFailed("The signature does not match: sign exactly the raw body as sent, as hex "
                    + "HMAC-SHA256 of \"<t>.<body>\" under your client's hmac-secret");
        }
        return client.get();
    }

    /** @throws AuthenticationFailed if the signing time is further than the tolerance from now */
    public static void requireFresh(long epochSeconds, Duration tolerance, Clock clock) {
        long skew = Math.abs(Duration.between(Instant.ofEpochSecond(epochSeconds), clock.instant()).toSeconds());
        if (skew > tolerance.toSeconds()) {
            throw new AuthenticationFailed("The signature's timestamp t=" + epochSeconds + " is " + skew
                    + " s from the server's clock; at most " + tolerance.toSeconds()
                    + " s are allowed: sign again with the current time");
        }
    }
}
