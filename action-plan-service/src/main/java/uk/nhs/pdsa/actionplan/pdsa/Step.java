package uk.nhs.pdsa.actionplan.pdsa;

/** What a team can record on a cycle. */
public enum Step {
    /** Record Do: the change was made (Plan -> Do). */
    DO("do"),
    /** Record Study: the data after the change against the prediction (Do -> Study). */
    STUDY("study"),
    /** Record Act: adopt, adapt or abandon (Study -> Act, the cycle is complete). */
    ACT("act"),
    /** Hand the cycle to a new owner (any stage before Act). */
    HAND_OVER("owner"),
    /** Set the team's own progress score (any stage before Act; Act can carry one too). */
    SCORE("progress-score"),
    /** Change who is on the team (any stage before Act). */
    TEAM("team");

    private final String code;

    Step(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
