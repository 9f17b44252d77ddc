package uk.nhs.pdsa.portal.view;

import java.util.HashMap;
import java.util.Map;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import jakarta.enterprise.context.RequestScoped;
import uk.nhs.pdsa.portal.client.IngestApi;

/**
 * Titles instead of codes: audits and their metrics, organisations and their microsystems, read from the
 * catalogue once per page.
 */
@RequestScoped
public class Catalogue {
    private final IngestApi ingest;
    private final Person person;
    private Map<String, JsonNode> audits;
    private final Map<String, JsonNode> organisations = new HashMap<>();

    public Catalogue(@RestClient IngestApi ingest, Person person) {
        this.ingest = ingest;
        this.person = person;
    }

    public String auditTitle(String audit) {
        return audit(audit).path("title").asText(audit);
    }

    public String metricTitle(String audit, String metric) {
        return metric(audit, metric).path("title").asText(metric);
    }

    /** {@code proportion}, {@code rate} or {@code value}. */
    public String metricType(String audit, String metric) {
        return metric(audit, metric).path("type").asText("value");
    }

    public String organisationName(String code) {
        return organisation(code).path("name").asText(code);
    }

    /** A microsystem's name, or the trust's when {@code microsystem} is null (the trust as a whole). */
    public String placeName(String organisation, String microsystem) {
        if (microsystem == null || microsystem.isBlank()) {
            return organisationName(organisation) + " (whole trust)";
        }
        for (JsonNode m : organisation(organisation).path("microsystems")) {
            if (microsystem.equals(m.path("code").asText())) {
                return m.path("name").asText(microsystem);
            }
        }
        return microsystem;
    }

    private JsonNode metric(String audit, String metric) {
        for (JsonNode m : audit(audit).path("metrics")) {
            if (metric.equals(m.path("code").asText())) {
                return m;
            }
        }
        return MissingNode.getInstance();
    }

    private JsonNode audit(String code) {
        if (audits == null) {
            audits = new HashMap<>();
            for (JsonNode a : ingest.audits(person.bearer())) {
                audits.put(a.path("code").asText(), a);
            }
        }
        return audits.getOrDefault(code, MissingNode.getInstance());
    }

    private JsonNode organisation(String code) {
        return organisations.computeIfAbsent(code, c -> {
            try {
                return ingest.organisation(person.bearer(), c);
            } catch (RuntimeException e) {
                return MissingNode.getInstance();
            }
        });
    }
}
