package uk.nhs.pdsa.notification.delivery;

import java.util.List;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * At start, seals every webhook secret that is not sealed with the current key: secrets stored before sealing
 * existed, and secrets sealed with a key being rotated out. It also fails the start, with the reason, when no
 * key (or a malformed one) is configured, rather than at the first contact.
 */
@ApplicationScoped
public class SecretResealing {
    private static final Logger LOG = Logger.getLogger(SecretResealing.class);
    private final EntityManager em;

    public SecretResealing(EntityManager em) {
        this.em = em;
    }

    void reseal(@Observes StartupEvent start) {
        resealNow();
    }

    /** Seals every secret not sealed with the current key; answers how many. */
    @Transactional
    public int resealNow() {
        SecretBox box = SealedSecret.box();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select cast(id as text), webhook_secret from contact"
                + " where webhook_secret is not null and webhook_secret not like :current")
                .setParameter("current", SecretBox.PREFIX + box.currentKeyId() + ":%").getResultList();
        for (Object[] row : rows) {
            em.createNativeQuery("update contact set webhook_secret = :sealed where cast(id as text) = :id")
                    .setParameter("sealed", box.seal(box.open((String) row[1]))).setParameter("id", row[0]).executeUpdate();
        }
        if (!rows.isEmpty()) {
            LOG.infof("Sealed %d webhook secret(s) with key %s", rows.size(), box.currentKeyId());
        }
        return rows.size();
    }
}
