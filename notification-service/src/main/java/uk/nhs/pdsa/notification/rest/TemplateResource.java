package uk.nhs.pdsa.notification.rest;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.FindingState;
import uk.nhs.pdsa.events.ImprovementNeedState;
import uk.nhs.pdsa.notification.service.DisclosureMessages;
import uk.nhs.pdsa.notification.service.Message;
import uk.nhs.pdsa.notification.service.Renderer;
import uk.nhs.pdsa.notification.service.TrustMessages;
import uk.nhs.pdsa.runtime.problem.Problem;
import uk.nhs.pdsa.runtime.problem.ProblemException;

@Path("/api/v1/templates")
@Tag(name = "Templates", description = "Preview any message template, rendered for the sample event of the contracts")
public class TemplateResource {
    private final Renderer renderer;
    private final ObjectMapper json;

    public TemplateResource(Renderer renderer, ObjectMapper json) {
        this.renderer = renderer;
        this.json = json;
    }

    @Schema(name = "TemplateList", example = """
            {"templates": ["trust/message", "college/summary", "patient-group/publication"],
             "events": ["nhs.pdsa.finding.raised.v1", "nhs.pdsa.improvement-need.opened.v1"]}""")
    public record TemplateList(List<String> templates, List<String> events) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The templates (audience/name) and the sample events a preview can render")
    @APIResponse(responseCode = "200", description = "Templates and events")
    public TemplateList list() {
        return new TemplateList(Renderer.templates(), List.of(EventType.FINDING_RAISED.ceType(), EventType.NEED_OPENED.ceType(),
                EventType.NEED_ESCALATED.ceType(), EventType.NEED_IMPROVED.ceType()));
    }

    @GET
    @Path("/{audience}/{name}/preview")
    @Produces({MediaType.TEXT_HTML, MediaType.TEXT_PLAIN})
    @Operation(summary = "A template rendered for a sample event (HTML, or text with ?format=text)",
            description = "trust/message renders the message of the chosen event type; college/summary and"
                    + " patient-group/publication render the sample finding as a college summary and a publication.")
    @APIResponse(responseCode = "200", description = "The rendered message", content = {@Content(mediaType = MediaType.TEXT_HTML),
            @Content(mediaType = MediaType.TEXT_PLAIN)})
    @APIResponse(responseCode = "404", description = "No such template", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "400", description = "No sample for that event type", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public jakarta.ws.rs.core.Response preview(@PathParam("audience") String audience, @PathParam("name") String name,
            @Parameter(description = "CloudEvents type of the sample (trust/message)", example = "nhs.pdsa.finding.raised.v1")
            @QueryParam("event") @DefaultValue("nhs.pdsa.finding.raised.v1") String event,
            @Parameter(description = "html or text") @QueryParam("format") @DefaultValue("html") String format) {
        String template = audience + "/" + name;
        if (!Renderer.templates().contains(template)) {
            throw ProblemException.notFound("No template " + template + "; templates: " + Renderer.templates());
        }
        Message message = switch (template) {
            case "trust/message" -> trustSample(event);
            case "college/summary" -> DisclosureMessages.collegeSummary("RCS", "National Hip Fracture Database",
                    List.of(disclosed(sample(EventType.FINDING_RAISED, FindingState.class))));
            default -> DisclosureMessages.forPatients("HWL", disclosed(sample(EventType.FINDING_RAISED, FindingState.class)));
        };
        Renderer.Rendered rendered = renderer.render(message);
        boolean text = "text".equals(format);
        return jakarta.ws.rs.core.Response.ok(text ? rendered.text() : rendered.html(),
                text ? MediaType.TEXT_PLAIN + ";charset=UTF-8" : MediaType.TEXT_HTML + ";charset=UTF-8").build();
    }

    private Message trustSample(String event) {
        EventType type;
        try {
            type = EventType.ofCeType(event);
        } catch (IllegalArgumentException e) {
            type = null;
        }
        List<Message> messages;
        if (type == EventType.FINDING_RAISED) {
            messages = TrustMessages.forFinding(sample(type, FindingState.class));
        } else if (type == EventType.NEED_OPENED) {
            messages = TrustMessages.forNeed(sample(type, ImprovementNeedState.class));
        } else if (type == EventType.NEED_ESCALATED) {
            messages = TrustMessages.forEscalation(sample(type, ImprovementNeedState.class, 1));
        } else if (type == EventType.NEED_IMPROVED) {
            messages = TrustMessages.forImproved(sample(type, ImprovementNeedState.class));
        } else {
            throw ProblemException.validation("No sample for event " + event, List.of(new Problem.FieldError("event",
                    "one of " + list().events())));
        }
        return messages.get(0);
    }

    private static DisclosureMessages.Disclosed disclosed(FindingState f) {
        return new DisclosureMessages.Disclosed(f.organisation(), "University Hospitals Sussex NHS Foundation Trust", null,
                f.audit(), "National Hip Fracture Database", f.metric(), "Surgery within 36 hours of admission",
                f.period(), f.kind(), f.orientation(), f.specialCause() != null ? f.specialCause().variation() : f.outlier().classification(),
                f.value(), f.specialCause() != null ? f.specialCause().centreLine() : f.outlier().target());
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
