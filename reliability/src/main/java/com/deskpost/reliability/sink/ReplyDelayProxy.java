package com.deskpost.reliability.sink;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP relay in front of the SMTP sink that can hold back, for chosen messages, the server's reply to
 * the end of their data (the {@code 250} after {@code CRLF.CRLF}) for longer than the client's
 * time-out: the server has accepted the message, the client never hears so. Everything else passes
 * through untouched. Written by hand: the fault must be placed at one exact point of the SMTP dialogue.
 */
public final class ReplyDelayProxy implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReplyDelayProxy.class);

    private final ServerSocket listener;
    private final int upstreamPort;
    private final AtomicInteger toDelay = new AtomicInteger();
    private final AtomicLong connections = new AtomicLong();
    private final List<String> delayed = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile Duration delay = Duration.ZERO;
    private volatile boolean closed;

    private ReplyDelayProxy(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "reply-delay-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static ReplyDelayProxy inFrontOf(int upstreamPort) {
        try {
            return new ReplyDelayProxy(upstreamPort);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the SMTP proxy", e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Holds back the end-of-data reply of the next {@code messages} messages by {@code by}. */
    public void delayNextReplies(int messages, Duration by) {
        delay = by;
        toDelay.set(messages);
    }

    /** Message-IDs whose end-of-data reply was held back, in order. */
    public List<String> delayedMessageIds() {
        return List.copyOf(delayed);
    }

    public long connections() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                open.add(client);
                open.add(server);
                connections.incrementAndGet();
                Connection connection = new Connection(client, server);
                start("proxy-c2s", connection::clientToServer);
                start("proxy-s2c", connection::serverToClient);
            } catch (IOException e) {
                if (!closed) {
                    log.warn("SMTP proxy could not relay a connection", e);
                }
            }
        }
    }

    private static void start(String name, Runnable pump) {
        Thread thread = new Thread(pump, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** One relayed SMTP session: the client's bytes are watched for the end of each message's data. */
    private final class Connection {
        private final Socket client;
        private final Socket server;
        private final SmtpClientStream dialogue = new SmtpClientStream();
        private volatile long holdNextReplyNanos;

        Connection(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void clientToServer() {
            byte[] buffer = new byte[16_384];
            try (InputStream in = client.getInputStream(); OutputStream out = server.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    for (String messageId : dialogue.feed(buffer, 0, read)) {
                        // Armed before the bytes go on, so the server's reply cannot overtake the decision.
                        if (toDelay.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                            holdNextReplyNanos = delay.toNanos();
                            delayed.add(String.valueOf(messageId));
                            log.info("Holding back the reply to the end of {} for {}", messageId, delay);
                        }
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // The client or the server hung up: the session is over either way.
            } finally {
                closeBoth();
            }
        }

        void serverToClient() {
            byte[] buffer = new byte[16_384];
            try (InputStream in = server.getInputStream(); OutputStream out = client.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    long hold = holdNextReplyNanos;
                    if (hold > 0) {
                        holdNextReplyNanos = 0;
                        LockSupport.parkNanos(hold);
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // As above.
            } finally {
                closeBoth();
            }
        }

        private void closeBoth() {
            quietly(client);
            quietly(server);
            open.remove(client);
            open.remove(server);
        }
    }

    private static void quietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing a relay socket that is already gone.
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            log.warn("Could not close the SMTP proxy's listener", e);
        }
        new ArrayList<>(open).forEach(ReplyDelayProxy::quietly);
    }
}
