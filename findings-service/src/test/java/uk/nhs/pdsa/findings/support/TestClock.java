package uk.nhs.pdsa.findings.support;

import jakarta.inject.Singleton;
import uk.nhs.pdsa.testing.OffsetClock;

/** The service's clock in tests: real time plus an offset a test moves forward (and puts back). */
@Singleton
public class TestClock extends OffsetClock {
}
