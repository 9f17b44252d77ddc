package uk.nhs.pdsa.runtime.health;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A gauge whose value is one number a query reads from the service's database, read at most every 5 s however
 * often Prometheus scrapes, and NaN (no sample) when the database cannot answer.
 */
public final class SqlGauges {
    private static final Logger LOG = Logger.getLogger(SqlGauges.class);
    private static final long FRESH_NANOS = 5_000_000_000L;

    private SqlGauges() {
    }

    /** Registers {@code name}, the first column of the first row of {@code sql} (a number; null reads as 0). */
    public static void register(MeterRegistry registry, DataSource dataSource, String name, String description,
            String sql) {
        AtomicReference<Reading> last = new AtomicReference<>();
        Gauge.builder(name, () -> {
            Reading reading = last.get();
            if (reading == null || System.nanoTime() - reading.at() >= FRESH_NANOS) {
                reading = new Reading(read(dataSource, sql, name), System.nanoTime());
                last.set(reading);
            }
            return reading.value();
        }).description(description).register(registry);
    }

    /** A value and when it was read ({@link System#nanoTime()}). */
    private record Reading(double value, long at) {
    }

    private static double read(DataSource dataSource, String sql, String name) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet row = statement.executeQuery()) {
            return row.next() ? row.getDouble(1) : 0;
        } catch (SQLException e) {
            LOG.debugf("gauge %s not read: %s", name, e.getSQLState());
            return Double.NaN;
        }
    }
}
