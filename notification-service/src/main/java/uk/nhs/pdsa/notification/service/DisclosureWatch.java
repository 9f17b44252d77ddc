package uk.nhs.pdsa.notification.service;

import java.time.Instant;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Runs staged disclosure on a schedule: college summaries whose delay passed, publications whose embargo ended. */
@ApplicationScoped
public class DisclosureWatch {
    private static final Logger LOG = Logger.getLogger(DisclosureWatch.class);

    private final Disclosures disclosures;

    public DisclosureWatch(Disclosures disclosures) {
        this.disclosures = disclosures;
    }

    @Scheduled(every = "${pdsa.disclosure.check-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        run(Instant.now());
    }

    /** One pass as at {@code now}; returns college summaries and publications made. */
    public int[] run(Instant now) {
        int summaries = disclosures.discloseToColleges(now);
        int published = disclosures.publishDue(now);
        if (summaries + published > 0) {
            LOG.infof("Staged disclosure: %d college summaries, %d publications", summaries, published);
        }
        return new int[] {summaries, published};
    }
}
