package com.deskpost.testsupport.registry;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-memory schema registry speaking the Confluent REST subset Deskpost's serde and the
 * usual Kafka tools use, over real HTTP on 127.0.0.1. Each instance starts empty with global
 * compatibility BACKWARD, as Confluent does.
 *
 * <p>Built on the JDK's HttpServer because no schema registry server jar on Maven Central can
 * be embedded cheaply.
 */
public final class SchemaRegistryServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SchemaRegistryServer.class);
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private final RegistryRoutes routes = new RegistryRoutes();
    /** Replaced by {@link #startAgain()} after {@link #stop()}; the schemas ({@link #routes}) outlive both. */
    private volatile HttpServer server;
    private volatile ExecutorService executor;
    private final int port;
    /** The {@code Authorization} header every request must carry, or null when the registry is open. */
    private final String requiredAuthorization;
    private final String userInfo;

    private SchemaRegistryServer(HttpServer server, ExecutorService executor, String userInfo) {
        this.server = server;
        this.executor = executor;
        this.port = server.getAddress().getPort();
        this.userInfo = userInfo;
        this.requiredAuthorization = userInfo == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    /** Starts a registry on a free port of 127.0.0.1. */
    public static SchemaRegistryServer start() {
        return start(0);
    }

    /** Starts a registry on the given port of 127.0.0.1 (0 picks a free one). */
    public static SchemaRegistryServer start(int port) {
        return start(port, null);
    }

    /**
     * Starts a registry on a free port that, like compose's Confluent registry, answers only requests with
     * HTTP basic auth as {@code userInfo} ({@code user:password}); any other gets 401 with JSON.
     */
    public static SchemaRegistryServer startWithBasicAuth(String userInfo) {
        if (userInfo == null || userInfo.indexOf(':') < 1) {
            throw new IllegalArgumentException("userInfo must be user:password");
        }
        return start(0, userInfo);
    }

    private static SchemaRegistryServer start(int port, String userInfo) {
        ExecutorService executor = Executors.newCachedThreadPool(daemonThreads());
        HttpServer http = bind(port, executor);
        SchemaRegistryServer registry = new SchemaRegistryServer(http, executor, userInfo);
        registry.serve(http);
        return registry;
    }

    private static HttpServer bind(int port, ExecutorService executor) {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        try {
            HttpServer http = HttpServer.create(address, 0);
            http.setExecutor(executor);
            return http;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the schema registry on " + address.getHostString()
                    + ":" + port + " (" + e.getMessage() + "); is another registry already listening there?", e);
        }
    }

    private void serve(HttpServer http) {
        http.createContext("/", this::handle);
        http.start();
        log.info("Schema registry listening at {}", url());
    }

    /**
     * Stops answering until {@link #startAgain()}: connections are refused, as when a registry is down (outage
     * tests). The schemas it holds are kept.
     */
    public synchronized void stop() {
        server.stop(0);
        executor.shutdownNow();
        log.info("Schema registry at {} stopped (outage)", url());
    }

    /** Answers again on the same port with the same schemas after {@link #stop()}. */
    public synchronized void startAgain() {
        executor = Executors.newCachedThreadPool(daemonThreads());
        server = bind(port, executor);
        serve(server);
    }

    /** Base URL to use as {@code schema.registry.url}, e.g. {@code http://127.0.0.1:8081}. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return port;
    }

    /** The {@code user:password} this registry requires, or null when it requires none. */
    public String userInfo() {
        return userInfo;
    }

    @Override
    public synchronized void close() {
        server.stop(0);
        executor.shutdownNow();
        log.info("Schema registry at {} stopped", url());
    }

    private void handle(HttpExchange exchange) {
        try {
            RegistryRoutes.Reply reply = authorised(exchange) ? route(exchange) : unauthorised(exchange);
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.sendResponseHeaders(reply.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException e) {
            log.warn("Schema registry could not answer {} {}: the client went away", exchange.getRequestMethod(),
                    exchange.getRequestURI(), e);
        } finally {
            exchange.close();
        }
    }

    private boolean authorised(HttpExchange exchange) {
        return requiredAuthorization == null
                || requiredAuthorization.equals(exchange.getRequestHeaders().getFirst("Authorization"));
    }

    /** Confluent's answer to a missing or wrong login (error_code 40101), saying what to do about it. */
    private static RegistryRoutes.Reply unauthorised(HttpExchange exchange) {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"SchemaRegistry\"");
        return new RegistryRoutes.Reply(401, "{\"error_code\":40101,\"message\":\"Unauthorized: send HTTP basic auth"
                + " with the registry's user and password (deskpost.kafka.schema-registry-user-info)\"}");
    }

    private RegistryRoutes.Reply route(HttpExchange exchange) {
        try {
            return routes.dispatch(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    query(exchange.getRequestURI().getRawQuery()), exchange.getRequestBody().readAllBytes());
        } catch (IOException | RuntimeException e) {
            log.error("Schema registry failed on {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            return new RegistryRoutes.Reply(500, "{\"error_code\":50001,\"message\":\"Error in the backend data store: "
                    + e.getClass().getSimpleName() + "\"}");
        }
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> params = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "schema-registry-" + count.incrementAndGet());
            // A test that forgets close() must not keep the JVM alive.
            thread.setDaemon(true);
            return thread;
        };
    }
}
