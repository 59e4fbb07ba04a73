package org.vrrp.runtime;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vrrp.StateChange;
import org.vrrp.VrrpListener;

/**
 * Delivers transitions to the listeners, one at a time and in order, on the listener executor: the
 * router's own single thread, or the application's executor (serialized here, so even a pool sees
 * callbacks in order). A listener that throws is logged and the next one still runs.
 *
 * <p>Thread-safe.
 */
public final class ListenerDispatcher implements RouterEngine.TransitionSink {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerDispatcher.class);

    private volatile List<VrrpListener> listeners;
    private final Executor executor;
    private final ExecutorService ownExecutor;
    private final ArrayDeque<StateChange> pending = new ArrayDeque<>();
    private boolean draining;

    /** @param userExecutor the application's executor, or null for a thread of our own named {@code threadName} */
    public ListenerDispatcher(List<VrrpListener> listeners, Executor userExecutor, String threadName) {
        this.listeners = List.copyOf(listeners);
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

    /** Replaces the listeners (a reload); transitions already queued go to the new ones. */
    public void setListeners(List<VrrpListener> newListeners) {
        this.listeners = List.copyOf(newListeners);
    }

    @Override
    public void onTransition(StateChange change) {
        synchronized (pending) {
            pending.add(change);
            if (draining) {
                return;
            }
            draining = true;
        }
        executor.execute(this::drain);
    }

    private void drain() {
        while (true) {
            StateChange next;
            synchronized (pending) {
                next = pending.poll();
                if (next == null) {
                    draining = false;
                    return;
                }
            }
            deliver(listeners, next);
        }
    }

    /** Calls every listener for one change: {@code stateChanged}, then the callback of the new state. */
    public static void deliver(List<VrrpListener> listeners, StateChange change) {
        for (VrrpListener l : listeners) {
            try {
                l.stateChanged(change);
                switch (change.to()) {
                    case MASTER -> l.becomeMaster(change);
                    case BACKUP -> l.becomeBackup(change);
                    case FAULT -> l.becomeFault(change);
                    default -> { }
                }
            } catch (RuntimeException | Error e) {
                LOG.error("listener {} threw on {}; the router carries on", l, change, e);
            }
        }
    }

    /** Delivers what is queued (waiting up to 5 s for our own thread), then stops our own thread. */
    public void close() {
        if (ownExecutor != null) {
            ownExecutor.shutdown();
            try {
                if (!ownExecutor.awaitTermination(5, TimeUnit.SECONDS)) {
                    LOG.warn("listeners still running 5 s after close; not waiting for them");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
