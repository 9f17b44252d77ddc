package uk.nhs.pdsa.notification.routing;

import java.util.List;
import java.util.UUID;

/**
 * A contact as routing sees it: role, channels and preferences.
 *
 * @param eventTypes CloudEvents types wanted (empty: all)
 * @param audits     audits wanted (empty: all)
 * @param webhookOn  a webhook endpoint is set and not disabled
 * @param dailyDigest emails wait for the daily digest (webhooks, being read by machines, are always immediate)
 */
public record Recipient(UUID id, String organisation, String role, String email, boolean webhookOn,
        List<String> eventTypes, List<String> audits, boolean dailyDigest) {

    public Recipient(UUID id, String organisation, String role, String email, boolean webhookOn, List<String> eventTypes,
            List<String> audits) {
        this(id, organisation, role, email, webhookOn, eventTypes, audits, false);
    }
}
