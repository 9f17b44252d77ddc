package uk.nhs.pdsa.metrics;

import java.util.regex.Pattern;

/**
 * The code of an organisation: a trust's ODS code (three to ten capital letters or digits: {@code RXH},
 * {@code RJ1}) or a code of the same form the catalogue gives a college or patient group. The catalogue event's
 * schema uses the same pattern.
 */
public final class OrganisationCode {
    public static final Pattern PATTERN = Pattern.compile("^[A-Z0-9]{3,10}$");
    public static final String RULE = "3 to 10 capital letters or digits (an ODS code such as RXH)";

    private OrganisationCode() {
    }

    public static boolean isValid(String code) {
        return code != null && PATTERN.matcher(code).matches();
    }
}
