package uk.nhs.pdsa.notification.delivery;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook signing secrets sealed at rest with AES-256-GCM (docs/security.md, "Webhook secrets"). Keys come from
 * configuration ({@code pdsa.webhooks.secret-keys}: {@code id:base64-of-32-bytes}, comma-separated, the first
 * sealing, every one opening), so a key is rotated by putting a new one first and keeping the old one until the
 * service has re-sealed every stored secret with the new one (it does at start). A sealed value reads
 * {@code enc:v1:<key id>:<base64 of nonce and ciphertext>}; the key id is bound into the ciphertext.
 */
public final class SecretBox {
    public static final String PREFIX = "enc:v1:";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final List<Key> keys;

    record Key(String id, SecretKeySpec key) {
    }

    private SecretBox(List<Key> keys) {
        this.keys = List.copyOf(keys);
    }

    /** Reads {@code id:base64key[,id:base64key...]}; refuses anything else, naming the entry (never the key). */
    public static SecretBox parse(String configured) {
        List<Key> keys = new ArrayList<>();
        for (String entry : configured == null ? new String[0] : configured.split(",")) {
            String trimmed = entry.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            String id = colon > 0 ? trimmed.substring(0, colon) : "";
            if (!id.matches("^[A-Za-z0-9_-]{1,32}$")) {
                throw new IllegalArgumentException("each webhook secret key is id:base64 (an id of letters, digits, _ or -)");
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(trimmed.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("webhook secret key " + id + " is not base64");
            }
            if (key.length != 32) {
                throw new IllegalArgumentException("webhook secret key " + id + " must be 32 bytes (AES-256)");
            }
            if (keys.stream().anyMatch(k -> k.id().equals(id))) {
                throw new IllegalArgumentException("webhook secret key " + id + " is listed twice");
            }
            keys.add(new Key(id, new SecretKeySpec(key, "AES")));
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no webhook secret key is configured (pdsa.webhooks.secret-keys,"
                    + " WEBHOOK_SECRET_KEYS): webhook secrets are stored sealed");
        }
        return new SecretBox(keys);
    }

    public String currentKeyId() {
        return keys.get(0).id();
    }

    /** True when {@code stored} is sealed with the current key (nothing to re-seal). */
    public boolean current(String stored) {
        return stored != null && stored.startsWith(PREFIX + currentKeyId() + ":");
    }

    public String seal(String secret) {
        if (secret == null) {
            return null;
        }
        Key key = keys.get(0);
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.key(), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(key.id().getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return PREFIX + key.id() + ":" + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a webhook secret", e);
        }
    }

    /** The secret; a value stored before secrets were sealed (no prefix) is returned as it is. */
    public String open(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored;
        }
        String rest = stored.substring(PREFIX.length());
        int colon = rest.indexOf(':');
        String id = colon > 0 ? rest.substring(0, colon) : "";
        Key key = keys.stream().filter(k -> k.id().equals(id)).findFirst().orElseThrow(() -> new IllegalStateException(
                "a webhook secret is sealed with key " + id + ", which is not configured"));
        try {
            byte[] all = Base64.getDecoder().decode(rest.substring(colon + 1));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.key(), new GCMParameterSpec(128, all, 0, 12));
            cipher.updateAAD(key.id().getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a webhook secret sealed with key " + id + " cannot be opened", e);
        }
    }
}
