package uk.nhs.pdsa.notification.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import jakarta.transaction.TransactionSynchronizationRegistry;
import uk.nhs.pdsa.notification.Contact;
import uk.nhs.pdsa.notification.Notification;
import uk.nhs.pdsa.notification.delivery.Outcome;
import uk.nhs.pdsa.notification.delivery.WebhookSender;
import uk.nhs.pdsa.notification.repository.NotificationRepository;
import uk.nhs.pdsa.notification.routing.Router;
import uk.nhs.pdsa.runtime.problem.ProblemException;
import uk.nhs.pdsa.runtime.tracing.EventTracing;
import uk.nhs.pdsa.runtime.work.AfterCommitWorker;

/**
 * Delivers due notifications. A pass claims a batch of due rows ({@code FOR UPDATE SKIP LOCKED}, so replicas
 * share the queue), marks them {@code sending} with a lease and commits; then sends each and records the outcome
 * and the attempt. A worker that dies mid-send leaves rows whose lease runs out: they are due again and sent
 * again under the same notification id (at least once; receivers can tell a repeat by the id). Up to
 * {@code pdsa.delivery.concurrency} sends run at once (an SMTP exchange or a webhook call is mostly waiting); a pass
 * claims only as many rows as there are senders free and does not wait for them, so one slow send never holds up
 * the others or a retry that comes due. Each send records its outcome as soon as it ends, so a kill repeats only
 * what was in flight.
 * Failures retry on
 * {@link RetrySchedule}; when every retry is used the row is dead-lettered ({@code permanent-failure} with the
 * reason) for an admin to retry. Woken after every commit that records notifications, and polled.
 */
@ApplicationScoped
public class DeliveryWorker {
    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    private static final String CLAIM = "update notification set status = 'sending', attempts = attempts + 1,"
            + " next_attempt_at = now() + cast(:lease as interval), updated_at = now()"
            + " where id in (select id from notification where status in ('created', 'sending', 'temporary-failure')"
            + " and next_attempt_at <= now() and channel in ('email', 'webhook') order by next_attempt_at limit :batch"
            + " for update skip locked) returning *";

    private final EntityManager em;
    private final NotificationRepository notifications;
    private final Mailer mailer;
    private final EventTracing tracing;
    private final WebhookSender webhooks;
    private final TransactionSynchronizationRegistry transactions;
    private final RetrySchedule retries;
    private final String lease;
    private final int batch;
    private final AfterCommitWorker worker;
    private final Duration poll;
    private final Duration shutdownTimeout;
    private final ExecutorService senders;
    /** Senders not busy: a pass claims no more rows than this. */
    private final Semaphore free;
    /** A pass found every sender busy: the next send to end wakes the worker. */
    private volatile boolean waiting;

