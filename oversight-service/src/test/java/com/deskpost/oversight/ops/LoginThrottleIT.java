package com.deskpost.oversight.ops;

import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.events.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Repeated failed sign-ins are throttled per account and per client address, on the API's HTTP Basic
 * door and on the ops page's sign-in form, against the running service. Each test signs in from
 * loopback addresses of its own (127.0.0.0/8 is all local), so their counts do not meet.
 */
class LoginThrottleIT {

    private static final String PASSWORD = "the right password";
    private static final String API_VICTIM = "M-THROTTLED-API";
    private static final String API_OTHER = "M-OTHER-API";
    private static final String FORM_VICTIM = "M-THROTTLED-FORM";

    private static RunningOversight oversight;

    @BeforeAll
    static void start() {
        Location location = Location.newBuilder(aLocation("LDN-THR").build())
                .setApprovers(List.of(API_VICTIM, API_OTHER, FORM_VICTIM)).build();
        oversight = RunningOversight.start(List.of(location),
                Map.of(API_VICTIM, PASSWORD, API_OTHER, PASSWORD, FORM_VICTIM, PASSWORD));
    }

    @AfterAll
    static void stop() {
        oversight.close();
    }

    @Test
    void afterFiveFailuresTheApiRefusesTheAccountAndTheAddressEvenWithTheRightPassword() throws IOException {
        // Given five failed Basic sign-ins as one account from 127.0.0.11
        for (int n = 0; n < 5; n++) {
            assertThat(pending("127.0.0.11", API_VICTIM, "guess " + n).status()).as("failure " + (n + 1)).isEqualTo(401);
        }

        // When it then signs in with the right password
        Answer throttled = pending("127.0.0.11", API_VICTIM, PASSWORD);

        // Then it is refused with a JSON 429 saying when to try again
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(Long.parseLong(throttled.header("retry-after"))).isBetween(1L, 15L * 60);
        assertThat(throttled.body()).contains("\"error\":\"too_many_failed_sign_ins\"", "\"retryAfterSeconds\":");

        // And the account is refused from another address, the address for another account
        assertThat(pending("127.0.0.12", API_VICTIM, PASSWORD).status()).isEqualTo(429);
        assertThat(pending("127.0.0.11", API_OTHER, PASSWORD).status()).isEqualTo(429);

        // But another account from another address signs in
        assertThat(pending("127.0.0.12", API_OTHER, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void afterFiveFailuresTheSignInFormSaysSignInIsPaused() {
        // Given five failed sign-ins on the ops page's form (this test's only address is 127.0.0.1)
        StaffSession browser = StaffSession.anonymous(oversight::url);
        for (int n = 0; n < 5; n++) {
            String csrf = StaffSession.hidden(browser.get("/ops/login").body(), "_csrf");
            String page = browser.submit("/ops/login", Map.of("username", FORM_VICTIM, "password", "guess " + n,
                    "_csrf", csrf));
            assertThat(StaffSession.flash(page)).as("failure " + (n + 1)).contains("do not match a staff account");
        }

        // When the right password is given
        String csrf = StaffSession.hidden(browser.get("/ops/login").body(), "_csrf");
        String page = browser.submit("/ops/login", Map.of("username", FORM_VICTIM, "password", PASSWORD, "_csrf", csrf));

        // Then the sign-in page says sign-in is paused, and the queue stays closed
        assertThat(StaffSession.flash(page)).contains("Too many failed sign-ins");
        assertThat(browser.get("/ops").statusCode()).isEqualTo(302);
    }

    /** GET /api/v1/pending with HTTP Basic, from a local address of the test's choosing. */
    private static Answer pending(String fromAddress, String user, String password) throws IOException {
        URI url = URI.create(oversight.url("/api/v1/pending"));
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(fromAddress), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", url.getPort()), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + url.getRawPath() + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic " + basic
                    + "\r\nAccept: application/json\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return Answer.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** An HTTP/1.1 answer read off the socket: its status, headers (lower-case names) and body as sent. */
    private record Answer(int status, Map<String, String> headers, String body) {

        static Answer parse(String raw) {
            int end = raw.indexOf("\r\n\r\n");
            String[] lines = raw.substring(0, end).split("\r\n");
            Map<String, String> headers = new java.util.HashMap<>();
            for (int n = 1; n < lines.length; n++) {
                int colon = lines[n].indexOf(':');
                headers.put(lines[n].substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT),
                        lines[n].substring(colon + 1).strip());
            }
            return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, raw.substring(end + 4));
        }

        String header(String name) {
            return headers.get(name);
        }
    }
}
