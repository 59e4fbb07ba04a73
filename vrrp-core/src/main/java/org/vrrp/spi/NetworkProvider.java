package org.vrrp.spi;

import java.io.IOException;

/**
 * An operating-system adapter, found with {@link java.util.ServiceLoader}. {@code vrrp-linux} provides
 * one; {@code org.vrrp.testing.SimulatedLan} (artifact vrrp-testing) supplies stacks directly for tests.
 *
 * <p>Implementations must be thread-safe.
 */
public interface NetworkProvider {
    /**
     * Short name, e.g. {@code "linux"}.
     *
     * @return the name
     */
    String name();

    /**
     * Whether this adapter can work here (right OS, native library loads, privileges).
     *
     * @return whether this adapter can work here (right OS, native library loads, privileges)
     */
    boolean isAvailable();

    /**
     * Why {@link #isAvailable()} is false, with what to do about it; empty string when available.
     *
     * @return the unavailability cause
     */
    String unavailabilityCause();

    /**
     * Opens the stack for one router.
     *
     * @param networkNamespace name under /var/run/netns, or null for the caller's namespace
     * @return a stack bound to that namespace
     * @throws IOException with a message naming the cause and the fix (missing capability, namespace)
     */
    NetworkStack open(String networkNamespace) throws IOException;
}
