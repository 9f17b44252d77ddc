package uk.nhs.pdsa.portal.client;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import io.quarkus.rest.client.reactive.ClientQueryParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;

/** notification-service, as the signed-in person: published findings (patient groups) and contacts (admins). */
@RegisterRestClient(configKey = "notification")
@Path("/api/v1")
public interface NotificationApi {
    /** A page of the published findings (the 500 newest: the page has {@code items} and {@code total}). */
    @GET
    @Path("/publications")
    @ClientQueryParam(name = "size", value = "500")
    JsonNode publications(@HeaderParam("Authorization") String bearer);

    /** A page of the contacts (up to 500: the page has {@code items} and {@code total}). */
    @GET
    @Path("/contacts")
    @ClientQueryParam(name = "size", value = "500")
    JsonNode contacts(@HeaderParam("Authorization") String bearer);

    @GET
    @Path("/contacts/{id}")
    JsonNode contact(@HeaderParam("Authorization") String bearer, @PathParam("id") String id);

    @POST
    @Path("/contacts")
    @Consumes(MediaType.APPLICATION_JSON)
    JsonNode addContact(@HeaderParam("Authorization") String bearer, JsonNode body);

    @PUT
    @Path("/contacts/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    JsonNode replaceContact(@HeaderParam("Authorization") String bearer, @PathParam("id") String id, JsonNode body);

    @DELETE
    @Path("/contacts/{id}")
    void removeContact(@HeaderParam("Authorization") String bearer, @PathParam("id") String id);

    @POST
    @Path("/contacts/{id}/test-message")
    JsonNode testMessage(@HeaderParam("Authorization") String bearer, @PathParam("id") String id);

    /** A template rendered for a sample event, as text. */
    @GET
    @Path("/templates/{audience}/{name}/preview")
    @Produces(MediaType.TEXT_PLAIN)
    String preview(@HeaderParam("Authorization") String bearer, @PathParam("audience") String audience,
            @PathParam("name") String name, @QueryParam("format") String format);

    /** The messages recorded for one contact, newest first. */
    @GET
    @Path("/notifications")
    JsonNode notifications(@HeaderParam("Authorization") String bearer, @QueryParam("contact") String contact,
            @QueryParam("size") int size);
}
