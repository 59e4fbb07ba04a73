package org.vrrp.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongConsumer;

/**
 * Runs a randomized check over many seeds, or one: {@code -Dvrrp.seed=N} reruns a single failure,
 * {@code -Dvrrp.seeds=N} changes how many run. A failure names its seed and how to rerun it. Also the
 * draws the randomized tests share.
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

    /** {@code count} different priorities in 1..254, drawn from {@code rnd} one after the other. */
    static List<Integer> distinctPriorities(Random rnd, int count) {
        List<Integer> priorities = new ArrayList<>();
        while (priorities.size() < count) {
            int priority = 1 + rnd.nextInt(254);
            if (!priorities.contains(priority)) {
                priorities.add(priority);
            }
        }
        return priorities;
    }

    /** Index of the highest priority, leaving out {@code stopped} (-1: none stopped). */
    static int highestExcept(List<Integer> priorities, int stopped) {
        int best = -1;
        for (int i = 0; i < priorities.size(); i++) {
            if (i != stopped && (best < 0 || priorities.get(i) > priorities.get(best))) {
                best = i;
            }
        }
        return best;
    }
}
