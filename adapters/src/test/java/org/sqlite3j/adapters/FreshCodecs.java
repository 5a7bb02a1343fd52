package org.sqlite3j.adapters;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Before every test of this module, {@link JsonRecords}' codec cache starts empty (registered for all
 * tests in META-INF/services, turned on by junit-platform.properties). Mutation testing runs many tests
 * in one JVM: a codec built before a mutant is installed would be used under it and hide it.
 */
public final class FreshCodecs implements BeforeEachCallback {
    @Override
    public void beforeEach(ExtensionContext context) {
        JsonRecords.forgetCodecs();
    }
}
