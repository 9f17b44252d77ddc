package uk.nhs.pdsa.notification.service;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import uk.nhs.pdsa.notification.Notification;
import uk.nhs.pdsa.runtime.health.SqlGauges;

/**
 * What the alert rules watch in the delivery log (deploy/kubernetes/base/monitoring): messages dead-lettered (every
 * retry used, or refused) and messages waiting for their next attempt.
 */
@ApplicationScoped
public class DeliveryMetrics {
    void register(@Observes StartupEvent started, MeterRegistry registry, DataSource dataSource) {
        SqlGauges.register(registry, dataSource, "pdsa.notifications.failed",
                "Notifications that failed for good (permanent or technical failure): an admin retries or fixes the contact",
                "select count(*) from notification where status in ('" + Notification.PERMANENT_FAILURE + "', '"
                        + Notification.TECHNICAL_FAILURE + "')");
        SqlGauges.register(registry, dataSource, "pdsa.notifications.retrying",
                "Notifications that failed an attempt and wait for the next (temporary failure)",
                "select count(*) from notification where status = '" + Notification.TEMPORARY_FAILURE + "'");
    }
}
