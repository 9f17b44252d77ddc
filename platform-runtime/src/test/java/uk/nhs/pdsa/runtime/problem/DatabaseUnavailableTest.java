package uk.nhs.pdsa.runtime.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

/** A database that cannot be reached is 503 (retry), never a 500. */
class DatabaseUnavailableTest {
    @Test
    void shouldTellAnUnreachableDatabaseFromOtherFailures() {
        assertThat(ProblemMappers.databaseUnavailable(new RuntimeException(new SQLException("refused", "08001")))).isTrue();
        assertThat(ProblemMappers.databaseUnavailable(new SQLException("terminating connection", "57P01"))).isTrue();
        assertThat(ProblemMappers.databaseUnavailable(new SQLException("too many clients", "53300"))).isTrue();
        assertThat(ProblemMappers.databaseUnavailable(new SQLException("Sorry, acquisition timeout!"))).isTrue();
        assertThat(ProblemMappers.databaseUnavailable(new java.sql.SQLTransientConnectionException("gone"))).isTrue();
        // A commit that failed because the server went away: the connection's error is a suppressed one.
        Exception rollback = new IllegalStateException("Could not commit transaction.");
        Exception xa = new Exception("Error trying to transactionCommit local transaction");
        xa.initCause(new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
        rollback.addSuppressed(xa);
        assertThat(ProblemMappers.databaseUnavailable(new RuntimeException("Error invoking subclass method", rollback)))
                .isTrue();
        assertThat(ProblemMappers.databaseUnavailable(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(ProblemMappers.databaseUnavailable(new IllegalStateException("a bug"))).isFalse();
    }
}
