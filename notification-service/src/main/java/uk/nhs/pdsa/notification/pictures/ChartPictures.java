package uk.nhs.pdsa.notification.pictures;

import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import uk.nhs.pdsa.notification.service.Message;

/**
 * The chart a message is about, as a PNG for the email to carry inline with its text alternative. A message is
 * never held back for its picture: when findings or the identity provider does not answer, or pictures are
 * turned off ({@code pdsa.pictures.enabled}), the email goes without one and its link still opens the chart.
 */
@ApplicationScoped
public class ChartPictures {
    private static final Logger LOG = Logger.getLogger(ChartPictures.class);
    /** Wide enough to read in a mail client's reading pane, small enough to stay well under 100 KB. */
    static final float WIDTH = 900;

    /** A picture and the words that describe it. */
    public record Picture(byte[] png, String alternative) {
    }

    private final FindingsCharts findings;
    private final boolean enabled;

    public ChartPictures(@RestClient FindingsCharts findings,
            @ConfigProperty(name = "pdsa.pictures.enabled", defaultValue = "true") boolean enabled) {
        this.findings = findings;
        this.enabled = enabled;
    }

    public Optional<Picture> of(Message.Chart chart) {
        if (!enabled || chart == null) {
            return Optional.empty();
        }
        try {
            String svg = findings.svg(chart.audit(), chart.metric(), chart.organisation(), chart.microsystem());
            return Optional.of(new Picture(SvgToPng.png(svg, WIDTH), SvgToPng.alternative(svg)));
        } catch (RuntimeException | LinkageError | javax.xml.parsers.FactoryConfigurationError e) {
            // Whatever keeps the picture from being drawn must never hold the message back.
            LOG.warnf("No chart picture for %s/%s at %s%s (%s): the message goes with its link only", chart.audit(),
                    chart.metric(), chart.organisation(), chart.microsystem() == null ? "" : "/" + chart.microsystem(),
                    e.getClass().getSimpleName());
            return Optional.empty();
        }
    }
}
