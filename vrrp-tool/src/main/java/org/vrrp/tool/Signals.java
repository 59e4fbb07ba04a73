package org.vrrp.tool;

import org.slf4j.LoggerFactory;

/**
 * SIGHUP, SIGTERM and SIGINT for the tool. The JDK has no public API for it; {@code sun.misc.Signal} (module
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

    /**
     * Runs {@code action} on SIGTERM and SIGINT instead of the JVM's own handling. The JVM's default
     * starts its shutdown and exits with 128 + signal (143 for SIGTERM) whatever {@code main} returns,
     * so a graceful stop would look like a failure to systemd and scripts; with this the command does
     * its stop on its own thread and exits 0.
     *
     * @return false if the signals cannot be handled here (e.g. {@code -Xrs}); the JVM's default stays
     */
    @SuppressWarnings("removal")
    static boolean onTerminate(Runnable action) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> action.run());
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> action.run());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
