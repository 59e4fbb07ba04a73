package org.vrrp.linux;

import static org.vrrp.linux.LinuxConstants.EAGAIN;
import static org.vrrp.linux.LinuxConstants.EINTR;

import java.util.function.IntFunction;
import jnr.constants.platform.Errno;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * Checked wrappers around {@link LibC}: every call's return is checked, errno is read right after the
 * failing call on the same thread (pitfall 4), EINTR is retried, and failures become
 * {@link ErrnoException}s that name the call and, through an advice function, the fix.
 *
 * <p>Thread-safe: libc calls are, and errno is per thread.
 */
final class Native {
    /**
     * The libc functions vrrp-linux calls, mirroring their C prototypes one to one. Only {@link Native}
     * calls these, and it checks every return value. Pointers are native memory from
     * {@link Native#allocate}; nothing here copies Java arrays.
     *
     * <p>Declared {@code public} inside the package-private {@link Native} because jnr-ffi generates the
     * implementation in its own class loader, which the JVM only lets implement a public interface; the
     * enclosing class keeps it out of reach of other packages.
     */
    public interface LibC {
        int socket(int domain, int type, int protocol);

        int setsockopt(int fd, int level, int optname, Pointer optval, int optlen);

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

        int sigaction(int signum, Pointer act, Pointer oldact);

        int sched_setscheduler(int pid, int policy, Pointer param);
    }

    private static final LibC LIBC;
    private static final Runtime RUNTIME;
    private static final Throwable LOAD_FAILURE;

    static {
        LibC libc = null;
        Runtime runtime = null;
        Throwable failure = null;
        try {
            libc = LibraryLoader.create(LibC.class).load("c");
            runtime = Runtime.getRuntime(libc);
        } catch (Throwable e) { // UnsatisfiedLinkError, or jffi's native stub missing for this platform
            failure = e;
        }
        LIBC = libc;
        RUNTIME = runtime;
        LOAD_FAILURE = failure;
    }

    private Native() {
    }

    /** Why libc could not be loaded through jnr-ffi, or null if it was. */
    static Throwable loadFailure() {
        return LOAD_FAILURE;
    }

    static LibC libc() {
        if (LIBC == null) {
            throw new IllegalStateException("libc could not be loaded through jnr-ffi: " + LOAD_FAILURE,
                    LOAD_FAILURE);
        }
        return LIBC;
    }

    /** Zeroed native memory, freed when unreachable. */
    static Pointer allocate(int sizeBytes) {
        libc();
        return Memory.allocateDirect(RUNTIME, sizeBytes, true);
    }

    static int errno() {
        return RUNTIME.getLastError();
    }

    static String describeErrno(int errno) {
        String name = "errno " + errno;
        String text = null;
        try {
            Errno e = Errno.valueOf(errno);
            if (e != null && e.defined()) {
                name = e.name();
                text = e.description();
            }
        } catch (RuntimeException ignored) {
            // fall back to the number
        }
        return (text == null ? "" : text + " ") + "(" + name + ", " + errno + ")";
    }

    private static ErrnoException failure(String operation, int errno, IntFunction<String> advice) {
        return new ErrnoException(operation, errno, advice == null ? null : advice.apply(errno));
    }

    static int socket(int domain, int type, int protocol, String what, IntFunction<String> advice)
            throws ErrnoException {
        int fd = libc().socket(domain, type | LinuxConstants.SOCK_CLOEXEC, protocol);
        if (fd < 0) {
            throw failure("socket(" + what + ")", errno(), advice);
        }
        return fd;
    }

    /** Sets up a new socket; if it throws, the socket is closed. */
    @FunctionalInterface
    interface SocketSetup {
        void configure(int fd) throws ErrnoException;
    }

    /** socket(2), then {@code setup}; the descriptor is closed if the setup fails, so nothing leaks. */
    static int socket(int domain, int type, int protocol, String what, IntFunction<String> advice,
                      SocketSetup setup) throws ErrnoException {
        int fd = socket(domain, type, protocol, what, advice);
        try {
            setup.configure(fd);
            return fd;
        } catch (ErrnoException | RuntimeException e) {
            close(fd);
            throw e;
        }
    }

    static void setsockopt(int fd, int level, int option, Pointer value, int length, String what,
                           IntFunction<String> advice) throws ErrnoException {
        if (libc().setsockopt(fd, level, option, value, length) < 0) {
            throw failure("setsockopt(" + what + ")", errno(), advice);
        }
    }

    static void setsockoptInt(int fd, int level, int option, int value, String what) throws ErrnoException {
        Pointer p = allocate(4);
        p.putInt(0, value);
        setsockopt(fd, level, option, p, 4, what, null);
    }

    static void bind(int fd, Pointer address, int length, String what) throws ErrnoException {
        if (libc().bind(fd, address, length) < 0) {
            throw failure("bind(" + what + ")", errno(), null);
        }
    }

    /** A libc call that returns a count or a descriptor, or -1 with errno set. */
    @FunctionalInterface
    private interface Call {
        long invoke();
    }

    /**
     * Runs {@code call} again while it fails with EINTR.
     *
     * @param wouldBlockIsEmpty whether EAGAIN means "nothing to do" (then -1 is returned) rather than failure
     */
    private static long retryInterrupted(Call call, boolean wouldBlockIsEmpty, String operation,
                                         IntFunction<String> advice) throws ErrnoException {
        while (true) {
            long n = call.invoke();
            if (n >= 0) {
                return n;
            }
            int errno = errno();
            if (wouldBlockIsEmpty && errno == EAGAIN) {
                return -1;
            }
            if (errno != EINTR) {
                throw failure(operation, errno, advice);
            }
        }
    }

