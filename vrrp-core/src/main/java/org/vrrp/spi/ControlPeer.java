package org.vrrp.spi;

/**
 * Who is at the other end of a control connection, as the kernel says (SO_PEERCRED on Linux).
 *
 * @param uid user id, or {@link #UNKNOWN} if the kernel did not say
 * @param pid process id, or {@link #UNKNOWN}
 */
public record ControlPeer(long uid, long pid) {
    /** Value of a field the kernel did not report. */
    public static final long UNKNOWN = -1;

    /**
     * A peer whose credentials could not be read: it may read status but change nothing.
     *
     * @return a peer whose credentials could not be read: it may read status but change nothing
     */
    public static ControlPeer unknown() {
        return new ControlPeer(UNKNOWN, UNKNOWN);
    }
}
