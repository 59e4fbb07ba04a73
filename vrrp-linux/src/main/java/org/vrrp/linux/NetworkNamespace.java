package org.vrrp.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Where a stack's sockets are created: the JVM's own namespace, or a named one under /var/run/netns.
 *
 * <p>A socket keeps the namespace it was created in, and {@code setns(2)} switches only the calling
 * thread. So {@link #run} creates sockets for a named namespace on a fresh, short-lived thread that
 * enters the namespace, runs the creation code and leaves; the caller's thread is never switched, and a
 * thread that failed to switch back dies instead of being reused. One JVM can thus run stacks in
 * several namespaces at once.
 *
 * <p>Immutable and thread-safe.
 */
final class NetworkNamespace {
    static final Path NETNS_DIRECTORY = Path.of("/var/run/netns");

    /** Code that creates native resources; it may throw the kernel's refusal. */
    @FunctionalInterface
    interface Creation<T> {
        T create() throws IOException;
    }

    private final String name;

    private NetworkNamespace(String name) {
        this.name = name;
    }

    /** The JVM's own namespace. */
    static NetworkNamespace current() {
        return new NetworkNamespace(null);
    }

    /**
     * A named namespace, checked to exist now (it may still vanish later).
     *
     * @throws IOException naming /var/run/netns/NAME if it does not exist
     */
    static NetworkNamespace named(String name) throws IOException {
        if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("network namespace name must be a plain file name under "
                    + NETNS_DIRECTORY + ", got '" + name + "'");
        }
        NetworkNamespace ns = new NetworkNamespace(name);
        if (!Files.exists(ns.path())) {
            throw ns.missing();
        }
        return ns;
    }

    /** The namespace name, or null for the JVM's own. */
    String name() {
        return name;
    }

    Path path() {
        return NETNS_DIRECTORY.resolve(name);
    }

    private IOException missing() {
        return new IOException("network namespace '" + name + "' does not exist: " + path()
                + " not found (create it with `ip netns add " + name + "`)");
    }

    /** Runs {@code creation} with this namespace as the calling thread's network namespace. */
    <T> T run(Creation<T> creation) throws IOException {
        if (name == null) {
            return creation.create();
        }
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                result.set(insideNamespace(creation));
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "vrrp-netns-" + name);
        t.setDaemon(true);
        t.start();
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the creation must finish, or its descriptors would leak
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable e = failure.get();
        if (e instanceof IOException io) {
            throw io;
        }
        if (e instanceof RuntimeException re) {
            throw re;
        }
        if (e instanceof Error err) {
            throw err;
        }
        return result.get();
    }

    private <T> T insideNamespace(Creation<T> creation) throws IOException {
        int original = Native.open("/proc/thread-self/ns/net", LinuxConstants.O_RDONLY,
                "/proc/thread-self/ns/net", null);
        try {
            int target;
            try {
                target = Native.open(path().toString(), LinuxConstants.O_RDONLY, path().toString(), null);
            } catch (ErrnoException e) {
                if (e.errno() == LinuxConstants.ENOENT) {
                    throw missing();
                }
                throw e;
            }
            try {
                Native.setns(target, "enter network namespace " + path());
            } finally {
                Native.close(target);
            }
            try {
                return creation.create();
            } finally {
                // If this fails the thread is stuck in the namespace; it ends right after, so no harm.
                Native.setns(original, "return to the JVM's network namespace");
            }
        } finally {
            Native.close(original);
        }
    }

    @Override
    public String toString() {
        return name == null ? "the JVM's network namespace" : "network namespace " + name;
    }
}
