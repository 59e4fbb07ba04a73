package org.vrrp.tool;

import org.slf4j.LoggerFactory;
import org.vrrp.linux.InheritedSignals;

/**
 * SIGHUP, SIGTERM and SIGINT for the tool. The JDK has no public API for it; {@code sun.misc.Signal} (module
 * jdk.unsupported, present in every OpenJDK) is what daemons on the JVM use.
 */
final class Signals {
    private Signals() {}

    /**
     * Runs {@code action} on each SIGHUP, on a thread of the JVM's signal dispatcher; also when the parent left SIGHUP
     * ignored (nohup), as keepalived reloads then too.
     */
    @SuppressWarnings("removal")
    static void onHangup(Runnable action) {
        unignore(1, "SIGHUP", "reloads the file");
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
        unignore(15, "SIGTERM", "stops gracefully");
        unignore(2, "SIGINT", "stops gracefully");
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> action.run());
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> action.run());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * An ignored disposition inherited from the parent would make the JVM skip our handler without a word
     * ({@link InheritedSignals}): the campaign, started under nohup, found that {@code vrrp run} never reloaded.
     */
    private static void unignore(int number, String name, String what) {
        try {
            if (InheritedSignals.unignore(number)) {
                LoggerFactory.getLogger("vrrp").info("{} was ignored when this process started (nohup, or a"
                        + " background job of a script); it is handled all the same: {} {}", name, name, what);
            }
        } catch (IllegalStateException | LinkageError e) {
            LoggerFactory.getLogger("vrrp").warn("could not check whether {} is ignored ({}); if the parent ignored"
                    + " it, {} does nothing here", name, e.getMessage(), name);
        }
    }
}
