package uk.nhs.pdsa.notification.rest;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.annotation.security.RolesAllowed;
import uk.nhs.pdsa.runtime.rest.CsvWriter;
import uk.nhs.pdsa.runtime.security.Caller;
import uk.nhs.pdsa.runtime.security.Roles;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import uk.nhs.pdsa.notification.Notification;
import uk.nhs.pdsa.notification.routing.Router;
import uk.nhs.pdsa.notification.repository.NotificationRepository;
import uk.nhs.pdsa.notification.service.DeliveryWorker;
import uk.nhs.pdsa.runtime.problem.Problem;
import uk.nhs.pdsa.runtime.problem.Problem.FieldError;
import uk.nhs.pdsa.runtime.problem.ProblemException;
import uk.nhs.pdsa.runtime.rest.PageView;

@Path("/api/v1/notifications")
@Tag(name = "Notifications", description = "Every message to a contact on a channel, with GOV.UK Notify's statuses")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {
    private static final Set<String> STATUSES = Set.of(Notification.CREATED, Notification.SENDING, Notification.DELIVERED,
            Notification.TEMPORARY_FAILURE, Notification.PERMANENT_FAILURE, Notification.TECHNICAL_FAILURE);

    private final NotificationRepository notifications;
    private final DeliveryWorker worker;
    private final Caller caller;

    public NotificationResource(NotificationRepository notifications, DeliveryWorker worker, Caller caller) {
        this.notifications = notifications;
        this.worker = worker;
        this.caller = caller;
    }

    @Schema(name = "Notification", example = """
            {"id": "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f", "eventType": "nhs.pdsa.finding.raised.v1", "organisation": "RXH",
             "audience": "trust", "recipientRole": "clinical-lead", "contactId": "5b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d",
             "channel": "email", "recipient": "c.lead@nhs.net", "subject": "Concern: surgery-within-36h at trauma-ward-2 (RXH) in 2025-12",
             "body": "...", "status": "delivered", "attempts": 1, "nextAttemptAt": null, "reason": null,
             "createdAt": "2026-01-02T09:15:02Z", "deliveredAt": "2026-01-02T09:15:03Z", "updatedAt": "2026-01-02T09:15:03Z",
             "history": [{"attempt": 1, "at": "2026-01-02T09:15:03Z", "status": "delivered", "detail": null}]}""")
    public record NotificationView(UUID id, String eventType, String organisation, String audience, String recipientRole,
            UUID contactId, String channel, String recipient, String subject, String body, String status, int attempts,
            Instant nextAttemptAt, String reason, Instant createdAt, Instant deliveredAt, Instant updatedAt,
            List<Attempt> history) {
    }

    @Schema(name = "DeliveryAttempt", example = """
            {"attempt": 1, "at": "2026-01-02T09:15:03Z", "status": "temporary-failure", "detail": "connection refused"}""")
    public record Attempt(int attempt, Instant at, String status, String detail) {
        static Attempt of(NotificationRepository.Attempt a) {
            return new Attempt(a.attempt(), a.at(), a.status(), a.detail());
        }
    }

    @GET
    @Produces({ MediaType.APPLICATION_JSON, CsvWriter.TEXT_CSV })
    @RolesAllowed({ Roles.VIEWER, Roles.IMPROVEMENT_LEAD, Roles.TRUST_ADMIN, Roles.ADMIN })
    @Operation(summary = "Notifications (a trust's token: its own organisation's), newest first, by organisation, contact, audience or status (paged)")
    @APIResponse(responseCode = "200", description = "One page")
    @APIResponse(responseCode = "400", description = "Unknown status")
    @Transactional
    public PageView<NotificationView> list(@QueryParam("organisation") String organisation,
            @QueryParam("contact") UUID contact, @QueryParam("audience") String audience,
            @QueryParam("status") String status, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("100") int size) {
        uk.nhs.pdsa.runtime.rest.FilterRules.check().organisation("organisation", organisation)
                .oneOf("status", status, STATUSES)
                .oneOf("audience", audience, List.of(uk.nhs.pdsa.notification.service.Message.TRUST, "college", "patient-group")).orRefuse();
        PageView.check(page, size, 500);
        if (!caller.has(Roles.ADMIN)) {
            if (caller.asksForAnother(organisation)) {
                return new PageView<>(page, size, 0, List.of()); // a trust lists its own notifications only
            }
            organisation = caller.organisation();
        }
        NotificationRepository.Found found = notifications.find(organisation, audience, status, contact, page, size);
        return new PageView<>(page, size, found.total(), found.items().stream().map(n -> view(n, false)).toList());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.VIEWER, Roles.IMPROVEMENT_LEAD, Roles.TRUST_ADMIN, Roles.ADMIN })
    @Operation(summary = "One notification with every delivery attempt")
    @APIResponse(responseCode = "200", description = "The notification")
    @APIResponse(responseCode = "404", description = "No such notification")
    @Transactional
    public NotificationView get(@PathParam("id") UUID id) {
        Notification n = notifications.find(id, LockModeType.NONE);
        if (!caller.has(Roles.ADMIN)) {
            caller.requireOwn(n.organisation, "No notification " + id, Roles.VIEWER, Roles.IMPROVEMENT_LEAD, Roles.TRUST_ADMIN);
        }
        return view(n, true);
    }

    @POST
    @Path("/{id}/retry")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Retry a dead-lettered notification (permanent or technical failure) now (admin)")
    @APIResponse(responseCode = "200", description = "Due again")
    @APIResponse(responseCode = "404", description = "No such notification")
    @APIResponse(responseCode = "409", description = "Not dead-lettered, or nobody to send it to")
    @Transactional
    public NotificationView retry(@PathParam("id") UUID id) {
        return view(worker.retryNow(id), true);
    }

    private NotificationView view(Notification n, boolean withHistory) {
        return new NotificationView(n.id, n.eventType, n.organisation, n.audience, n.recipientRole, n.contactId, n.channel,
                n.recipient, n.subject, n.body, n.status, n.attempts, n.nextAttemptAt, n.reason, n.createdAt, n.deliveredAt,
                n.updatedAt, withHistory ? notifications.attempts(n.id).stream().map(Attempt::of).toList() : null);
    }
}