    public DeliveryWorker(EntityManager em, NotificationRepository notifications, Mailer mailer, WebhookSender webhooks,
            TransactionSynchronizationRegistry transactions, EventTracing tracing,
            @ConfigProperty(name = "pdsa.delivery.retry") String retry,
            @ConfigProperty(name = "pdsa.delivery.jitter") double jitter,
            @ConfigProperty(name = "pdsa.delivery.lease") String lease,
            @ConfigProperty(name = "pdsa.delivery.batch") int batch,
            @ConfigProperty(name = "pdsa.delivery.poll") Duration poll,
            @ConfigProperty(name = "pdsa.delivery.concurrency", defaultValue = "8") int concurrency,
            @ConfigProperty(name = "pdsa.workers.shutdown-timeout", defaultValue = "30s") Duration shutdownTimeout) {
        this.em = em;
        this.notifications = notifications;
        this.mailer = mailer;
        this.tracing = tracing;
        this.webhooks = webhooks;
        this.transactions = transactions;
        this.retries = RetrySchedule.parse(retry, jitter);
        this.lease = lease;
        this.batch = batch;
        this.poll = poll;
        this.shutdownTimeout = shutdownTimeout;
        this.worker = new AfterCommitWorker("notification-delivery", poll, this::pass);
        this.free = new Semaphore(Math.max(1, concurrency));
        AtomicInteger threads = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(Math.max(1, concurrency), task -> {
            Thread thread = new Thread(task, "notification-send-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    void start(@Observes StartupEvent started) {
        worker.start(poll);
    }

    /** Takes no more rows and lets the sends in flight end, within the timeout; rows still sending are due again. */
    void stop(@Observes ShutdownEvent stopping) {
        long deadline = System.nanoTime() + shutdownTimeout.toNanos();
        worker.stop(shutdownTimeout);
        senders.shutdown();
        try {
            if (!senders.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                senders.shutdownNow(); // their rows' lease runs out and they are due again
            }
        } catch (InterruptedException e) {
            senders.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Runs a pass once the current transaction has committed. */
    public void wakeAfterCommit() {
        worker.wakeAfterCommit(transactions);
    }

    /**
     * Makes a dead-lettered notification (permanent or technical failure) due now, after this transaction commits.
     *
     * @throws ProblemException 409 for one that is not dead-lettered or has nobody to go to
     */
    @Transactional(TxType.MANDATORY)
    public Notification retryNow(UUID id) {
        Notification n = notifications.find(id, LockModeType.PESSIMISTIC_WRITE);
        if (Router.NONE.equals(n.channel) || !(Notification.PERMANENT_FAILURE.equals(n.status)
                || Notification.TECHNICAL_FAILURE.equals(n.status))) {
            throw ProblemException.conflict("Notification " + id + " is " + n.status + " on channel " + n.channel
                    + "; only a dead-lettered email or webhook can be retried");
        }
        n.status = Notification.CREATED;
        n.nextAttemptAt = Instant.now();
        n.reason = null;
        n.updatedAt = Instant.now();
        wakeAfterCommit();
        return n;
    }

    /**
     * Claims as many due rows as there are senders free (at most a batch) and hands each to a sender; returns at once,
     * without waiting for the sends. A slow send (a mail server that hangs until {@code quarkus.mailer.timeout})
     * holds only its own sender: the others go on taking due rows, so a webhook's retry is not held behind it.
     *
     * @return true when every free sender got a row (more may be due): the next pass runs as soon as a sender is free
     */
    public boolean pass() {
        waiting = true; // before looking, so a sender that ends after the look wakes the worker
        if (!free.tryAcquire()) {
            return false; // every sender busy: the first to end wakes the worker
        }
        waiting = false;
        int slots = 1 + free.drainPermits();
        if (slots > batch) {
            free.release(slots - batch);
            slots = batch;
        }
        List<Notification> due;
        try {
            due = claim(slots);
        } catch (RuntimeException e) {
            free.release(slots);
            throw e;
        }
        free.release(slots - due.size());
        for (Notification n : due) {
            senders.execute(() -> {
                try {
                    deliver(n);
                } catch (RuntimeException e) {
                    // Its outcome could not be recorded (the database, say): the lease runs out and it is due again.
                    LOG.warnf(e, "Recording a delivery failed; it is due again when its lease runs out");
                } finally {
                    free.release();
                    if (waiting) {
                        worker.wake();
                    }
                }
            });
        }
        return !due.isEmpty() && due.size() == slots;
    }

    /** Marks up to {@code slots} due rows {@code sending} under a lease and reads them, in one statement (committed). */
    private List<Notification> claim(int slots) {
        @SuppressWarnings("unchecked")
        List<Notification> claimed = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(CLAIM, Notification.class)
                .setParameter("lease", lease).setParameter("batch", slots).getResultList());
        return claimed; // detached once committed: a send reads its row's fields, nothing writes them back
    }

    /**
     * Sends one notification and records its outcome at once, in its own transaction: a worker killed mid-pass
     * sends again only what was in flight (at most {@code pdsa.delivery.concurrency}).
     */
    private void deliver(Notification n) {
        Outcome outcome;
        Span span = tracing.start(n.channel + " send", SpanKind.CLIENT, n.traceparent);
        try (Scope traced = span.makeCurrent()) {
            span.setAttribute("pdsa.notification.id", n.id.toString());
            outcome = send(n);
        } catch (RuntimeException e) {
            LOG.warnf(e, "Sending notification %s failed", n.id);
            outcome = Outcome.retry(Outcome.describe(e));
        } finally {
            span.end();
        }
        if (outcome.kind() != Outcome.Kind.DELIVERED) {
            LOG.infof("Delivery of notification %s (attempt %d, %s) failed: %s", n.id, n.attempts, n.channel, outcome.detail());
        }
        Outcome result = outcome;
        QuarkusTransaction.requiringNew().run(() -> record(n, result));
    }

    private Outcome send(Notification n) {
        if (Router.EMAIL.equals(n.channel)) {
            // The Message-ID is the notification's own, the same on every attempt: a repeat after a crash mid-send
            // is one message to mail systems that drop a Message-ID they already hold.
            Mail mail = Mail.withText(n.recipient, n.subject, n.body).setHtml(n.htmlBody)
                    .addHeader("Message-ID", "<" + n.id + "@notifications.pdsa.nhs.uk>")
                    .addHeader("X-PDSA-Notification-Id", n.id.toString());
            if (n.picture != null) {
                mail.addInlineAttachment("chart.png", n.picture, "image/png", "<" + Renderer.PICTURE_ID + ">");
            }
            mailer.send(mail);
            return Outcome.delivered();
        }
        Contact contact = QuarkusTransaction.requiringNew().call(() -> n.contactId == null ? null : em.find(Contact.class, n.contactId));
        if (contact == null || contact.webhookUrl == null || contact.webhookDisabledAt != null) {
            return new Outcome(Outcome.Kind.PERMANENT, "the contact's webhook endpoint was removed or disabled");
        }
        return webhooks.send(n, contact.webhookUrl, contact.webhookSecret);
    }

    /** The row's new state after an attempt, and the attempt in its history: one statement. */
    private void record(Notification n, Outcome outcome) {
        Instant now = Instant.now();
        String status;
        Instant next = null;
        String reason = null;
        switch (outcome.kind()) {
            case DELIVERED -> status = Notification.DELIVERED;
            case RETRY -> {
                var wait = retries.next(n.attempts, () -> ThreadLocalRandom.current().nextDouble());
                status = wait.isPresent() ? Notification.TEMPORARY_FAILURE : Notification.PERMANENT_FAILURE;
                next = wait.map(now::plus).orElse(null);
                reason = wait.isPresent() ? outcome.detail()
                        : "dead letter: every retry used (" + n.attempts + " attempts); last: " + outcome.detail();
            }
            default -> { // GONE, PERMANENT
                status = Notification.PERMANENT_FAILURE;
                reason = outcome.detail();
                if (outcome.kind() == Outcome.Kind.GONE && n.contactId != null) {
                    notifications.disableWebhook(n.contactId, now);
                }
            }
        }
        notifications.recordOutcome(n.id, new NotificationRepository.Attempt(n.attempts, now, status, outcome.detail()), next,
                reason);
    }
}
