package uk.nhs.pdsa.portal.client;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

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
    @Path("/improvement-needs/{id}")
    JsonNode need(@HeaderParam("Authorization") String bearer, @PathParam("id") String id);

    /** Answers a need by a decision; {@code ifMatch} the need's version as read ({@code "3"}). */
    @POST
    @Path("/improvement-needs/{id}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    JsonNode decide(@HeaderParam("Authorization") String bearer, @HeaderParam("If-Match") String ifMatch,
            @PathParam("id") String id, JsonNode body);

    /** Plans a cycle: the need's first ({@code needId}) or the next on a ramp ({@code follows}). */
    @POST
    @Path("/pdsa-cycles")
    @Consumes(MediaType.APPLICATION_JSON)
    JsonNode plan(@HeaderParam("Authorization") String bearer, JsonNode body);

    @GET
    @Path("/pdsa-cycles/{id}")
    JsonNode cycle(@HeaderParam("Authorization") String bearer, @PathParam("id") String id);

    /** Records a stage: {@code do}, {@code study} or {@code act}. */
    @POST
    @Path("/pdsa-cycles/{id}/{stage}")
    @Consumes(MediaType.APPLICATION_JSON)
    JsonNode record(@HeaderParam("Authorization") String bearer, @HeaderParam("If-Match") String ifMatch,
            @PathParam("id") String id, @PathParam("stage") String stage, JsonNode body);

    /** Replaces a part of the cycle: {@code owner} (a handover) or {@code team}. */
    @PUT
    @Path("/pdsa-cycles/{id}/{part}")
    @Consumes(MediaType.APPLICATION_JSON)
    JsonNode replace(@HeaderParam("Authorization") String bearer, @HeaderParam("If-Match") String ifMatch,
            @PathParam("id") String id, @PathParam("part") String part, JsonNode body);

    @GET
    @Path("/pdsa-cycles/{id}/ramp")
    JsonNode ramp(@HeaderParam("Authorization") String bearer, @PathParam("id") String id);

    @GET
    @Path("/pdsa-cycles/{id}/history")
    JsonNode cycleHistory(@HeaderParam("Authorization") String bearer, @PathParam("id") String id);

    /** Per organisation: needs by status, overdue, escalated, time to answer, cycles' decisions (national oversight). */
    @GET
    @Path("/oversight/needs")
    JsonNode oversight(@HeaderParam("Authorization") String bearer);

    @GET
    @Path("/organisations/{organisation}/microsystems/{microsystem}/board")
    JsonNode board(@HeaderParam("Authorization") String bearer, @PathParam("organisation") String organisation,
            @PathParam("microsystem") String microsystem);
}
