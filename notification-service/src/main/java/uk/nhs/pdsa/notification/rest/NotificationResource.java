package uk.nhs.pdsa.notification.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import uk.nhs.pdsa.notification.Notification;
import uk.nhs.pdsa.runtime.problem.ProblemException;
import uk.nhs.pdsa.runtime.rest.QueryFilter;

@Path("/api/v1/notifications")
@Tag(name = "Delivery log")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

    public record NotificationView(UUID id, String eventType, String organisation, String audience,
            String recipientRole, String channel, String subject, String body, String status, Instant createdAt) {

        static NotificationView of(Notification n) {
            return new NotificationView(n.id, n.eventType, n.organisation, n.audience, n.recipientRole, n.channel,
                    n.subject, n.body, n.status, n.createdAt);
        }
    }

    @GET
    @Operation(summary = "Messages in the delivery log, newest first, by organisation, audience or status")
    public List<NotificationView> list(@QueryParam("organisation") String organisation,
            @QueryParam("audience") String audience, @QueryParam("status") String status) {
        QueryFilter filter = new QueryFilter().equal("organisation", organisation).equal("audience", audience)
                .equal("status", status);
        return Notification.<Notification>find(filter.orderedBy("createdAt desc"), filter.parameters()).page(0, 500)
                .list().stream().map(NotificationView::of).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One message")
    public NotificationView get(@PathParam("id") UUID id) {
        return Notification.<Notification>findByIdOptional(id).map(NotificationView::of)
                .orElseThrow(() -> ProblemException.notFound("No notification " + id));
    }
}
