package org.vrrp.linux;

import jnr.ffi.Pointer;

/**
 * Undoes a parent's "ignore this signal" before the JVM is asked to handle it. A process started by {@code nohup}
 * has SIGHUP ignored, and one started in the background by a non-interactive shell ({@code vrrp run ... &} in a
 * script) has SIGINT ignored; the ignoring is inherited across exec, and the JVM then silently does not install the
 * handlers that {@code sun.misc.Signal.handle} asks for: a daemon would never reload on SIGHUP, with no error.
 * keepalived installs its handlers whatever it inherited; so does {@code vrrp run}, through this.
 *
 * <p>Thread-safe; meant to run once, at start-up, before the handlers are registered.
 */
public final class InheritedSignals {
    /** The value of SIG_IGN, the first field of a struct sigaction on every Linux libc. */
    private static final long SIG_IGN = 1;

    private InheritedSignals() {
    }

    /**
     * If {@code signal} is ignored in this process, gives it its default disposition (a zeroed struct sigaction:
     * SIG_DFL, no mask, no flags), so that the JVM accepts a handler for it afterwards. Does nothing otherwise.
     *
     * @param signal the signal number (1 SIGHUP, 2 SIGINT, 15 SIGTERM)
     * @return true if it was ignored and is now at its default
     * @throws IllegalStateException if libc cannot be reached or refuses
     */
    public static boolean unignore(int signal) {
        Pointer old = Native.allocate(Native.SIGACTION_BYTES);
        try {
            Native.sigaction(signal, null, old, "read the disposition of signal " + signal);
            if (old.getLong(0) != SIG_IGN) {
                return false;
            }
            Native.sigaction(signal, Native.allocate(Native.SIGACTION_BYTES), null,
                    "give signal " + signal + " its default disposition");
            return true;
        } catch (ErrnoException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
