package org.vrrp.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.LongConsumer;

/**
 * Runs a randomized check over many seeds, or one: {@code -Dvrrp.seed=N} reruns a single failure,
 * {@code -Dvrrp.seeds=N} changes how many run. A failure names its seed and how to rerun it.
 */
final class Seeds {
    private Seeds() {}

    static void forEach(int defaultCount, LongConsumer check) {
        String only = System.getProperty("vrrp.seed");
        long first = only != null ? Long.parseLong(only) : 1;
        long count = only != null ? 1 : Integer.getInteger("vrrp.seeds", defaultCount);
        for (long seed = first; seed < first + count; seed++) {
            try {
                check.accept(seed);
            } catch (AssertionError | RuntimeException e) {
                fail("seed " + seed + " failed (rerun with -Dvrrp.seed=" + seed + "): " + e.getMessage(), e);
            }
        }
    }
}
