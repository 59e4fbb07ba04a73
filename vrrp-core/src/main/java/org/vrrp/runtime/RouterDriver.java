package org.vrrp.runtime;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vrrp.RouterRuntime;
import org.vrrp.RouterStats;
import org.vrrp.StateChange;
import org.vrrp.VrrpException;
import org.vrrp.VrrpListener;
import org.vrrp.VrrpRouterConfig;
import org.vrrp.VrrpState;
import org.vrrp.control.ControlAuthorization;
import org.vrrp.control.ControlService;
import org.vrrp.spi.ControlSocketProvider;
import org.vrrp.spi.NetworkStack;

/**
 * The runtime of one {@link org.vrrp.VrrpRouter}: its protocol loop and engine, listener dispatcher, health-check
 * scheduler and control socket, started together and stopped in order. Thread-safe: every method may be called
 * from any thread; the work on instances runs on the protocol thread, bounded by a 5 s wait.
 */
public final class RouterDriver implements RouterRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(RouterDriver.class);
    private static final long CALL_TIMEOUT_MILLIS = 5_000;
    /** How long stop() waits for the listeners to take the last callbacks before it warns and returns. */
    private static final Duration LISTENER_CLOSE_WAIT = Duration.ofSeconds(5);
    /** How long stop() waits for the threads it stopped to end; they have nothing left to do by then. */
    private static final Duration THREAD_END_WAIT = Duration.ofSeconds(1);
    /** How often stop() looks whether a hand-over is over; a backup's first advert is awaited this precisely. */
    private static final long HAND_OVER_POLL_MILLIS = 1;

    /** Found by {@link org.vrrp.VrrpRouter} with {@link ServiceLoader}. */
    public static final class Factory implements RouterRuntime.Factory {
        @Override
        public RouterRuntime start(String id, VrrpRouterConfig config, NetworkStack stack) {
            return RouterDriver.start(id, config, stack);
        }
    }

    private final String id;
    private final NetworkStack stack;
    private final ProtocolLoop loop;
    private final RouterEngine engine;
    /** Confined to the protocol thread. */
    private final ProtocolThreadPriority threadPriority;
    private final ListenerDispatcher dispatcher;
    private volatile HealthCheckScheduler healthScheduler;
    private volatile Path controlSocketPath;
    /** Written once by start() before the driver is returned; null when no control socket. */
    private Closeable controlSocket;
    /** Whether stop() hands over first ({@link VrrpRouterConfig#handOverOnClose()}); follows reloads. */
    private volatile boolean handOverOnClose;
    /** Set first thing by stop(): control-socket commands are refused from then on. */
    private volatile boolean stopping;
    /** The counters as they stood when stop() stopped the engine; returned by stats() from then on. */
    private volatile RouterStats finalStats;

    private RouterDriver(String id, VrrpRouterConfig config, NetworkStack stack) {
        this.id = id;
        this.stack = stack;
        this.loop = new ProtocolLoop(id + "-protocol", Ticker.SYSTEM);
        this.dispatcher = new ListenerDispatcher(config.listeners(), config.listenerExecutor(), id + "-listener");
        this.healthScheduler = new HealthCheckScheduler(id + "-health");
        this.engine = new RouterEngine(config, stack, Ticker.SYSTEM, loop, dispatcher, Instant::now);
        this.threadPriority = new ProtocolThreadPriority(stack);
        this.handOverOnClose = config.handOverOnClose();
    }

    static RouterDriver start(String id, VrrpRouterConfig config, NetworkStack stack) {
        RouterDriver driver = new RouterDriver(id, config, stack);
        driver.loop.start(driver.engine);
        try {
            driver.loop.call(() -> {
                // First, so that the instances start (and every later advert goes out) at that priority.
                driver.threadPriority.apply(config.realtimePriority());
                driver.engine.start();
                return null;
            }, CALL_TIMEOUT_MILLIS);
        } catch (Exception e) {
            driver.stop();
            if (e instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new VrrpException(e.getMessage(), e);
        }
        driver.scheduleHealthChecks(driver.healthScheduler, config);
        if (config.controlSocket() != null) {
            driver.controlSocketPath = config.controlSocket();
            try {
                driver.controlSocket = driver.openControlSocket(config.controlSocket());
            } catch (IOException | RuntimeException e) {
                driver.stop();
                throw new VrrpException("could not open the control socket " + config.controlSocket() + ": "
                        + e.getMessage(), e);
            }
        }
        return driver;
    }

    private void scheduleHealthChecks(HealthCheckScheduler scheduler, VrrpRouterConfig withConfig) {
        scheduler.schedule(withConfig.healthChecks().values(), new HealthCheckScheduler.ResultSink() {
            @Override
            public void onResult(String name, boolean healthy) {
                loop.post(() -> engine.onHealthResult(name, healthy, false));
            }

            @Override
            public void onValue(String name, long value) {
                loop.post(() -> engine.onValueResult(name, value));
            }
        });
    }

    private Closeable openControlSocket(Path path) throws IOException {
        List<String> unavailable = new ArrayList<>();
        for (ControlSocketProvider p : ServiceLoader.load(ControlSocketProvider.class)) {
            if (p.isAvailable()) {
                return p.listen(path, new ControlService(controlTarget(), new ControlAuthorization(p.processUid())));
            }
            unavailable.add(p.name() + ": " + p.unavailabilityCause());
        }
        throw new VrrpException(unavailable.isEmpty()
                ? "no control socket server on the class path: add the dependency org.vrrp:vrrp-linux"
                : "no control socket server can run here: " + String.join("; ", unavailable));
    }

    /** What the control socket may do: read stats, set a priority, resign; with the router's own checks. */
    private ControlService.Target controlTarget() {
        return new ControlService.Target() {
            @Override
            public RouterStats stats() {
                return RouterDriver.this.stats();
            }

            @Override
            public void setPriority(String instance, int priority) {
                RouterDriver.this.setPriority(instance, priority);
            }

            @Override
            public void resign(String instance) {
                RouterDriver.this.resign(instance);
            }
        };
    }

    @Override
    public VrrpState state(String instanceName) {
        return engine.state(instanceName);
    }

    @Override
    public void addListener(VrrpListener listener) {
        dispatcher.addListener(listener);
    }

    @Override
    public boolean removeListener(VrrpListener listener) {
        return dispatcher.removeListener(listener);
    }

    @Override
    public CompletionStage<StateChange> onState(String instanceName, VrrpState state) {
        engine.state(instanceName); // names the instances when there is none of this name
        return dispatcher.onState(instanceName, state);
    }

    @Override
    public boolean isListenerThread() {
        return dispatcher.isDeliveringThread();
    }

    @Override
    public boolean isProtocolThread() {
        return loop.isProtocolThread();
    }

    @Override
    public RouterStats stats() {
        RouterStats last = finalStats;
        if (last != null) {
            return last;
        }
        try {
            return loop.call(engine::stats, CALL_TIMEOUT_MILLIS);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new VrrpException("could not read stats: " + e.getMessage(), e);
        }
    }

    @Override
    public void setPriority(String instanceName, int priority) {
        runOnLoop(() -> engine.setPriority(instanceName, priority));
    }

    @Override
    public void resign(String instanceName) {
        runOnLoop(() -> engine.resign(instanceName));
    }

    @Override
    public void reportHealth(String check, boolean healthy) {
        runOnLoop(() -> engine.onHealthResult(check, healthy, true));
    }

    @Override
    public void reload(VrrpRouterConfig newConfig) {
        runOnLoop(() -> {
            try {
                engine.reconfigure(newConfig);
            } catch (IOException e) {
                throw new VrrpException("reload: " + e.getMessage(), e);
            }
            threadPriority.apply(newConfig.realtimePriority()); // after: a refused reload changes nothing
        });
        dispatcher.setListeners(newConfig.listeners());
        handOverOnClose = newConfig.handOverOnClose();
        HealthCheckScheduler next = new HealthCheckScheduler(id + "-health");
        scheduleHealthChecks(next, newConfig);
        HealthCheckScheduler previous = healthScheduler;
        healthScheduler = next;
        previous.close();
    }

    private void runOnLoop(Runnable r) {
        if (stopping) {
            throw new IllegalStateException("router is closed");
        }
        try {
            loop.call(() -> {
                r.run();
                return null;
            }, CALL_TIMEOUT_MILLIS);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new VrrpException(e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        stopping = true;
        closeControlSocket();
        if (handOverOnClose) {
            handOver();
        }
        try {
            finalStats = loop.call(() -> {
                engine.shutdown();
                return engine.stats();
            }, CALL_TIMEOUT_MILLIS);
        } catch (Exception e) {
            LOG.error("shutdown did not complete cleanly", e);
        }
        healthScheduler.close();
        try {
            loop.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stack.close();
        // The protocol thread never runs listeners, and must not wait for them.
        Optional<String> stuck = dispatcher.close(loop.isProtocolThread() ? Duration.ZERO : LISTENER_CLOSE_WAIT);
        stuck.ifPresent(s -> LOG.warn("{}: close() stopped waiting for the listeners after {} s: {}. The last"
                + " callbacks run when it returns, then the listener thread ends", id,
                LISTENER_CLOSE_WAIT.toSeconds(), s));
        awaitThreadsEnd(stuck.isEmpty() && !dispatcher.isDeliveringThread());
    }

    /**
     * Masters send priority 0 and keep their VIPs until another router advertises; waits for that. The machines
     * bound the wait themselves (Master_Down_Interval at priority 1); the caller's bound here is only against a
     * protocol thread that no longer answers. On the protocol thread itself nothing can be awaited: the machines
     * then let go at once, in the shutdown that follows.
     */
    private void handOver() {
        if (loop.isProtocolThread()) {
            return;
        }
        try {
            long longestNanos = loop.call(engine::beginHandOver, CALL_TIMEOUT_MILLIS);
            if (longestNanos == 0) {
                return;
            }
            long giveUpNanos = System.nanoTime() + longestNanos + Duration.ofMillis(CALL_TIMEOUT_MILLIS).toNanos();
            while (loop.call(engine::isHandingOver, CALL_TIMEOUT_MILLIS) && System.nanoTime() - giveUpNanos < 0) {
                Thread.sleep(HAND_OVER_POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("{}: hand-over on close did not complete ({}); removing the VIPs now", id, e.getMessage());
        }
    }

    /** So that no thread of the router outlives close(): each has been told to stop and has no work left. */
    private void awaitThreadsEnd(boolean listenerThreadToo) {
        try {
            if (!healthScheduler.awaitTermination(THREAD_END_WAIT)) {
                LOG.warn("{}: a health check ignores interrupts; its thread ends when the check returns", id);
            }
            if (listenerThreadToo) {
                dispatcher.awaitTermination(THREAD_END_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeControlSocket() {
        if (controlSocket == null) {
            return;
        }
        try {
            controlSocket.close();
        } catch (IOException e) {
            LOG.warn("could not close the control socket {}: {}", controlSocketPath, e.getMessage());
        }
    }
}
