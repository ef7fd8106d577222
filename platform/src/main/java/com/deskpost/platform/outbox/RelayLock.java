package com.deskpost.platform.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may relay a service's outbox: the holder of a PostgreSQL session advisory lock, named after the
 * relay's transactional id, on a connection of its own that stays open for as long as the lock is held.
 * PostgreSQL frees the lock when that session ends, so a holder that dies (its socket closes) or goes
 * silent for longer than {@code holderTimeout} (the server's {@code idle_session_timeout} ends the
 * session) is replaced at a standby's next try. A holder whose connection fails has lost the lock.
 *
 * <p>The connection comes from a source that does not pool it: a pool would count a connection held for
 * ever as a leak and could not retire it at its maximum lifetime. The election's thread takes and checks it;
 * the relay's thread may give it up (when fenced), so the session is touched under the monitor.
 */
final class RelayLock {

    private static final Logger log = LoggerFactory.getLogger(RelayLock.class);

    // The two-key form of advisory locks: its key space never meets the outbox's one-key order lock.
    static final int RELAY_LOCKS = 0x6f757472;

    private final DataSource connections;
    private final String name;
    private final Duration holderTimeout;
    private Connection session;
    private volatile boolean held;
    private volatile long term;

    /**
     * @param connections a source of connections of their own (not a pool's)
     * @param name the lock's name: one per service
     * @param holderTimeout how long the server keeps the lock of a holder it no longer hears from
     */
    RelayLock(DataSource connections, String name, Duration holderTimeout) {
        this.connections = connections;
        this.name = name;
        this.holderTimeout = holderTimeout;
    }

    /** True once taken and until it is found lost or released; may be stale by up to one check. */
    boolean held() {
        return held;
    }

    /** Counts the times this lock was taken, so a relay can tell a producer of an earlier term from a current one. */
    long term() {
        return term;
    }

    /** @return true if this instance holds the lock now (took it, or already had it) */
    synchronized boolean tryAcquire() throws SQLException {
        if (held) {
            return true;
        }
        if (session == null) {
            session = connections.getConnection();
            session.setAutoCommit(true);
            keepAliveAtMost(session);
        }
        try (PreparedStatement take = session.prepareStatement("select pg_try_advisory_lock(?, hashtext(?))")) {
            take.setInt(1, RELAY_LOCKS);
            take.setString(2, name);
            try (ResultSet result = take.executeQuery()) {
                result.next();
                if (result.getBoolean(1)) {
                    term++;
                    held = true;
                }
            }
        } catch (SQLException e) {
            release();
            throw e;
        }
        return held;
    }

    /**
     * Asks the server whether the lock's session is still there (a round trip bounded by {@code timeout});
     * a session that is gone took the lock with it. @return whether the lock is still held
     */
    synchronized boolean verify(Duration timeout) {
        if (!held) {
            return false;
        }
        boolean alive;
        try {
            alive = session.isValid((int) Math.max(1, timeout.toSeconds()));
        } catch (SQLException e) {
            alive = false;
        }
        if (!alive) {
            release();
        }
        return alive;
    }

    /** Gives the lock up: closing its session frees it at once. */
    synchronized void release() {
        held = false;
        Connection closing = session;
        session = null;
        if (closing != null) {
            try {
                closing.close();
            } catch (SQLException e) {
                log.debug("Closing the relay lock's connection failed; the server frees the lock with the session", e);
            }
        }
    }

    /** The server ends the session (freeing the lock) of a holder silent for longer than the timeout. */
    private void keepAliveAtMost(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("set idle_session_timeout = " + Math.max(1000, holderTimeout.toMillis()));
        } catch (SQLException e) {
            // Before PostgreSQL 14: a holder whose host vanishes keeps the lock until TCP keepalive ends its session.
            log.warn("PostgreSQL does not know idle_session_timeout; a vanished relay holder is replaced only once its "
                    + "connection times out (tcp_keepalives_*)", e);
        }
    }
}
