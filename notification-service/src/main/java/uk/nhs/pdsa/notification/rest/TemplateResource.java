package uk.nhs.pdsa.notification.rest;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.ws.rs.DefaultValue;
import jakarta.annotation.security.RolesAllowed;
import uk.nhs.pdsa.runtime.security.Roles;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.FindingState;
import uk.nhs.pdsa.events.ImprovementNeedState;
import uk.nhs.pdsa.events.PdsaCycleState;
import uk.nhs.pdsa.notification.service.DisclosureMessages;
import uk.nhs.pdsa.notification.service.Message;
import uk.nhs.pdsa.notification.service.Renderer;
import uk.nhs.pdsa.notification.service.TrustMessages;
import uk.nhs.pdsa.runtime.problem.Problem;
import uk.nhs.pdsa.runtime.problem.ProblemException;

@Path("/api/v1/templates")
@Tag(name = "Templates", description = "Preview any message template, rendered for the sample event of the contracts")
@RolesAllowed({ Roles.ADMIN, Roles.TRUST_ADMIN })
public class TemplateResource {
    /** The sample events each trust template renders. */
    private static final java.util.Map<String, List<String>> EVENTS = new java.util.LinkedHashMap<>(java.util.Map.of(
            "trust/finding", List.of(EventType.FINDING_RAISED.ceType()),
            "trust/need", List.of(EventType.NEED_OPENED.ceType(), EventType.NEED_ESCALATED.ceType(), EventType.NEED_IMPROVED.ceType()),
            "trust/cycle", List.of(EventType.CYCLE_OWNER_CHANGED.ceType(), EventType.CYCLE_OVERDUE.ceType())));

    private final Renderer renderer;
    private final ObjectMapper json;

    public TemplateResource(Renderer renderer, ObjectMapper json) {
        this.renderer = renderer;
        this.json = json;
    }

    @Schema(name = "TemplateList", example = """
            {"templates": ["trust/finding", "trust/need", "trust/cycle", "trust/digest", "college/summary", "patient-group/publication"],
             "events": ["nhs.pdsa.finding.raised.v1", "nhs.pdsa.improvement-need.opened.v1"]}""")
    public record TemplateList(List<String> templates, List<String> events) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The templates (audience/name) and the sample events a preview can render")
    @APIResponse(responseCode = "200", description = "Templates and events")
    public TemplateList list() {
        return new TemplateList(Renderer.templates(), EVENTS.values().stream().flatMap(List::stream).toList());
    }

