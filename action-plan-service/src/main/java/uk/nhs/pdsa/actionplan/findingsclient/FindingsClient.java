package uk.nhs.pdsa.actionplan.findingsclient;

import java.util.List;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * findings-service's chart of a stored series ({@code GET /api/v1/spc}). Timeouts and address:
 * {@code quarkus.rest-client.findings.*}. Unknown fields are ignored, so findings can add to its answer.
 */
@RegisterRestClient(configKey = "findings")
@RegisterClientHeaders // passes the caller's Authorization on: findings checks the caller may read the series
@Path("/api/v1")
public interface FindingsClient {

    @GET
    @Path("/spc")
    @Produces(MediaType.APPLICATION_JSON)
    Chart spc(@QueryParam("audit") String audit, @QueryParam("metric") String metric,
            @QueryParam("organisation") String organisation, @QueryParam("microsystem") String microsystem);

    /** The part of findings' SpcChart this service reads. */
    record Chart(String chart, String direction, String variation, boolean provisional, List<Point> points) {
    }

    record Point(String label, double value, List<String> signals, String pointType) {
    }
}
