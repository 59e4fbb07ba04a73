package org.vrrp.spi;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Serves a router's control socket (a Unix domain stream socket), found with
 * {@link java.util.ServiceLoader}; {@code vrrp-linux} provides one. It moves request lines to a
 * {@link ControlHandler} and responses back, with the peer's kernel-reported credentials; the protocol
 * and the authorization decision belong to {@code org.vrrp.control}.
 *
 * <p>Implementations must be thread-safe, serve on threads of their own (never the caller's or a
 * router's protocol thread), and bound what a slow or hostile client can hold (timeouts, line length).
 */
public interface ControlSocketProvider {
    /**
     * Short name, e.g. {@code "jnr-unixsocket"}.
     *
     * @return the name
     */
    String name();

    /**
     * Whether this provider can work here (native library loads).
     *
     * @return whether this provider can work here (native library loads)
     */
    boolean isAvailable();

    /**
     * Why {@link #isAvailable()} is false, with what to do about it; empty string when available.
     *
     * @return the unavailability cause
     */
    String unavailabilityCause();

    /**
     * The effective uid of this process: the router's own user, who may send commands besides root.
     *
     * @return the effective uid of this process: the router's own user, who may send commands besides root
     */
    long processUid();

    /**
     * Starts listening on {@code path}, creating its directory if missing. A stale socket file (nobody
     * listening) is replaced; a live one, or a file that is not a socket, is an error.
     *
     * @param path the path
     * @param handler the handler
     * @return closing it stops the server and deletes the socket file; idempotent
     * @throws IOException with a message naming the path and the fix
     */
    Closeable listen(Path path, ControlHandler handler) throws IOException;
}
