package uk.nhs.pdsa.notification.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Which contacts receive a message addressed to a role of an organisation, on which channels (pure: no I/O).
 * A contact receives it when it holds the role in that organisation and its preferences take the event type
 * and the audit (an empty preference takes all); it gets one delivery per channel it has (email, webhook
 * unless disabled). A role nobody holds yields one undeliverable route, so the log shows what was missed.
 */
public final class Router {
    public static final String EMAIL = "email";
    public static final String WEBHOOK = "webhook";
    /** No contact holds the role: recorded, never sent. */
    public static final String NONE = "none";

    private Router() {
    }

    /** One delivery: to a contact (null for {@link #NONE}) on a channel; {@code digest}: waits for the daily digest. */
    public record Route(UUID contactId, String channel, String recipient, boolean digest) {
        public Route(UUID contactId, String channel, String recipient) {
            this(contactId, channel, recipient, false);
        }
    }

    /** A message addressed to one email address rather than to a role (a cycle's owner). */
    public static Route direct(String email) {
        return new Route(null, EMAIL, email);
    }

    public static List<Route> route(String organisation, String role, String eventType, String audit,
            List<Recipient> contacts) {
        List<Route> routes = new ArrayList<>();
        boolean holder = false;
        for (Recipient c : contacts) {
            if (!c.organisation().equals(organisation) || !c.role().equals(role)) {
                continue;
            }
            holder = true;
            if (!accepts(c.eventTypes(), eventType) || !accepts(c.audits(), audit)) {
                continue;
            }
            if (c.email() != null) {
                routes.add(new Route(c.id(), EMAIL, c.email(), c.dailyDigest()));
            }
            if (c.webhookOn()) {
                routes.add(new Route(c.id(), WEBHOOK, null));
            }
        }
        if (!holder) {
            routes.add(new Route(null, NONE, null));
        }
        return routes;
    }

    private static boolean accepts(List<String> wanted, String value) {
        return wanted == null || wanted.isEmpty() || value == null || wanted.contains(value);
    }
}
