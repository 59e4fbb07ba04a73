package org.vrrp.linux.control;

/**
 * The libc calls jnr-unixsocket does not expose, mirroring their C prototypes. Public only because
 * jnr-ffi generates its implementation in another class loader; only {@link UnixControlServer} and
 * {@link UnixControlSocketProvider} call it.
 */
public interface SocketLibC {
    /** {@code shutdown(2)} how: stop both directions. */
    int SHUT_RDWR = 2;

    /**
     * {@code int shutdown(int sockfd, int how)}: wakes a thread blocked in accept(2) on that socket.
     *
     * @param fd the listening socket
     * @param how {@link #SHUT_RDWR}
     * @return 0, or -1 with errno set
     */
    int shutdown(int fd, int how);

    /**
     * {@code uid_t geteuid(void)}.
     *
     * @return the effective user id
     */
    int geteuid();
}
