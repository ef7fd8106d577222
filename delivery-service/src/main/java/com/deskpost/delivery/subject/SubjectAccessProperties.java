package com.deskpost.delivery.subject;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where a subject access export fetches the parts other services hold, and with which credentials.
 *
 * @param oversight oversight-service: its base URL and the subject-access account delivery signs in with there
 *     (one of its {@code deskpost.oversight.subject-access-clients}; oversight stores only the password's hash)
 * @param audit audit-service: its base URL and an API key of its {@code deskpost.api.clients} with scope read
 * @param timeout how long each call may take, connecting included; default 10s
 */
@ConfigurationProperties("deskpost.subject-access")
public record SubjectAccessProperties(Oversight oversight, Audit audit, Duration timeout) {

    public SubjectAccessProperties {
        oversight = oversight == null ? new Oversight(null, null, null) : oversight;
        audit = audit == null ? new Audit(null, null) : audit;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
    }

    /** @param url default http://localhost:8084; {@code user} default delivery-service */
    public record Oversight(URI url, String user, String password) {

        public Oversight {
            url = url == null ? URI.create("http://localhost:8084") : url;
            user = user == null ? "delivery-service" : user;
        }

        /** Keeps the password out of logs and start-up failure reports. */
        @Override
        public String toString() {
            return "Oversight[url=" + url + ", user=" + user + ", password=(hidden)]";
        }
    }

    /** @param url default http://localhost:8091 */
    public record Audit(URI url, String apiKey) {

        public Audit {
            url = url == null ? URI.create("http://localhost:8091") : url;
        }

        /** Keeps the key out of logs and start-up failure reports. */
        @Override
        public String toString() {
            return "Audit[url=" + url + ", apiKey=(hidden)]";
        }
    }
}
