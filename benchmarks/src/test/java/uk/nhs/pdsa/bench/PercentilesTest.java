package uk.nhs.pdsa.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PercentilesTest {
    @Test
    void shouldUseTheNearestRank() {
        Percentiles p = new Percentiles();
        for (int i = 100; i >= 1; i--) {
            p.add(i);
        }
        assertThat(p.percentile(50)).isEqualTo(50);
        assertThat(p.percentile(99)).isEqualTo(99);
        assertThat(p.percentile(100)).isEqualTo(100);
        assertThat(p.percentile(0.5)).isEqualTo(1);
    }

    @Test
    void shouldGrowPastItsFirstCapacity() {
        Percentiles p = new Percentiles();
        for (int i = 0; i < 200_000; i++) {
            p.add(i % 10);
        }
        assertThat(p.count()).isEqualTo(200_000);
        assertThat(p.percentile(95)).isEqualTo(9);
        assertThat(new Percentiles().percentile(50)).isEqualTo(-1);
    }
}
