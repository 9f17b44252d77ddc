package uk.nhs.pdsa.runtime.http;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import uk.nhs.pdsa.runtime.problem.Problem;

/**
 * Refuses a request whose declared body ({@code Content-Length}) is above {@code pdsa.http.max-body-size}
 * with 413 problem+json before anything reads it. A body sent without a length (chunked) is still capped by
 * the HTTP layer's own {@code quarkus.http.limits.max-body-size}, which answers 413 without a body.
 */
@ApplicationScoped
public class BodySizeLimit {

    void install(@Observes Router router, @ConfigProperty(name = "pdsa.http.max-body-size") MemorySize limit) {
        long max = limit.asLongValue();
        router.route().order(-1000).handler(context -> {
            String length = context.request().getHeader("Content-Length");
            if (length != null && declared(length) > max) {
                JsonObject problem = new JsonObject().put("type", Problem.TYPE_BASE + "payload-too-large")
                        .put("title", "Request body too large").put("status", 413)
                        .put("detail", "the body (" + length.trim() + " bytes) is larger than this service accepts (" + max
                                + " bytes)")
                        .put("instance", context.request().path());
                context.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("Connection", "close").end(problem.encode());
                return;
            }
            context.next();
        });
    }

    private static long declared(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1; // the HTTP layer answers a malformed length itself
        }
    }
}
