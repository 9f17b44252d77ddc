package uk.nhs.pdsa.testing;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;

/**
 * Holds each {@code @QuarkusTest} of a module to its published OpenAPI document ({@link OpenApiContract}) when the
 * module's build sets {@code pdsa.openapi.contract} (its {@code openapi.contract} property). Runs inside the test's
 * own class loader, where its REST Assured lives.
 */
public final class OpenApiContractCallback implements QuarkusTestBeforeEachCallback {
    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        if (Boolean.getBoolean("pdsa.openapi.contract")) {
            OpenApiContract.register();
        }
    }
}
