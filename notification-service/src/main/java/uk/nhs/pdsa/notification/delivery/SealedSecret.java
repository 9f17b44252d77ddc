package uk.nhs.pdsa.notification.delivery;

import org.eclipse.microprofile.config.ConfigProvider;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a contact's webhook secret sealed ({@link SecretBox}) and reads it back opened. */
@Converter
public class SealedSecret implements AttributeConverter<String, String> {
    private static volatile SecretBox box;

    static SecretBox box() {
        SecretBox current = box;
        if (current == null) {
            current = SecretBox.parse(ConfigProvider.getConfig().getOptionalValue("pdsa.webhooks.secret-keys", String.class)
                    .orElse(""));
            box = current;
        }
        return current;
    }

    @Override
    public String convertToDatabaseColumn(String secret) {
        return box().seal(secret);
    }

    @Override
    public String convertToEntityAttribute(String stored) {
        return box().open(stored);
    }
}
