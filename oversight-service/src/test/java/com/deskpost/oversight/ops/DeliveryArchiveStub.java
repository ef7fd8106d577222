package com.deskpost.oversight.ops;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP server answering as delivery's archive API answers (its JSON shapes and errors), for the ops page's tests:
 * oversight may not depend on delivery's module, and delivery's own tests run the real API. It records each request
 * (method, path and query, Authorization), so a test can show the page asked delivery and with which key.
 *
 * <p>Ada has two messages: one about {@link #LONDON} (text with markup in it) and one about {@link #BERLIN}; a third
 * hash answers 410 as erased content does.
 */
final class DeliveryArchiveStub implements AutoCloseable {

    static final String LONDON = "a1".repeat(32);
    static final String BERLIN = "b2".repeat(32);
    static final String ERASED = "e3".repeat(32);

    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private DeliveryArchiveStub(HttpServer server) {
        this.server = server;
    }

    static DeliveryArchiveStub start(String londonLocation, String berlinLocation) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            DeliveryArchiveStub stub = new DeliveryArchiveStub(server);
            server.createContext("/api/v1/archive", exchange -> {
                String path = exchange.getRequestURI().getRawPath();
                String query = exchange.getRequestURI().getRawQuery();
                stub.requests.add("GET " + path + (query == null ? "" : "?" + query) + " "
                        + exchange.getRequestHeaders().getFirst("Authorization"));
                int status = 200;
                String body;
                if (path.equals("/api/v1/archive")) {
                    body = "{\"items\":[" + entry(LONDON, londonLocation, "Your desk is booked") + ","
                            + entry(BERLIN, berlinLocation, "Dein Schreibtisch") + "]}";
                } else if (path.equals("/api/v1/archive/" + LONDON + "/text")) {
                    body = "{\"entry\":" + entry(LONDON, londonLocation, "Your desk is booked")
                            + ",\"text\":\"Desk 12 is yours <b>on Monday</b>.\"}";
                } else if (path.equals("/api/v1/archive/" + BERLIN + "/text")) {
                    body = "{\"entry\":" + entry(BERLIN, berlinLocation, "Dein Schreibtisch")
                            + ",\"text\":\"Berlin only.\"}";
                } else {
                    status = 410;
                    body = "{\"error\":\"gone\",\"message\":\"The content of message " + ERASED + " was erased with"
                            + " its recipient's address (GDPR art. 17); its hash remains.\"}";
                }
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the archive stub", e);
        }
    }

    private static String entry(String sha256, String location, String subject) {
        return "{\"sha256\":\"" + sha256 + "\",\"draftId\":\"d-" + sha256.substring(0, 4) + "\",\"recipient\":"
                + "\"ada@example.com\",\"kind\":\"SENT\",\"category\":\"TRANSACTIONAL\",\"messageId\":\"<m@x>\","
                + "\"locationId\":\"" + location + "\",\"subject\":\"" + subject + "\",\"sentAt\":"
                + "\"2026-12-01T09:00:00Z\",\"sizeBytes\":1234,\"retainedUntil\":\"2032-12-01T09:00:00Z\","
                + "\"contentHeld\":true}";
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
