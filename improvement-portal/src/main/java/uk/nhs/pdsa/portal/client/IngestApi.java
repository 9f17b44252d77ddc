package uk.nhs.pdsa.portal.client;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** audit-ingest-service's catalogue: the titles people read instead of codes. */
@RegisterRestClient(configKey = "ingest")
@Path("/api/v1")
public interface IngestApi {
    @GET
    @Path("/audits")
    JsonNode audits(@HeaderParam("Authorization") String bearer);

    @GET
    @Path("/organisations/{code}")
    JsonNode organisation(@HeaderParam("Authorization") String bearer, @PathParam("code") String code);
}
