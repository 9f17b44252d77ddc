package uk.nhs.pdsa.runtime.json;

import java.util.List;

import uk.nhs.pdsa.runtime.problem.Problem.FieldError;
import uk.nhs.pdsa.runtime.problem.ProblemException;

/**
 * The characters text may hold here (docs/api.md, "Text"): any Unicode character except control characters.
 * Tab, line feed and carriage return are allowed (free text has lines); NUL and the other C0 controls, DEL, the
 * C1 controls and unpaired surrogates are refused. PostgreSQL cannot store NUL, and none of these belongs in a
 * name, a code or a clinical team's note.
 */
public final class PlainText {
    private PlainText() {
    }

    /** The index of the first refused character of {@code text}, or -1 when every character is allowed. */
    public static int firstRefused(CharSequence text) {
        if (text == null) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 ? c != '\t' && c != '\n' && c != '\r' : c >= 0x7F && c <= 0x9F) {
                return i;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    public static boolean allowed(CharSequence text) {
        return firstRefused(text) < 0;
    }

    /** Why {@code text} is refused, naming the character as U+XXXX and its position (from 1), or null. */
    public static String refusal(CharSequence text) {
        int at = firstRefused(text);
        return at < 0 ? null
                : String.format("contains the control character U+%04X at position %d; text may hold tab, line feed"
                        + " and carriage return but no other control character", (int) text.charAt(at), at + 1);
    }

    /** Throws 400 problem+json pointing at {@code pointer} when {@code text} holds a refused character. */
    public static void require(CharSequence text, String pointer) {
        String refusal = refusal(text);
        if (refusal != null) {
            throw ProblemException.validation("1 invalid field(s)", List.of(new FieldError(pointer, refusal)));
        }
    }
}