    @GET
    @Path("/{audience}/{name}/preview")
    @Produces({MediaType.TEXT_HTML, MediaType.TEXT_PLAIN})
    @Operation(summary = "A template rendered for a sample event (HTML, or text with ?format=text)",
            description = "trust/finding, trust/need and trust/cycle render the message of a sample event of the chosen"
                    + " type; college/summary and patient-group/publication render the sample finding as a summary and a"
                    + " publication; trust/digest a sample digest.")
    @APIResponse(responseCode = "200", description = "The rendered message", content = {@Content(mediaType = MediaType.TEXT_HTML),
            @Content(mediaType = MediaType.TEXT_PLAIN)})
    @APIResponse(responseCode = "404", description = "No such template")
    @APIResponse(responseCode = "400", description = "No sample for that event type")
    public jakarta.ws.rs.core.Response preview(@PathParam("audience") String audience, @PathParam("name") String name,
            @Parameter(description = "CloudEvents type of the sample (trust templates; default: the template's first)",
                    example = "nhs.pdsa.improvement-need.escalated.v1") @QueryParam("event") String event,
            @Parameter(description = "html or text") @QueryParam("format") @DefaultValue("html") String format) {
        uk.nhs.pdsa.runtime.rest.FilterRules.check().oneOf("format", format, List.of("html", "text")).orRefuse();
        String template = audience + "/" + name;
        if (!Renderer.templates().contains(template)) {
            throw ProblemException.notFound("No template " + template + "; templates: " + Renderer.templates());
        }
        if (event == null || event.isBlank()) {
            event = EVENTS.getOrDefault(template, List.of("")).get(0);
        }
        Message message = switch (template) {
            case "college/summary" -> DisclosureMessages.collegeSummary("RCS", "National Hip Fracture Database",
                    List.of(disclosed(sample(EventType.FINDING_RAISED, FindingState.class))));
            case "patient-group/publication" -> DisclosureMessages.forPatients("HWL",
                    disclosed(sample(EventType.FINDING_RAISED, FindingState.class)));
            case "trust/digest" -> new Message("RXH", Message.TRUST, "clinical-lead", "Your daily summary for 2026-01-06: 2 messages",
                    "Concern: surgery-within-36h at trauma-ward-2 (RXH) in 2025-12\nImprovement need opened: surgery-within-36h at"
                            + " trauma-ward-2 (RXH)\nEach message in full is in the notification log of RXH.").withTemplate(template);
            default -> trustSample(event, template);
        };
        Renderer.Rendered rendered = renderer.render(message);
        boolean text = "text".equals(format);
        return jakarta.ws.rs.core.Response.ok(text ? rendered.text() : rendered.html(),
                text ? MediaType.TEXT_PLAIN + ";charset=UTF-8" : MediaType.TEXT_HTML + ";charset=UTF-8").build();
    }

    /** The message of a sample event; the event must suit the template (findings, needs or cycles). */
    private Message trustSample(String event, String template) {
        EventType type;
        try {
            type = EventType.ofCeType(event);
        } catch (IllegalArgumentException e) {
            type = null;
        }
        List<Message> messages = type == null ? List.of() : switch (type) {
            case FINDING_RAISED -> TrustMessages.forFinding(sample(type, FindingState.class));
            case NEED_OPENED -> TrustMessages.forNeed(sample(type, ImprovementNeedState.class));
            case NEED_ESCALATED -> TrustMessages.forEscalation(sample(type, ImprovementNeedState.class, 1));
            case NEED_IMPROVED -> TrustMessages.forImproved(sample(type, ImprovementNeedState.class));
            case CYCLE_OWNER_CHANGED -> TrustMessages.forOwnerChanged(sample(type, PdsaCycleState.class, 1));
            case CYCLE_OVERDUE -> TrustMessages.forCycleOverdue(sample(type, PdsaCycleState.class, 1));
            default -> List.of();
        };
        if (messages.isEmpty() || !messages.get(0).template().equals(template)) {
            throw ProblemException.validation("No sample of " + event + " for template " + template,
                    List.of(new Problem.FieldError("event", "for " + template + ": one of " + EVENTS.get(template))));
        }
        return messages.get(0);
    }

    private static DisclosureMessages.Disclosed disclosed(FindingState f) {
        return new DisclosureMessages.Disclosed(f.organisation(), "University Hospitals Sussex NHS Foundation Trust", null,
                f.audit(), "National Hip Fracture Database", f.metric(), "Surgery within 36 hours of admission",
                f.period(), f.kind(), f.orientation(), f.specialCause() != null ? f.specialCause().variation() : f.outlier().classification(),
                f.value(), f.specialCause() != null ? f.specialCause().centreLine() : f.outlier().target(), false);
    }

    private <T> T sample(EventType type, Class<T> as) {
        return sample(type, as, 0);
    }

    /** The {@code index}-th example of the event's JSON Schema (shipped by event-contracts). */
    private <T> T sample(EventType type, Class<T> as, int index) {
        try (InputStream schema = EventType.class.getClassLoader().getResourceAsStream(type.schemaResource())) {
            JsonNode examples = json.readTree(schema).path("examples");
            return json.treeToValue(examples.get(Math.min(index, examples.size() - 1)), as);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the examples of " + type, e);
        }
    }
}
