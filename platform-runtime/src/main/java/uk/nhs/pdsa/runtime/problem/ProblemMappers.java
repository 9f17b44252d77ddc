package uk.nhs.pdsa.runtime.problem;

import java.util.List;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import uk.nhs.pdsa.runtime.json.JsonProblems;

/**
 * Turns every error into RFC 9457 problem+json. Bodies never carry stack traces or SQL: unexpected
 * failures are logged with an id and answered with that id only.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder response = Response.status(e.status()).type(Problem.MEDIA_TYPE)
                .entity(e.toProblem(path(uri)));
        e.headers().forEach(response::header);
        return response.build();
    }

    /** No token, an expired or tampered one, or one from another issuer or for another audience. */
    @ServerExceptionMapper({ io.quarkus.security.AuthenticationFailedException.class,
            io.quarkus.security.UnauthorizedException.class })
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        LOG.debugf("Refused without a valid token: %s", e.getMessage());
        return Response.status(401).type(Problem.MEDIA_TYPE).header("WWW-Authenticate", "Bearer")
                .entity(new Problem(Problem.TYPE_BASE + "unauthenticated", "Authentication required", 401,
                        "Send a valid bearer token (signed by the configured issuer, for this audience, not expired).",
                        path(uri), List.of()))
                .build();
    }

    /** A valid token whose roles do not include one this operation needs. */
    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e, UriInfo uri) {
        if (e instanceof uk.nhs.pdsa.runtime.security.UnknownOrganisation unknown) {
            return respond(new Problem(Problem.TYPE_BASE + "unknown-organisation", "Unknown organisation", 403,
                    "The token acts for organisation " + unknown.organisation() + ", which the catalogue does not hold;"
                            + " the platform's administrator registers organisations.", path(uri), List.of()));
        }
        return respond(new Problem(Problem.TYPE_BASE + "forbidden", "Forbidden", 403,
                "The token's roles do not allow this operation.", path(uri), List.of()));
    }

    /** A body JSON reading refused (uk.nhs.pdsa.runtime.json.StrictJson): what and where, in the caller's words. */
    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        return respond(JsonProblems.of(e, path(uri)));
    }

    /** Named as well, so that this mapper, not Quarkus REST's bodiless built-in one, answers a type mismatch. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        // Quarkus REST reports an unreadable body as a bare 400 whose cause is the parser's exception.
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException parse) {
                return unreadableJson(parse, uri);
            }
        }
        // JAX-RS answers a path or query parameter it cannot convert with 404; the client sent a bad request.
        if (e instanceof jakarta.ws.rs.NotFoundException && e.getCause() != null) {
            return respond(new Problem(Problem.TYPE_BASE + "malformed-parameter", "Malformed parameter", 400,
                    "a path or query parameter has the wrong form (an id that is not a UUID, a number that is not one)",
                    path(uri), List.of()));
        }
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "HTTP " + status : known.getReasonPhrase();
        // The framework's own wording ("HTTP 405 Method Not Allowed", a parser's message) stays out of the answer.
        String detail = title;
        return respond(new Problem(Problem.TYPE_BASE + slug(title), title, status, detail, path(uri), List.of()));
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Exception e, UriInfo uri) {
        String state = sqlState(e);
        if (state != null && CONCURRENT_CHANGE.contains(state)) {
            // Two requests created the same thing at once, or serialised badly: nothing was changed by this one.
            LOG.infof("Concurrent change answered with 409 (SQLSTATE %s): %s", state, e.getMessage());
            return respond(new Problem(Problem.TYPE_BASE + "concurrent-change", "Concurrent change", 409,
                    "Another request changed the same data at the same moment; nothing was changed by this one. Retry it.",
                    path(uri), List.of()));
        }
        if (databaseUnavailable(e)) {
            // The database is down or restarting: nothing was changed; the same request will do once it is back.
            LOG.warnf("Database unavailable, answered 503: %s", e.getMessage());
            return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", "5")
                    .entity(new Problem(Problem.TYPE_BASE + "service-unavailable", "Service unavailable", 503,
                            "The service cannot reach its database just now; nothing was changed. Retry in a few seconds"
                                    + " (with the same Idempotency-Key where there is one).", path(uri), List.of()))
                    .build();
        }
        String incident = java.util.UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error, incident %s", incident);
        return respond(new Problem(Problem.TYPE_BASE + "internal-error", "Internal error", 500,
                "The request could not be completed; quote incident " + incident + " when reporting it.", path(uri),
                List.of()));
    }

    /**
     * True when {@code e} comes from a database that cannot be reached: a connection failure (SQLSTATE class 08),
     * an administrator or crash shutdown (57P01-57P03), too many connections (53300), or no pooled connection
     * within the acquisition timeout.
     */
    static boolean databaseUnavailable(Throwable e) {
        return databaseUnavailable(e, 0);
    }

    /** Follows causes and suppressed exceptions: a failed commit carries the connection's error as suppressed. */
    private static boolean databaseUnavailable(Throwable t, int depth) {
        if (t == null || depth > 12) {
            return false;
        }
        if (t instanceof java.sql.SQLTransientConnectionException || t instanceof java.sql.SQLNonTransientConnectionException
                || t.getClass().getSimpleName().equals("JDBCConnectionException")) {
            return true;
        }
        if (t instanceof java.sql.SQLException sql) {
            String state = sql.getSQLState();
            if (state != null && (state.startsWith("08") || state.startsWith("57P") || state.equals("53300"))) {
                return true;
            }
            if (state == null && sql.getMessage() != null && sql.getMessage().contains("acquisition timeout")) {
                return true;
            }
        }
        for (Throwable suppressed : t.getSuppressed()) {
            if (databaseUnavailable(suppressed, depth + 1)) {
                return true;
            }
        }
        return databaseUnavailable(t.getCause(), depth + 1);
    }

    /** unique_violation, serialization_failure, deadlock_detected. */
    private static final java.util.Set<String> CONCURRENT_CHANGE = java.util.Set.of("23505", "40001", "40P01");

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String slug(String title) {
        return title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }
}
