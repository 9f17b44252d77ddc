package uk.nhs.pdsa.notification.service;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.qute.Engine;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Renders a message with the Qute templates of its audience ({@code templates/<audience>/<name>.html|.txt}),
 * links resolved to the public addresses of the services they point at.
 */
@ApplicationScoped
public class Renderer {
    private final Engine engine;
    private final Map<String, String> bases;

    public Renderer(Engine engine, @ConfigProperty(name = "pdsa.links.findings") String findings,
            @ConfigProperty(name = "pdsa.links.action-plan") String actionPlan,
            @ConfigProperty(name = "pdsa.links.portal") String portal) {
        this.engine = engine;
        this.bases = Map.of("findings", findings, "action-plan", actionPlan, "portal", portal);
    }

    /** A resolved link, as templates show it. */
    public record ShownLink(String label, String url) {
    }

    public record Rendered(String text, String html) {
    }

    /** The content id the HTML refers to the inline chart picture by ({@code cid:} + this). */
    public static final String PICTURE_ID = "chart@notifications.pdsa.nhs.uk";

    public Rendered render(Message m) {
        return render(m, null);
    }

    /** @param picture the text alternative of the chart picture the email carries inline, or null for none */
    public Rendered render(Message m, String picture) {
        List<ShownLink> links = m.links().stream()
                .map(l -> new ShownLink(l.label(), bases.getOrDefault(l.service(), "") + l.path())).toList();
        Map<String, Object> data = Map.of("subject", m.subject(), "paragraphs", List.of(m.body().split("\n+")),
                "role", m.recipientRole(), "organisation", m.organisation(), "links", links,
                "picture", picture == null ? "" : picture, "pictureId", PICTURE_ID);
        return new Rendered(engine.getTemplate(m.template() + ".txt").data(data).render(),
                engine.getTemplate(m.template() + ".html").data(data).render());
    }

    /** Every template pair, as {@code audience/name}. */
    public static List<String> templates() {
        return List.of("trust/finding", "trust/need", "trust/cycle", "trust/digest", "college/summary",
                "patient-group/publication");
    }
}
