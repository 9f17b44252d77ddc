package uk.nhs.pdsa.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The guide runner's own rules (ApiGuidesIT): which blocks run, and when shown output counts as printed. */
class ApiGuidesRunnerTest {
    private static final String GUIDE = """
            # A guide

            ```sh
            echo one
            ```

            ```text
            one
            ```

            Not run:

            ```
            rm -rf /
            ```

            ```sh
            echo two
            ```

            ```json
            {"shown": "as an example only"}
            ```
            """;

    @Test
    void shouldRunShBlocksOnlyEachWithTheTextBlockAfterIt() {
        List<ApiGuidesIT.Block> blocks = ApiGuidesIT.blocks(GUIDE);
        assertThat(blocks).extracting(ApiGuidesIT.Block::script).containsExactly("echo one\n", "echo two\n");
        assertThat(blocks).extracting(ApiGuidesIT.Block::expected).containsExactly("one\n", null);
        assertThat(blocks).extracting(ApiGuidesIT.Block::line).containsExactly(3, 17);
    }

    @Test
    void shouldFindShownLinesInOrderWithEllipsisForWhatVaries() {
        String printed = """
                HTTP/1.1 201 Created
                Location: http://localhost:28081/api/v1/audit-results/cc9d
                {"revision":1,"outcome":"created"}
                """;
        assertThat(ApiGuidesIT.mismatches("HTTP/1.1 201 Created\nLocation: …/audit-results/…\n", printed)).isEmpty();
        assertThat(ApiGuidesIT.mismatches("  {\"revision\":1,…}", printed)).isEmpty();
        // A number the guide promises that the service did not print fails; so does the wrong order.
        assertThat(ApiGuidesIT.mismatches("{\"revision\":2,…}", printed))
                .containsExactly("shows \"{\"revision\":2,…}\", not printed");
        assertThat(ApiGuidesIT.mismatches("Location: …\nHTTP/1.1 201 Created", printed)).hasSize(1);
        assertThat(ApiGuidesIT.mismatches("HTTP/1.1 201", printed)).as("a whole line, not a part").hasSize(1);
    }
}
