package org.vrrp.examples.cli;

import org.slf4j.LoggerFactory;

/**
 * SIGHUP for the tool. The JDK has no public API for it; {@code sun.misc.Signal} (module
 * jdk.unsupported, present in every OpenJDK) is what daemons on the JVM use.
 */
final class Signals {
    private Signals() {}

    /** Runs {@code action} on each SIGHUP, on a thread of the JVM's signal dispatcher. */
    @SuppressWarnings("removal")
    static void onHangup(Runnable action) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> action.run());
        } catch (IllegalArgumentException e) {
            LoggerFactory.getLogger("vrrp").warn("SIGHUP cannot be handled here ({}); reload needs a restart",
                    e.getMessage());
        }
    }
}
