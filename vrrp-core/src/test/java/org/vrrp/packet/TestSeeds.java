package org.vrrp.packet;

/** The seed of randomized tests: fixed by default, so runs repeat; {@code -Dvrrp.seed=N} to replay or explore. */
final class TestSeeds {
    private TestSeeds() {}

    static final long DEFAULT_SEED = 0x5eed_3768_9568L;

    static long seed() {
        return Long.getLong("vrrp.seed", DEFAULT_SEED);
    }

    /** Text for a failure message that tells how to replay it. */
    static String replay(long seed, int caseNumber) {
        return "(replay with -Dvrrp.seed=" + seed + ", case " + caseNumber + ")";
    }
}
