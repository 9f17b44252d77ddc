package uk.nhs.pdsa.notification.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import uk.nhs.pdsa.events.FindingState;
import uk.nhs.pdsa.events.TestFindings;
import uk.nhs.pdsa.notification.routing.DisclosurePolicy.Audience;
import uk.nhs.pdsa.notification.service.Message;
import uk.nhs.pdsa.notification.service.TrustMessages;

/**
 * The routing matrix: event x audience x disclosure stage -> who hears of it. Trust roles come from the wording
 * rules ({@link TrustMessages}); colleges and patient groups from the disclosure policy (14-day college delay,
 * 28-day public embargo, publication by hand).
 */
class RoutingMatrixTest {
    private static final DisclosurePolicy POLICY = new DisclosurePolicy(Duration.ofDays(14), Duration.ofDays(28));
    private static final Instant TOLD = Instant.parse("2026-01-05T09:00:00Z");

    /** A finding of the named case: concern/improvement/neutral on a ward or the trust's series; outliers (trust level). */
    private static FindingState finding(String finding) {
        return switch (finding) {
            case "ward-concern" -> TestFindings.specialCause("RXH", "ward-1", "2025-12", "special-cause-concern", 0.6, 0.8);
            case "ward-improvement" -> TestFindings.specialCause("RXH", "ward-1", "2025-12", "special-cause-improvement", 0.95, 0.8);
            case "ward-neutral" -> TestFindings.specialCause("RXH", "ward-1", "2025-12", "special-cause-neutral", 0.9, 0.8);
            case "trust-concern" -> TestFindings.specialCause("RXH", null, "2025-12", "special-cause-concern", 0.6, 0.8);
            case "trust-improvement" -> TestFindings.specialCause("RXH", null, "2025-12", "special-cause-improvement", 0.95, 0.8);
            case "alert-outlier" -> TestFindings.lowOutlier("RXH", "2025-12", "alert", 0.66, 0.78);
            case "alarm-outlier" -> TestFindings.lowOutlier("RXH", "2025-12", "alarm", 0.52, 0.78);
            default -> throw new IllegalArgumentException(finding);
        };
    }

    @ParameterizedTest(name = "{0} at {1}: trust roles [{2}], audiences [{3}]")
    @CsvSource(delimiter = '|', value = {
            // finding         | stage           | trust roles                         | audiences
            "ward-concern      | told            | clinical-lead                       | TRUST",
            "ward-concern      | day-14          | clinical-lead                       | TRUST COLLEGE",
            "ward-concern      | day-28          | clinical-lead                       | TRUST COLLEGE",
            "ward-concern      | published       | clinical-lead                       | TRUST",
            "ward-improvement  | told            | clinical-lead improvement-lead      | TRUST",
            "ward-improvement  | day-28          | clinical-lead improvement-lead      | TRUST",
            "ward-neutral      | day-28          | ''                                  | TRUST",
            "trust-concern     | day-13          | clinical-lead                       | TRUST",
            "trust-concern     | day-14          | clinical-lead                       | TRUST COLLEGE",
            "trust-concern     | day-28          | clinical-lead                       | TRUST COLLEGE PATIENT_GROUP",
            "trust-concern     | published       | clinical-lead                       | TRUST PATIENT_GROUP",
            "trust-improvement | day-14          | clinical-lead improvement-lead      | TRUST",
            "trust-improvement | day-28          | clinical-lead improvement-lead      | TRUST PATIENT_GROUP",
            "alert-outlier     | told            | clinical-lead                       | TRUST",
            "alert-outlier     | day-14          | clinical-lead                       | TRUST COLLEGE",
            "alarm-outlier     | told            | clinical-lead medical-director      | TRUST",
            "alarm-outlier     | day-28          | clinical-lead medical-director      | TRUST COLLEGE PATIENT_GROUP",
            "alarm-outlier     | published       | clinical-lead medical-director      | TRUST PATIENT_GROUP"})
    void shouldTellEachAudienceWhatItMayKnowWhenItMayKnowIt(String name, String stage, String roles, String audiences) {
        FindingState f = finding(name);
        List<String> told = TrustMessages.forFinding(f).stream().map(Message::recipientRole).toList();
        assertThat(told).containsExactlyElementsOf(roles.isBlank() ? List.of() : List.of(roles.split(" ")));
        Instant now = switch (stage) {
            case "told", "published" -> TOLD;
            case "day-13" -> TOLD.plus(Duration.ofDays(13));
            case "day-14" -> TOLD.plus(Duration.ofDays(14));
            default -> TOLD.plus(Duration.ofDays(28));
        };
        Set<Audience> expected = EnumSet.noneOf(Audience.class);
        for (String a : audiences.split(" ")) {
            expected.add(Audience.valueOf(a));
        }
        assertThat(POLICY.audiences(f, TOLD, now, stage.equals("published"))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "resolved {0} goes nowhere further")
    @CsvSource({"ward-concern", "trust-concern", "alarm-outlier"})
    void shouldStopAtTheTrustOnceAFindingResolved(String name) {
        FindingState f = finding(name);
        FindingState resolved = new FindingState(f.findingId(), f.kind(), FindingState.RESOLVED, 2, f.orientation(),
                f.audit(), f.metric(), f.direction(), f.organisation(), f.microsystem(), f.period(), f.value(),
                f.specialCause(), f.outlier(), f.raisedAt(), Instant.now(), Instant.now());
        assertThat(TrustMessages.forFinding(resolved)).isEmpty();
        assertThat(POLICY.audiences(resolved, TOLD, TOLD.plus(Duration.ofDays(60)), true)).containsExactly(Audience.TRUST);
    }
}
