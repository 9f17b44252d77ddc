package uk.nhs.pdsa.portal.client;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

/** action-plan-service, as the signed-in person: the improvement needs of their organisation and their cycles. */
@RegisterRestClient(configKey = "action-plan")
@Path("/api/v1")
public interface ActionPlanApi {
    /** One page of needs, newest first, each with its cycles (null filters are left out). */
    @GET
    @Path("/improvement-needs")
    JsonNode needs(@HeaderParam("Authorization") String bearer, @QueryParam("organisation") String organisation,
            @QueryParam("microsystem") String microsystem, @QueryParam("status") String status,
            @QueryParam("size") int size);

    @GET
    @Path("/improvement-needs/{id}/history")
    JsonNode needHistory(@HeaderParam("Authorization") String bearer, @PathParam("id") String id);

    @GET
    @Path("/organisations/{organisation}/microsystems/{microsystem}/board")
    JsonNode board(@HeaderParam("Authorization") String bearer, @PathParam("organisation") String organisation,
            @PathParam("microsystem") String microsystem);
}
