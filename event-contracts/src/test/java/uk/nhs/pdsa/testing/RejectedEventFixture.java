package uk.nhs.pdsa.testing;

import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * A refused event recorded for an authorisation matrix to read and replay: of a consumer that never ran, so its
 * replay is answered (409: nothing to hand it to) without reading the broker.
 */
public final class RejectedEventFixture {
    private RejectedEventFixture() {
    }

    public static String insert(DataSource database) {
        try (var connection = database.getConnection(); var statement = connection.prepareStatement(
                "insert into rejected_event (consumer, event_id, topic, kafka_partition, kafka_offset, reason, payload)"
                        + " values ('matrix.fixture', 'matrix', 'pdsa.matrix', 0, 0, 'a fixture', '{}') returning id")) {
            try (var result = statement.executeQuery()) {
                result.next();
                return Long.toString(result.getLong(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the fixture's rejected event", e);
        }
    }

    /** The rules every service's matrix holds for its rejected events (admins only). */
    public static AuthorisationMatrix rules(AuthorisationMatrix matrix, DataSource database) {
        String id = insert(database);
        return matrix.rule("GET /api/v1/rejected-events", AuthorisationMatrix.rule(AuthorisationMatrix.Scope.GLOBAL, "admin"))
                .rule("GET /api/v1/rejected-events/{id}", AuthorisationMatrix.rule(AuthorisationMatrix.Scope.GLOBAL, "admin")
                        .path("id", id))
                .rule("POST /api/v1/rejected-events/{id}/replay", AuthorisationMatrix.rule(AuthorisationMatrix.Scope.GLOBAL,
                        "admin").path("id", id));
    }
}
