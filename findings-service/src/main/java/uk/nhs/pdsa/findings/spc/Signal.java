package uk.nhs.pdsa.findings.spc;

/** One special-cause rule that fired, over the points {@code from}..{@code to} (inclusive indexes). */
public record Signal(SpecialCauseRule rule, int from, int to, Side side) {

    public boolean covers(int index) {
        return index >= from && index <= to;
    }
}
