package uk.nhs.pdsa.portal.view;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;

/** The portal's own addresses, and reading the services' JSON answers where a field may be absent. */
public final class Links {
    private Links() {
    }

    public static String chart(String audit, String metric, String organisation, String microsystem) {
        return "/chart?" + series(audit, metric, organisation, microsystem);
    }

    public static String funnel(String audit, String metric, String period) {
        return "/funnel?audit=" + encode(audit) + "&metric=" + encode(metric) + (period == null ? "" : "&period=" + encode(period));
    }

    /** The query naming a series, as the services and the portal's chart addresses take it. */
    public static String series(String audit, String metric, String organisation, String microsystem) {
        return "audit=" + encode(audit) + "&metric=" + encode(metric) + "&organisation=" + encode(organisation)
                + (microsystem == null || microsystem.isBlank() ? "" : "&microsystem=" + encode(microsystem));
    }

    public static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }

    /** A field's text, or null when it is absent or null. */
    public static String text(JsonNode node, String field) {
        return text(node, field, null);
    }

    public static String text(JsonNode node, String field, String absent) {
        return node.hasNonNull(field) ? node.path(field).asText() : absent;
    }
}
