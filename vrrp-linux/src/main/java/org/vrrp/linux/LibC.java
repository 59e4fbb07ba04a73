package org.vrrp.linux;

import jnr.ffi.Pointer;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The libc functions vrrp-linux calls, mirroring their C prototypes one to one. Package-private: only
 * {@link Native} calls these, and it checks every return value. Pointers are native memory (see
 * {@link NativeBuffer}); nothing here copies Java arrays.
 */
interface LibC {
    int socket(int domain, int type, int protocol);

    int setsockopt(int fd, int level, int optname, Pointer optval, int optlen);

    int getsockopt(int fd, int level, int optname, Pointer optval, Pointer optlen);

    int bind(int fd, Pointer addr, int addrlen);

    @ssize_t long sendto(int fd, Pointer buf, @size_t long len, int flags, Pointer destAddr, int addrlen);

    @ssize_t long recvfrom(int fd, Pointer buf, @size_t long len, int flags, Pointer srcAddr, Pointer addrlen);

    @ssize_t long recvmsg(int fd, Pointer msghdr, int flags);

    int poll(Pointer fds, long nfds, int timeoutMillis);

    int eventfd(int initval, int flags);

    @ssize_t long read(int fd, Pointer buf, @size_t long count);

    @ssize_t long write(int fd, Pointer buf, @size_t long count);

    int close(int fd);

    int open(String pathname, int flags);

    int setns(int fd, int nstype);

    int getuid();

    int geteuid();

    String strerror(int errnum);
}
