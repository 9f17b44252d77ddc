package uk.nhs.pdsa.testing;

import java.util.Locale;

/**
 * Flesch reading ease (Flesch 1948): 206.835 - 1.015 (words / sentences) - 84.6 (syllables / words). 60 and
 * above reads as plain English. Syllables are counted by vowel groups, less a silent final e, at least one
 * per word: the usual approximation.
 */
public final class Readability {
    private Readability() {
    }

    public static double fleschReadingEase(String text) {
        String[] sentences = text.trim().split("[.!?]+(\\s+|$)");
        String[] words = text.trim().split("[^A-Za-z0-9']+");
        int wordCount = 0;
        int syllables = 0;
        for (String w : words) {
            if (w.isEmpty()) {
                continue;
            }
            wordCount++;
            syllables += syllables(w);
        }
        int sentenceCount = Math.max(1, (int) java.util.Arrays.stream(sentences).filter(s -> !s.isBlank()).count());
        return 206.835 - 1.015 * ((double) wordCount / sentenceCount) - 84.6 * ((double) syllables / Math.max(1, wordCount));
    }

    public static int syllables(String word) {
        String w = word.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        if (w.isEmpty()) {
            return 1; // a number is read as one word of about one syllable
        }
        if (w.length() <= 3) {
            return 1;
        }
        w = w.replaceAll("(?:[^laeiouy]es|ed|[^laeiouy]e)$", "").replaceAll("^y", "");
        int groups = w.split("[^aeiouy]+", -1).length;
        int count = (int) java.util.regex.Pattern.compile("[aeiouy]+").matcher(w).results().count();
        return Math.max(1, count == 0 ? groups : count);
    }
}
