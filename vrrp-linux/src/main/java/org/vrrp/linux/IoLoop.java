package org.vrrp.linux;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import jnr.ffi.Pointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One I/O thread per stack, blocked in {@code poll()} over all of the stack's readable sockets plus an
 * eventfd that wakes it for new tasks and shutdown (pitfall 5).
 *
 * <p>Descriptors registered here are owned by the loop: they are closed on the loop thread, after it
 * has left {@code poll()}, so no descriptor is ever closed while a native call is using it (and its
 * number cannot be reused under a running call). Handlers run on the loop thread, one at a time.
 *
 * <p>Thread-safety: {@link #execute}, {@link #call}, {@link #register}, {@link #closeLater} and
 * {@link #close} may be called from any thread.
 */
final class IoLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IoLoop.class);

    /** Reads a readable descriptor until it would block. Runs on the loop thread. */
    @FunctionalInterface
    interface ReadHandler {
        void onReadable() throws IOException;
    }

    private final int wakeFd;
    private final Pointer wakeBuffer = Native.allocate(8);
    private final Pointer drainBuffer = Native.allocate(8);
    private final Thread thread;
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private final Map<Integer, ReadHandler> handlers = new LinkedHashMap<>(); // loop thread only
    private Pointer pollFds = Native.allocate(LinuxConstants.SIZEOF_POLLFD * 8);
    private int pollFdCapacity = 8;
    private boolean stopping; // guarded by tasks
    private boolean wakeFdClosed; // guarded by wakeBuffer, so that no signal is written to a closed descriptor

    /**
     * Starts the loop thread. Takes ownership of {@code wakeFd}, an eventfd.
     */
    IoLoop(String name, int wakeFd) {
        this.wakeFd = wakeFd;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Renames the loop thread (it starts before its stack knows which router it serves). */
    void rename(String name) {
        thread.setName(name);
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Runs a task on the loop thread. Tasks submitted after {@link #close} are dropped. */
    void execute(Runnable task) {
        synchronized (tasks) {
            if (stopping) {
                return;
            }
            tasks.add(task);
        }
        wake();
    }

    /** Runs a task on the loop thread and waits for its result (inline if already on it). */
    <T> T call(Callable<T> task) throws IOException {
        if (inLoop()) {
            try {
                return task.call();
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        synchronized (tasks) {
            if (stopping) {
                throw new IOException("the network stack is closed");
            }
            tasks.add(() -> {
                try {
                    result.complete(task.call());
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            });
        }
        wake();
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the I/O thread", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(cause);
        }
    }

    /** Starts polling {@code fd}; the loop now owns it and closes it at the latest when the loop ends. */
    void register(int fd, ReadHandler handler) {
        synchronized (tasks) {
            if (stopping) {
                Native.close(fd); // the loop is gone or going: nobody polls, so closing here is safe
                return;
            }
            tasks.add(() -> handlers.put(fd, handler));
        }
        wake();
    }

    /** Stops polling {@code fd} and closes it on the loop thread, after poll() has returned. */
    void closeLater(int fd) {
        execute(() -> {
            handlers.remove(fd);
            Native.close(fd);
        });
    }

    private void wake() {
        try {
            synchronized (wakeBuffer) {
                if (!wakeFdClosed) {
                    Native.eventfdSignal(wakeFd, wakeBuffer);
                }
            }
        } catch (ErrnoException e) {
            LOG.error("cannot wake the I/O thread {}: {}", thread.getName(), e.getMessage());
        }
    }

    private void run() {
        try {
            while (true) {
                if (!runTasks()) {
                    return;
                }
                int count = fillPollFds();
                Native.poll(pollFds, count, -1);
                for (int i = 1; i < count; i++) {
                    short revents = pollFds.getShort(i * LinuxConstants.SIZEOF_POLLFD + 6);
                    if (revents == 0) {
                        continue;
                    }
                    int fd = pollFds.getInt(i * LinuxConstants.SIZEOF_POLLFD);
                    dispatch(fd, revents);
                }
                if (pollFds.getShort(6) != 0) {
                    Native.eventfdDrain(wakeFd, drainBuffer);
                }
            }
        } catch (Throwable e) {
            LOG.error("I/O thread {} failed; the stack no longer receives packets", thread.getName(), e);
        } finally {
            synchronized (tasks) {
                stopping = true;
                tasks.clear();
            }
            for (int fd : handlers.keySet()) {
                Native.close(fd);
            }
            handlers.clear();
            synchronized (wakeBuffer) {
                wakeFdClosed = true;
                Native.close(wakeFd);
            }
        }
    }

    /** Runs queued tasks; false once the loop must stop. */
    private boolean runTasks() {
        while (true) {
            Runnable task;
            synchronized (tasks) {
                task = tasks.poll();
                if (task == null) {
                    return !stopping;
                }
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("task on I/O thread {} failed", thread.getName(), e);
            }
        }
    }

    private int fillPollFds() {
        int count = 1 + handlers.size();
        if (count > pollFdCapacity) {
            pollFdCapacity = Math.max(count, pollFdCapacity * 2);
            pollFds = Native.allocate(LinuxConstants.SIZEOF_POLLFD * pollFdCapacity);
        }
        int i = 0;
        writePollFd(i++, wakeFd);
        for (int fd : handlers.keySet()) {
            writePollFd(i++, fd);
        }
        return count;
    }

    private void writePollFd(int i, int fd) {
        int offset = i * LinuxConstants.SIZEOF_POLLFD;
        pollFds.putInt(offset, fd);
        pollFds.putShort(offset + 4, LinuxConstants.POLLIN);
        pollFds.putShort(offset + 6, (short) 0);
    }

    private void dispatch(int fd, short revents) {
        ReadHandler handler = handlers.get(fd);
        if (handler == null) {
            return;
        }
        if ((revents & LinuxConstants.POLLNVAL) != 0) {
            LOG.error("descriptor {} was closed behind the I/O thread's back; no longer polled", fd);
            handlers.remove(fd);
            return;
        }
        try {
            handler.onReadable(); // also on POLLERR: the read reports and clears the socket error
        } catch (IOException | RuntimeException e) {
            LOG.warn("reading descriptor {} on {} failed: {}", fd, thread.getName(), e.toString());
        }
    }

    /**
     * Stops the loop and waits for it to end; the loop thread closes every registered descriptor and
     * the eventfd on its way out. Idempotent. From the loop thread itself it only asks the loop to stop.
     */
    @Override
    public void close() {
        synchronized (tasks) {
            if (stopping) {
                if (!inLoop()) {
                    joinQuietly();
                }
                return;
            }
            stopping = true;
        }
        wake();
        if (!inLoop()) {
            joinQuietly();
        }
    }

    private void joinQuietly() {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
