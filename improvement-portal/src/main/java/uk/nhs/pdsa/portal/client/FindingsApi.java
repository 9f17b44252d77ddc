package uk.nhs.pdsa.portal.client;

import io.quarkus.rest.client.reactive.ClientQueryParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;

/** findings-service, as the signed-in person: series, charts and findings of what they may read. */
@RegisterRestClient(configKey = "findings")
@Path("/api/v1")
public interface FindingsApi {
    /** A team's rebase of its own microsystem chart (a change was adopted). */
    @jakarta.ws.rs.POST
    @Path("/rebases")
    @jakarta.ws.rs.Consumes("application/json")
    JsonNode rebase(@HeaderParam("Authorization") String bearer, JsonNode body);

    /** Undo a rebase (findings keeps it, with who undid it). */
    @jakarta.ws.rs.DELETE
    @Path("/rebases/{id}")
    void undoRebase(@HeaderParam("Authorization") String bearer, @PathParam("id") String id);

    /** A chart's rebases, undone ones too. */
    @GET
    @Path("/rebases")
    JsonNode rebases(@HeaderParam("Authorization") String bearer, @QueryParam("audit") String audit,
            @QueryParam("metric") String metric, @QueryParam("microsystem") String microsystem);

    /** A page of the organisation's series (up to 500: the page has {@code items} and {@code total}). */
    @GET
    @Path("/series")
    @ClientQueryParam(name = "size", value = "500")
    JsonNode series(@HeaderParam("Authorization") String bearer, @QueryParam("organisation") String organisation);

    @GET
    @Path("/spc")
    JsonNode chart(@HeaderParam("Authorization") String bearer, @QueryParam("audit") String audit,
            @QueryParam("metric") String metric, @QueryParam("organisation") String organisation,
            @QueryParam("microsystem") String microsystem);

    @GET
    @Path("/spc")
    @Produces("image/svg+xml")
    String picture(@HeaderParam("Authorization") String bearer, @QueryParam("audit") String audit,
            @QueryParam("metric") String metric, @QueryParam("organisation") String organisation,
            @QueryParam("microsystem") String microsystem, @QueryParam("note") java.util.List<String> notes);

    /** Findings most recently changed first; status open (the default), resolved or all. */
    @GET
    @Path("/findings")
    JsonNode findings(@HeaderParam("Authorization") String bearer, @QueryParam("organisation") String organisation,
            @QueryParam("status") String status, @QueryParam("orientation") String orientation,
            @QueryParam("size") int size);

    @GET
    @Path("/funnel")
    JsonNode funnel(@HeaderParam("Authorization") String bearer, @QueryParam("audit") String audit,
            @QueryParam("metric") String metric, @QueryParam("period") String period);

    @GET
    @Path("/funnel")
    @Produces("image/svg+xml")
    String funnelPicture(@HeaderParam("Authorization") String bearer, @QueryParam("audit") String audit,
            @QueryParam("metric") String metric, @QueryParam("period") String period);

    /** Outlier cases the person may read: a trust's own, or (national oversight) every trust's. */
    @GET
    @Path("/outlier-cases")
    JsonNode outlierCases(@HeaderParam("Authorization") String bearer, @QueryParam("organisation") String organisation);

    @GET
    @Path("/outlier-cases/{id}")
    JsonNode outlierCase(@HeaderParam("Authorization") String bearer, @PathParam("id") String id);

    /** A step of an outlier case: {@code {"action": ..., "version": ...}}. */
    @jakarta.ws.rs.POST
    @Path("/outlier-cases/{id}/steps")
    @jakarta.ws.rs.Consumes("application/json")
    JsonNode outlierStep(@HeaderParam("Authorization") String bearer, @PathParam("id") String id, JsonNode body);

    @GET
    @Path("/findings/{id}")
    JsonNode finding(@HeaderParam("Authorization") String bearer, @PathParam("id") String id);
}
