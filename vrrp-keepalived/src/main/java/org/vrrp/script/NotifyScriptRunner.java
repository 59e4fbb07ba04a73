package org.vrrp.script;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vrrp.StateChange;
import org.vrrp.VrrpListener;

/**
 * Runs keepalived-style notify scripts when an instance or sync group changes state.
 *
 * <p>Calling convention, as keepalived.conf(5) documents it: first the state's own script
 * ({@code notify_master}, {@code notify_backup}, {@code notify_fault}, {@code notify_stop}) with no
 * extra arguments, then the generic {@code notify} script with four extra arguments:
 * {@code INSTANCE|GROUP}, the name, {@code MASTER|BACKUP|FAULT|STOP}, and the priority.
 *
 * <p>Threading and guarantees:
 * <ul>
 *   <li>{@link #submit} and the listener returned by {@link #listenerFor} never block and never
 *       throw: the scripts run on this runner's own daemon threads.</li>
 *   <li>Scripts of one instance (or group) run one at a time, in the order the events were given;
 *       different instances run in parallel.</li>
 *   <li>Each script is killed with its descendants after the timeout. A failure (non-zero exit,
 *       timeout, script not startable) is logged through SLF4J at WARN and does not stop later scripts.</li>
 *   <li>{@link #close()} stops accepting events, lets queued scripts finish for at most one timeout,
 *       then interrupts the rest, which kills their processes. It is idempotent.</li>
 * </ul>
 */
public final class NotifyScriptRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotifyScriptRunner.class);
    private static final AtomicInteger RUNNERS = new AtomicInteger();

    private final Duration timeout;
    private final ExecutorService executor;
    /** Last queued event per instance or group: the next event of that name runs after it. Guarded by itself. */
    private final Map<String, CompletableFuture<Void>> tails = new HashMap<>();

    /**
     * @param timeout how long one script may run before it is killed; must be positive
     */
    public NotifyScriptRunner(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        int runner = RUNNERS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "vrrp-notify-" + runner + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Queues the scripts of one transition.
     *
     * @param target the target
     * @param name the name
     * @param state the state
     * @param priority the priority
     * @param scripts the scripts
     * @return completes when this event's scripts have run (or were skipped because the runner
     *         closed); never completes exceptionally
     */
    public CompletableFuture<Void> submit(NotifyTarget target, String name, NotifyState state, int priority,
                                          NotifyScripts scripts) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(scripts, "scripts");
        if (scripts.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        Runnable event = () -> runEvent(target, name, state, priority, scripts);
        String key = target + " " + name;
        synchronized (tails) {
            if (executor.isShutdown()) {
                LOG.warn("notify scripts of {} {} for {} not run: the runner is closed", target, name, state);
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> previous = tails.getOrDefault(key, CompletableFuture.completedFuture(null));
            // runEvent catches everything, so a tail only fails when close() shut the pool while this event was still
            // queued behind a running one: the pool then rejects it.
            CompletableFuture<Void> next = previous.thenRunAsync(event, executor).exceptionally(e -> {
                LOG.warn("notify scripts of {} {} for {} not run: {}", target, name, state, e.getCause());
                return null;
            });
            tails.put(key, next);
            return next;
        }
    }

    /**
     * Completes when every event queued so far for {@code name} has run; for a graceful shutdown or
     * a test. Never completes exceptionally.
     *
     * @param target the target
     * @param name the name
     * @return a future completed when the target's queued scripts have run
     */
    public CompletableFuture<Void> whenIdle(NotifyTarget target, String name) {
        synchronized (tails) {
            return tails.getOrDefault(target + " " + name, CompletableFuture.completedFuture(null));
        }
    }

    /**
     * A listener that runs {@code scripts} for the instance {@code instanceName} on every transition:
     * MASTER, BACKUP and FAULT map to themselves, INITIALIZE (the router closed) to STOP. Register
     * it with the router that runs this instance; the name passed to scripts is {@code instanceName}.
     *
     * @param instanceName the instance name
     * @param scripts the scripts
     * @return a listener that runs {@code scripts} for the instance
     */
    public VrrpListener listenerFor(String instanceName, NotifyScripts scripts) {
        Objects.requireNonNull(instanceName, "instanceName");
        Objects.requireNonNull(scripts, "scripts");
        return new VrrpListener() {
            @Override
            public void stateChanged(StateChange change) {
                submit(NotifyTarget.INSTANCE, instanceName, NotifyState.of(change.to()),
                        change.priority(), scripts);
            }
        };
    }

    @Override
    public void close() {
        synchronized (tails) {
            executor.shutdown();
        }
        try {
            if (!executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
                executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void runEvent(NotifyTarget target, String name, NotifyState state, int priority, NotifyScripts scripts) {
        run(state.specificScript(scripts), List.of(), name);
        run(scripts.notifyGeneric(), List.of(target.name(), name, state.name(), Integer.toString(priority)), name);
    }

    private void run(Optional<String> script, List<String> extraArgs, String name) {
        if (script.isEmpty() || Thread.currentThread().isInterrupted()) {
            return;
        }
        String text = script.get();
        try {
            ProcessRunner.Outcome outcome = ProcessRunner.run(ScriptCommand.parse(text).withArguments(extraArgs), timeout);
            if (!outcome.succeeded()) {
                LOG.warn("notify script of {} failed ({}): {} {}", name, outcome, text, String.join(" ", extraArgs));
            }
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("notify script of {} could not be run: {}: {}", name, text, e.getMessage());
        } catch (InterruptedException e) {
            LOG.warn("notify script of {} killed because the runner is closing: {}", name, text);
            Thread.currentThread().interrupt();
        }
    }
}
