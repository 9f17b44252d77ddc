package uk.nhs.pdsa.notification.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import uk.nhs.pdsa.notification.routing.Router.Route;

class RouterTest {
    private static final String RAISED = "nhs.pdsa.finding.raised.v1";
    private static final String OPENED = "nhs.pdsa.improvement-need.opened.v1";
    private static final UUID LEAD = UUID.randomUUID();
    private static final UUID LEAD_HOOK = UUID.randomUUID();
    private static final UUID DIRECTOR = UUID.randomUUID();
    private static final UUID OTHER_TRUST = UUID.randomUUID();
    private static final UUID PICKY = UUID.randomUUID();

    private static final List<Recipient> CONTACTS = List.of(
            new Recipient(LEAD, "RXH", ContactRoles.CLINICAL_LEAD, "lead@rxh.nhs.uk", false, List.of(), List.of()),
            new Recipient(LEAD_HOOK, "RXH", ContactRoles.CLINICAL_LEAD, "lead2@rxh.nhs.uk", true, List.of(), List.of("nhfd")),
            new Recipient(DIRECTOR, "RXH", ContactRoles.MEDICAL_DIRECTOR, null, true, List.of(OPENED), List.of()),
            new Recipient(OTHER_TRUST, "RJ1", ContactRoles.CLINICAL_LEAD, "lead@rj1.nhs.uk", false, List.of(), List.of()),
            new Recipient(PICKY, "RXH", ContactRoles.AUDIT_LEAD, "audit@rxh.nhs.uk", false, List.of(RAISED), List.of("nela")));

    @Test
    void shouldReachEveryHolderOfTheRoleInTheOrganisationOnEachOfItsChannels() {
        assertThat(Router.route("RXH", ContactRoles.CLINICAL_LEAD, RAISED, "nhfd", CONTACTS)).containsExactly(
                new Route(LEAD, Router.EMAIL, "lead@rxh.nhs.uk"),
                new Route(LEAD_HOOK, Router.EMAIL, "lead2@rxh.nhs.uk"),
                new Route(LEAD_HOOK, Router.WEBHOOK, null));
    }

    @Test
    void shouldHonourAudienceEventTypeAndAuditPreferences() {
        // Only the lead without an audit preference hears about another audit.
        assertThat(Router.route("RXH", ContactRoles.CLINICAL_LEAD, RAISED, "nela", CONTACTS))
                .extracting(Route::contactId).containsExactly(LEAD);
        // The director wants need openings only, by webhook.
        assertThat(Router.route("RXH", ContactRoles.MEDICAL_DIRECTOR, OPENED, "nhfd", CONTACTS))
                .containsExactly(new Route(DIRECTOR, Router.WEBHOOK, null));
        assertThat(Router.route("RXH", ContactRoles.MEDICAL_DIRECTOR, RAISED, "nhfd", CONTACTS)).isEmpty();
        // Both preferences must take the message.
        assertThat(Router.route("RXH", ContactRoles.AUDIT_LEAD, RAISED, "nela", CONTACTS)).extracting(Route::contactId).containsExactly(PICKY);
        assertThat(Router.route("RXH", ContactRoles.AUDIT_LEAD, RAISED, "nhfd", CONTACTS)).isEmpty();
        assertThat(Router.route("RXH", ContactRoles.AUDIT_LEAD, OPENED, "nela", CONTACTS)).isEmpty();
    }

    @Test
    void shouldNeverCrossOrganisations() {
        assertThat(Router.route("RJ1", ContactRoles.CLINICAL_LEAD, RAISED, "nhfd", CONTACTS))
                .containsExactly(new Route(OTHER_TRUST, Router.EMAIL, "lead@rj1.nhs.uk"));
    }

    @Test
    void shouldRecordOneUndeliverableRouteWhenNobodyHoldsTheRole() {
        assertThat(Router.route("RXH", ContactRoles.CHIEF_EXECUTIVE, RAISED, "nhfd", CONTACTS))
                .containsExactly(new Route(null, Router.NONE, null));
        assertThat(Router.route("RAE", ContactRoles.CLINICAL_LEAD, RAISED, "nhfd", CONTACTS))
                .containsExactly(new Route(null, Router.NONE, null));
    }

    @Test
    void shouldSkipADisabledWebhookButKeepTheEmail() {
        var disabled = List.of(new Recipient(LEAD, "RXH", ContactRoles.CLINICAL_LEAD, "lead@rxh.nhs.uk", false, List.of(), List.of()));
        assertThat(Router.route("RXH", ContactRoles.CLINICAL_LEAD, RAISED, "nhfd", disabled)).extracting(Route::channel)
                .containsExactly(Router.EMAIL);
    }
}
