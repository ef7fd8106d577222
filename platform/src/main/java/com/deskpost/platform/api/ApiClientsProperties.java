package com.deskpost.platform.api;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The clients allowed to call the HTTP API, each with its own key, so a leaked key can be revoked
 * without touching the others and every consent change names the client that made it, and its own
 * scopes ({@link ApiScope}), so each key can do only what its client needs. A client listed without
 * scopes may call nothing (every /api request is refused 403 naming the scope), and is warned about
 * at start-up: a grant is always explicit.
 *
 * @param clients who may call /api/**; none configured means nobody can
 */
@ConfigurationProperties("deskpost.api")
public record ApiClientsProperties(List<Client> clients) {

    /** Short keys can be guessed; 16 characters is the floor, a random 32+ is what to use. */
    static final int MIN_KEY_LENGTH = 16;

    public ApiClientsProperties {
        clients = clients == null ? List.of() : List.copyOf(clients);
        Set<String> ids = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (int n = 0; n < clients.size(); n++) {
            Client client = clients.get(n);
            if (client.id() == null || client.id().isBlank()) {
                throw new IllegalArgumentException("deskpost.api.clients[" + n + "].id must be set");
            }
            if (client.key() == null || client.key().length() < MIN_KEY_LENGTH) {
                throw new IllegalArgumentException("deskpost.api.clients[" + n + "].key (client " + client.id()
                        + ") must be at least " + MIN_KEY_LENGTH + " characters; generate one, e.g. openssl rand -hex 32");
            }
            if (!ids.add(client.id())) {
                throw new IllegalArgumentException("deskpost.api.clients: id " + client.id() + " is listed twice");
            }
            if (!keys.add(client.key())) {
                throw new IllegalArgumentException("deskpost.api.clients: two clients share a key; give each its own");
            }
        }
    }

    /**
     * One API client.
     *
     * @param id names the client in logs and in the source of consent changes it makes
     * @param key the secret it sends as {@code Authorization: Bearer <key>}
     * @param scopes what it may do: {@code read}, {@code contacts}, {@code erasure}; none listed: nothing
     */
    public record Client(String id, String key, List<ApiScope> scopes) {

        public Client {
            scopes = scopes == null ? List.of() : List.copyOf(scopes);
        }

        /** Keeps the key out of logs and start-up failure reports. */
        @Override
        public String toString() {
            return "Client[id=" + id + ", key=(hidden), scopes=" + scopes + "]";
        }
    }
}
