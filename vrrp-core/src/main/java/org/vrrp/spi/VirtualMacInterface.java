package org.vrrp.spi;

import java.io.IOException;

/**
 * The interface that carries an instance's virtual MAC address (RFC 9568 7.3: 00:00:5e:00:01:VRID for IPv4,
 * 00:00:5e:00:02:VRID for IPv6), on Linux a macvlan on the instance's interface. The VIPs live on it, their
 * gratuitous ARP / neighbor advertisements carry its MAC, and (unless the instance transmits through its base
 * interface) so do the adverts. Obtained from {@link NetworkStack#openVirtualMac}.
 *
 * <p>It starts inactive: it neither answers nor sends with the virtual MAC, so a backup never competes with the
 * master for that MAC, while the base interface and its own addresses keep working. The router activates it on
 * becoming master and deactivates it on leaving.
 *
 * <p>Thread-safety: called from the router's protocol thread; {@link #close} also from the thread that stops the
 * router, after the protocol thread has finished.
 */
public interface VirtualMacInterface extends AutoCloseable {
    /**
     * The interface's name, e.g. {@code vrrp.51}: the device of the instance's VIPs.
     *
     * @return the name
     */
    String name();

    /**
     * Lets the interface answer and send with the virtual MAC. Idempotent.
     *
     * @throws IOException if the kernel refuses; the message says why
     */
    void activate() throws IOException;

    /**
     * Stops the interface answering or sending with the virtual MAC (it stays, with its addresses). Idempotent.
     *
     * @throws IOException if the kernel refuses; the message says why
     */
    void deactivate() throws IOException;

    /** Removes the interface and undoes every setting made for it. Idempotent; failures are logged. */
    @Override
    void close();
}
