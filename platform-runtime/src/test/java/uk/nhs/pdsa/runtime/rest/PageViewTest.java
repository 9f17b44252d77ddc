package uk.nhs.pdsa.runtime.rest;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import uk.nhs.pdsa.runtime.problem.ProblemException;

/** Paging parameters every list shares: refused with a pointer, never left to overflow into a database error. */
class PageViewTest {
    @Test
    void shouldRefuseAPageWhoseFirstItemIsBeyondAnyListsReach() {
        // 2,147,483,647 x 100 overflows an int: the query's first result would be negative (a 500 before).
        assertThatThrownBy(() -> PageView.check(Integer.MAX_VALUE, 100, 500)).isInstanceOf(ProblemException.class)
                .hasMessageContaining("page is too far on");
        assertThatThrownBy(() -> PageView.check(21_474_836, 100, 500)).isInstanceOf(ProblemException.class);
        assertThatCode(() -> PageView.check(21_474_835, 100, 500)).as("the last page whose items all fit")
                .doesNotThrowAnyException();
        assertThatCode(() -> PageView.check(Integer.MAX_VALUE - 1, 1, 500)).doesNotThrowAnyException();
    }

    @Test
    void shouldRefuseANegativePageAndASizeOutOfRange() {
        assertThatThrownBy(() -> PageView.check(-1, 10, 500)).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> PageView.check(0, 0, 500)).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> PageView.check(0, 501, 500)).isInstanceOf(ProblemException.class);
        assertThatCode(() -> PageView.check(0, 500, 500)).doesNotThrowAnyException();
    }
}
