package uk.nhs.pdsa.runtime.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Wakes the relay when any replica commits outbox rows: {@link Outbox} sends a PostgreSQL {@code NOTIFY} in the
 * writing transaction, and this listener holds one connection in {@code LISTEN}. Without it, rows written by
 * another replica would wait for the relay's next poll (the replica holding the relay lock is not the one
 * that was woken in-process). A lost connection is re-opened; meanwhile the poll still runs.
 */
@ApplicationScoped
public class OutboxListener {
    static final String CHANNEL = "pdsa_outbox";
    private static final Logger LOG = Logger.getLogger(OutboxListener.class);
    private static final int WAIT_MILLIS = 500;

    private final DataSource dataSource;
    private final OutboxRelay relay;
    private final AtomicBoolean running = new AtomicBoolean();
    private Thread thread;

    public OutboxListener(DataSource dataSource, OutboxRelay relay) {
        this.dataSource = dataSource;
        this.relay = relay;
    }

    void start(@Observes StartupEvent event) {
        running.set(true);
        thread = new Thread(this::listen, "outbox-listener");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running.set(false);
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void listen() {
        while (running.get()) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                connection.setAutoCommit(true);
                statement.execute("LISTEN " + CHANNEL);
                PGConnection postgres = connection.unwrap(PGConnection.class);
                while (running.get()) {
                    PGNotification[] notifications = postgres.getNotifications(WAIT_MILLIS);
                    if (notifications != null && notifications.length > 0) {
                        relay.wake();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running.get()) {
                    LOG.warnf("Outbox listener lost its connection (%s); listening again in 1 s, the relay still polls",
                            e.getMessage());
                    sleep();
                }
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