    /**
     * Sends one datagram; returns the bytes sent. Retries EINTR. Written out rather than through
     * {@link #retryInterrupted} so that the send path allocates nothing (no lambda, no message text
     * unless it fails): callers add their context to the exception.
     */
    static long sendto(int fd, Pointer buf, int length, Pointer address, int addressLength) throws ErrnoException {
        while (true) {
            long n = libc().sendto(fd, buf, length, 0, address, addressLength);
            if (n >= 0) {
                return n;
            }
            int errno = errno();
            if (errno != EINTR) {
                throw failure("sendto", errno, null);
            }
        }
    }

    /** Receives one datagram without blocking; returns its length, or -1 if none is queued. */
    static long recvNonBlocking(int fd, Pointer buf, int capacity, String what) throws ErrnoException {
        return retryInterrupted(() -> libc().recvfrom(fd, buf, capacity, LinuxConstants.MSG_DONTWAIT, null, null),
                true, "recv(" + what + ")", null);
    }

    /** Blocking receive (bounded by the socket's SO_RCVTIMEO); a timeout surfaces as EAGAIN. */
    static long recvBlocking(int fd, Pointer buf, int capacity, String what) throws ErrnoException {
        return retryInterrupted(() -> libc().recvfrom(fd, buf, capacity, 0, null, null), false,
                "recv(" + what + ")", e -> e == EAGAIN ? "the kernel did not answer in time" : "");
    }

    /** recvmsg without blocking; returns the length, or -1 if nothing is queued. */
    static long recvmsgNonBlocking(int fd, Pointer msghdr, String what) throws ErrnoException {
        return retryInterrupted(() -> libc().recvmsg(fd, msghdr, LinuxConstants.MSG_DONTWAIT), true,
                "recvmsg(" + what + ")", null);
    }

    /** poll(2); returns the number of ready descriptors, 0 on an interrupted call. */
    static int poll(Pointer fds, int count, int timeoutMillis) throws ErrnoException {
        int n = libc().poll(fds, count, timeoutMillis);
        if (n < 0) {
            int errno = errno();
            if (errno == EINTR) {
                return 0;
            }
            throw failure("poll", errno, null);
        }
        return n;
    }

    static int eventfd() throws ErrnoException {
        int fd = libc().eventfd(0, LinuxConstants.EFD_CLOEXEC | LinuxConstants.EFD_NONBLOCK);
        if (fd < 0) {
            throw failure("eventfd", errno(), null);
        }
        return fd;
    }

    /** Adds one to an eventfd counter. EAGAIN (counter saturated) still means "readable", so it is fine. */
    static void eventfdSignal(int fd, Pointer eightBytes) throws ErrnoException {
        eightBytes.putLong(0, 1L);
        retryInterrupted(() -> libc().write(fd, eightBytes, 8), true, "write(eventfd)", null);
    }

    /** Resets an eventfd counter to zero. */
    static void eventfdDrain(int fd, Pointer eightBytes) throws ErrnoException {
        retryInterrupted(() -> libc().read(fd, eightBytes, 8), true, "read(eventfd)", null);
    }

    static int open(String path, int flags, String what, IntFunction<String> advice) throws ErrnoException {
        return (int) retryInterrupted(() -> libc().open(path, flags | LinuxConstants.O_CLOEXEC), false,
                "open(" + what + ")", advice);
    }

    static void setns(int fd, String what) throws ErrnoException {
        if (libc().setns(fd, LinuxConstants.CLONE_NEWNET) < 0) {
            throw failure("setns(" + what + ")", errno(), Advice::setns);
        }
    }

    /**
     * sigaction(2): the disposition of {@code signal} into {@code old} and, if {@code act} is not null, the new one
     * from it. Buffers of {@link #SIGACTION_BYTES}.
     */
    static void sigaction(int signal, Pointer act, Pointer old, String what) throws ErrnoException {
        if (libc().sigaction(signal, act, old) < 0) {
            throw failure("sigaction(" + what + ")", errno(), null);
        }
    }

    /**
     * sched_setscheduler(2) on the calling thread (pid 0 is the caller, a thread on Linux): SCHED_RR at
     * {@code rtPriority}, or SCHED_OTHER for 0, in both cases with SCHED_RESET_ON_FORK so that threads and
     * processes it creates later start under SCHED_OTHER (keepalived sets the flag too).
     */
    static void setCurrentThreadScheduler(int rtPriority) throws ErrnoException {
        Pointer param = allocate(4); // struct sched_param { int sched_priority; }
        param.putInt(0, rtPriority);
        int policy = (rtPriority == 0 ? LinuxConstants.SCHED_OTHER : LinuxConstants.SCHED_RR)
                | LinuxConstants.SCHED_RESET_ON_FORK;
        if (libc().sched_setscheduler(0, policy, param) < 0) {
            String operation = rtPriority == 0 ? "sched_setscheduler(SCHED_OTHER)"
                    : "sched_setscheduler(SCHED_RR, priority " + rtPriority + ")";
            throw failure(operation, errno(), errno -> Advice.sysNice(errno, rtPriority));
        }
    }

    /** Room for a libc struct sigaction (152 bytes on x86_64 and aarch64 glibc, less on musl). */
    static final int SIGACTION_BYTES = 256;

    /**
     * Closes a descriptor. Not retried on EINTR: Linux releases the descriptor even then, and a retry
     * could close a descriptor another thread just got. Errors are returned, not thrown, since there is
     * nothing a caller can do about them.
     */
    static int close(int fd) {
        if (fd < 0 || LIBC == null) {
            return 0;
        }
        return LIBC.close(fd) < 0 ? errno() : 0;
    }
}
