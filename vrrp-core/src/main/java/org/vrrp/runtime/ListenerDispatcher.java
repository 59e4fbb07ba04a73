package org.vrrp.runtime;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vrrp.StateChange;
import org.vrrp.VrrpListener;
import org.vrrp.VrrpState;

/**
 * Delivers transitions to the listeners, one at a time and in order, on the listener executor: the
 * router's own single thread, or the application's executor (serialized here, so even a pool sees
 * callbacks in order). Each callback is called on its own: one that throws is logged, and the other
 * callbacks of the same transition, its own listener's included, still run.
 *
 * <p>A listener sees the transitions queued after it was registered ({@link #addListener}), in
 * sequence order, until it is removed. State waiters ({@link #onState}) complete in the same stream,
 * after every listener has been called for the transition that satisfies them.
 *
 * <p>Thread-safe. {@link #onTransition} is called on the protocol thread and never blocks.
 *
 * <p>About 350 lines for a reason: ordering, listener registration, state waiters and a bounded close share one
 * queue and one lock; split apart, each would need the other's locking.
 */
public final class ListenerDispatcher implements RouterEngine.TransitionSink {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerDispatcher.class);

    private final Executor executor;
    private final ExecutorService ownExecutor;
    /** Guards every field below it. */
    private final Object lock = new Object();
    private final ArrayDeque<StateChange> pending = new ArrayDeque<>();
    /** Copied on write: a drain iterates a snapshot while listeners come and go. */
    private List<Registration> registrations = List.of();
    private final List<Waiter> waiters = new ArrayList<>();
    /** Per instance, the last transition delivered: what a new waiter compares with. */
    private final Map<String, StateChange> lastDelivered = new HashMap<>();
    private long lastQueuedSequence;
    private boolean draining;
    private boolean closed;
    /** The thread running {@link #drain} now, if any: a listener calling close() must not wait for itself. */
    private volatile Thread deliveringThread;
    /** The callback running now, if any: named in the warning when close() stops waiting for it. */
    private volatile Running running;

    /**
     * @param listeners    the configured listeners; they see every transition
     * @param userExecutor the application's executor, or null for a thread of our own named {@code threadName}
     * @param threadName the thread name
     */
    public ListenerDispatcher(List<VrrpListener> listeners, Executor userExecutor, String threadName) {
        List<Registration> initial = new ArrayList<>();
        for (VrrpListener l : listeners) {
            initial.add(new Registration(l, 1, true));
        }
        this.registrations = List.copyOf(initial);
        if (userExecutor != null) {
            this.executor = userExecutor;
            this.ownExecutor = null;
        } else {
            this.ownExecutor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, threadName);
                t.setDaemon(true);
                return t;
            });
            this.executor = ownExecutor;
        }
    }

    /**
     * Replaces the configured listeners (a reload). One kept from before keeps its place in the stream;
     * a new one sees the transitions queued from now on; one dropped gets no further callback. Listeners
     * added with {@link #addListener} stay.
     *
     * @param newListeners the listeners
     */
    public void setListeners(List<VrrpListener> newListeners) {
        synchronized (lock) {
            List<Registration> next = new ArrayList<>();
            for (Registration r : registrations) {
                if (!r.configured || newListeners.contains(r.listener)) {
                    next.add(r);
                } else {
                    r.removed = true;
                }
            }
            for (VrrpListener l : newListeners) {
                if (next.stream().noneMatch(r -> r.configured && r.listener == l)) {
                    next.add(new Registration(l, lastQueuedSequence + 1, true));
                }
            }
            registrations = List.copyOf(next);
        }
    }

    /**
     * Adds a listener that sees every transition queued from now on, in order, after the listeners already there.
     *
     * @param listener the listener
     */
    public void addListener(VrrpListener listener) {
        synchronized (lock) {
            List<Registration> next = new ArrayList<>(registrations);
            next.add(new Registration(listener, lastQueuedSequence + 1, false));
            registrations = List.copyOf(next);
        }
    }

    /**
     * Removes a listener (its first registration, if added twice). After this returns no callback of it
     * starts; one running now on the listener thread finishes.
     *
     * @param listener the listener
     * @return whether it was registered
     */
    public boolean removeListener(VrrpListener listener) {
        synchronized (lock) {
            List<Registration> next = new ArrayList<>(registrations);
            for (int i = 0; i < next.size(); i++) {
                Registration r = next.get(i);
                if (r.listener == listener) {
                    r.removed = true;
                    next.remove(i);
                    registrations = List.copyOf(next);
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * A stage completed with the transition that takes {@code instance} into {@code state}, on the
     * listener executor after every listener has been called for it. Already complete when the last
     * transition delivered for the instance entered that state. Completed exceptionally with an
     * {@link IllegalStateException} when the dispatcher closes first.
     *
     * @param instance the instance
     * @param state the state
     * @return a stage completed with the transition into {@code state}
     */
    public CompletionStage<StateChange> onState(String instance, VrrpState state) {
        CompletableFuture<StateChange> f = new CompletableFuture<>();
        synchronized (lock) {
            StateChange last = lastDelivered.get(instance);
            if (last != null && last.to() == state) {
                f.complete(last);
            } else if (closed && pending.isEmpty() && !draining) {
                f.completeExceptionally(notReached(instance, state));
            } else {
                // Not from the next queued sequence: one queued but not yet delivered counts, as the
                // listeners have not been told of it either. Waiters given up on (awaitState's timeout
                // cancels its stage) go first, so that a caller polling awaitState does not pile them up.
                waiters.removeIf(w -> w.future.isDone());
                waiters.add(new Waiter(instance, state, f));
            }
        }
        return f;
    }

    /** Waiters registered and not yet completed or purged; for tests. */
    int waiterCount() {
        synchronized (lock) {
            return waiters.size();
        }
    }

    /**
     * Whether the calling thread is delivering callbacks now (a listener, or a stage of {@link #onState}).
     *
     * @return whether the calling thread is delivering callbacks now (a listener, or a stage of {@link #onState})
     */
    public boolean isDeliveringThread() {
        return Thread.currentThread() == deliveringThread;
    }

    @Override
    public void onTransition(StateChange change) {
        synchronized (lock) {
            pending.add(change);
            lastQueuedSequence = change.sequence();
            if (draining) {
                return;
            }
            draining = true;
        }
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            // The application shut its executor down under a running router: nothing can deliver any more.
            LOG.error("the listener executor refused work; {} and later transitions are not delivered", change, e);
            synchronized (lock) {
                pending.clear();
                draining = false;
                lock.notifyAll();
            }
        }
    }

    private void drain() {
        deliveringThread = Thread.currentThread();
        try {
            while (true) {
                StateChange next;
                List<Registration> to;
                synchronized (lock) {
                    next = pending.poll();
                    if (next == null) {
                        draining = false;
                        failWaitersIfClosed();
                        lock.notifyAll();
                        return;
                    }
                    to = registrations;
                }
                for (Registration r : to) {
                    if (r.fromSequence <= next.sequence()) {
                        deliver(r, next);
                    }
                }
                completeWaiters(next);
            }
        } finally {
            deliveringThread = null;
        }
    }

    private void completeWaiters(StateChange change) {
        List<Waiter> done = new ArrayList<>();
        synchronized (lock) {
            lastDelivered.put(change.instance(), change);
            waiters.removeIf(w -> w.matches(change) && done.add(w));
        }
        for (Waiter w : done) {
            w.future.complete(change); // runs the waiter's dependent stages here, as a callback
        }
    }

    /** Under {@link #lock}: once closed and idle, nothing can satisfy a waiter any more. */
    private void failWaitersIfClosed() {
        if (!closed || waiters.isEmpty()) {
            return;
        }
        List<Waiter> failed = List.copyOf(waiters);
        waiters.clear();
        for (Waiter w : failed) {
            w.future.completeExceptionally(notReached(w.instance, w.state));
        }
    }

    private static IllegalStateException notReached(String instance, VrrpState state) {
        return new IllegalStateException("the router closed before (" + instance + ") reached " + state);
    }

    /** One listener, one change: {@code stateChanged}, then the new state's callback, each called on its own. */
    private void deliver(Registration r, StateChange change) {
        invoke(r, "stateChanged", change, r.listener::stateChanged);
        switch (change.to()) {
            case MASTER -> invoke(r, "becomeMaster", change, r.listener::becomeMaster);
            case BACKUP -> invoke(r, "becomeBackup", change, r.listener::becomeBackup);
            case FAULT -> invoke(r, "becomeFault", change, r.listener::becomeFault);
            default -> { }
        }
    }

    private void invoke(Registration r, String callback, StateChange change, Consumer<StateChange> call) {
        if (r.removed) {
            return; // removed while this change was being delivered: no callback starts after removeListener
        }
        running = new Running(r.listener, callback, change, System.nanoTime());
        try {
            call.accept(change);
        } catch (RuntimeException | Error e) {
            // An Error too: a listener's StackOverflowError or AssertionError must not end delivery for all.
            LOG.error("listener {} threw in {} on {}; its other callbacks, the other listeners and the router"
                    + " carry on", r.listener, callback, change, e);
        } finally {
            running = null;
        }
    }

    /**
     * Stops taking transitions and, unless called from the delivering thread, waits up to {@code bound}
     * for every queued callback to have run; then lets our own thread end once it is idle. Called from
     * the delivering thread (a listener closing its router) it does not wait for itself: the queued
     * callbacks run when the current one returns, then the thread ends. Idempotent.
     *
     * @param bound the bound
     * @return empty when everything queued was delivered (or the caller is the delivering thread);
     *         otherwise the callback still running, described for a warning
     */
    public Optional<String> close(Duration bound) {
        synchronized (lock) {
            closed = true;
            if (!draining) {
                failWaitersIfClosed();
            }
        }
        Optional<String> stuck = isDeliveringThread() ? Optional.empty() : awaitIdle(bound);
        if (ownExecutor != null) {
            ownExecutor.shutdown(); // the drain running now, if any, finishes; the thread ends after it
        }
        return stuck;
    }

    private Optional<String> awaitIdle(Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        synchronized (lock) {
            while (draining || !pending.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    Running r = running;
                    return Optional.of(r == null ? pending.size() + " transitions still queued"
                            : "listener " + r.listener + " has been in " + r.callback + " of " + r.change + " for "
                            + (System.nanoTime() - r.sinceNanos) / 1_000_000 + " ms (" + pending.size()
                            + " more transitions queued)");
                }
                try {
                    lock.wait(left / 1_000_000, (int) (left % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.of("interrupted while waiting for the listeners");
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Our own thread's end, after {@link #close}; true at once with the application's executor.
     *
     * @param bound the bound
     * @return whether the listener thread ended within {@code bound}
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    public boolean awaitTermination(Duration bound) throws InterruptedException {
        return ownExecutor == null || ownExecutor.awaitTermination(bound.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** A listener and the first sequence number it sees. {@code removed} is read by the delivering thread. */
    private static final class Registration {
        final VrrpListener listener;
        final long fromSequence;
        final boolean configured;
        volatile boolean removed;

        Registration(VrrpListener listener, long fromSequence, boolean configured) {
            this.listener = listener;
            this.fromSequence = fromSequence;
            this.configured = configured;
        }
    }

    /** Completed by the first transition delivered after it was registered that takes the instance into the state. */
    private record Waiter(String instance, VrrpState state, CompletableFuture<StateChange> future) {
        boolean matches(StateChange c) {
            return c.instance().equals(instance) && c.to() == state;
        }
    }

    private record Running(VrrpListener listener, String callback, StateChange change, long sinceNanos) {
    }
}
