package uk.nhs.pdsa.portal.client;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;

/** notification-service, as the signed-in person: published findings (patient groups) and contacts (admins). */
@RegisterRestClient(configKey = "notification")
@Path("/api/v1")
public interface NotificationApi {
    @GET
    @Path("/publications")
    JsonNode publications(@HeaderParam("Authorization") String bearer);

    @GET
    @Path("/contacts")
    JsonNode contacts(@HeaderParam("Authorization") String bearer);
}
