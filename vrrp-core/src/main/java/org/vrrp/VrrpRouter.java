package org.vrrp;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.vrrp.spi.NetworkProvider;
import org.vrrp.spi.NetworkStack;

// About 600 lines, most of them javadoc: the public API and its builder; the work is in RouterRuntime.
/**
 * A running VRRP router: one or more instances (virtual routers) that own their virtual addresses
 * while MASTER.
 *
 * <pre>{@code
 * try (VrrpRouter router = VrrpRouter.builder()
 *         .interfaceName("eth0").virtualRouterId(51).priority(150)
 *         .vip("192.0.2.254/24")
 *         .listener(new VrrpListener() {
 *             public void becomeMaster(StateChange c) { app.serve(); }
 *             public void becomeBackup(StateChange c) { app.drain(); }
 *         })
 *         .start()) {
 *     app.awaitShutdown();
 * }
 * }</pre>
 *
 * <p>Threads, named after the router ({@code <router>}: its instance's name, or its instances' names
 * joined with {@code +}): one protocol thread {@code vrrp-<router>-protocol} runs every instance of the
 * router (adverts, timers, elections); the OS adapter has one I/O thread {@code vrrp-<router>-io};
 * polled health checks run on {@code vrrp-<router>-health-*}; listeners run on the listener executor,
 * by default {@code vrrp-<router>-listener}. All public methods are thread-safe and may be called from
 * listeners. {@link #close()} is idempotent and leaves nothing behind: masters send priority 0, VIPs
 * are removed, the router's threads end. A JVM shutdown hook (on by default) does the same on SIGTERM.
 *
 * <p>Timeouts: a call that runs on the protocol thread ({@link #stats()}, {@link #setPriority},
 * {@link #resign}, {@link #reportHealth}, {@link #reload}) waits for it at most 5 s, then throws
 * {@link IllegalStateException}; {@link #close()} waits at most 5 s for the last callbacks (see there).
 */
public final class VrrpRouter implements AutoCloseable {
    private volatile VrrpRouterConfig config;
    private final RouterRuntime runtime;
    private final String id;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Opened when the first close() has done its work: a concurrent close() returns after it, not before. */
    private final CountDownLatch closeDone = new CountDownLatch(1);
    private final Thread shutdownHook;

    private VrrpRouter(String id, VrrpRouterConfig config, RouterRuntime runtime) {
        this.id = id;
        this.config = config;
        this.runtime = runtime;
        this.shutdownHook = config.shutdownHook() ? new Thread(this::close, id + "-shutdown") : null;
    }

    /**
     * A new builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a router. On failure nothing is left: no thread, no socket, no VIP.
     *
     * @param config the config
     * @return the started router
     * @throws VrrpException if the environment does not allow it (the message says what to do)
     * @throws IllegalStateException if a router of this JVM already runs one of its instances' VRIDs on
     *                               the same interface, family and network namespace (the message names it)
     * @throws IllegalArgumentException if a non-owner VIP is already an address of the host (named)
     */
    public static VrrpRouter start(VrrpRouterConfig config) {
        NetworkProvider provider = config.networkProvider() != null ? config.networkProvider() : findProvider();
        RouterRuntime.Factory runtimes = findRuntime();
        // Named after its instances and unique in the JVM (vrrp-VI_51, then vrrp-VI_51#2, ...): in its thread
        // names, its logs and the refusal of a second router for one of its VRIDs.
        String id = RunningRouters.claim("vrrp-" + routerName(config), config);
        RouterRuntime runtime;
        try {
            NetworkStack stack = provider.open(config.networkNamespace());
            stack.nameThreads(id.substring("vrrp-".length()));
            runtime = runtimes.start(id, config, stack);
        } catch (IOException | RuntimeException e) {
            RunningRouters.release(id);
            throw e instanceof IOException ? new VrrpException(e.getMessage(), e) : (RuntimeException) e;
        }
        VrrpRouter router = new VrrpRouter(id, config, runtime);
        if (router.shutdownHook != null) {
            Runtime.getRuntime().addShutdownHook(router.shutdownHook);
        }
        return router;
    }

    /** vrrp-core's own runtime, registered in its META-INF/services (see {@link RouterRuntime}). */
    private static RouterRuntime.Factory findRuntime() {
        return ServiceLoader.load(RouterRuntime.Factory.class, VrrpRouter.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new VrrpException("vrrp-core's runtime is missing: META-INF/services/"
                        + RouterRuntime.Factory.class.getName() + " was not found on the class path (a shaded or"
                        + " repackaged jar must merge META-INF/services files)"));
    }

    /** The name in the router's thread names: its instance's name, or its instances' names joined with +. */
    private static String routerName(VrrpRouterConfig config) {
        // No whitespace: the name is one word in logs and in the refusal of a second router (RunningRouters).
        return String.join("+", config.instances().stream().map(InstanceSpec::name).toList()).replaceAll("\\s", "_");
    }

    /**
     * Applies a new configuration while running, as keepalived does on SIGHUP: changed priorities,
     * health checks and weights, intervals, VIPs and listeners take effect, and a master stays master
     * (it adds and announces new VIPs, removes dropped ones, and advertises the new list at once).
     *
     * @param newConfig the config
     * @throws IllegalArgumentException if the change needs a restart (instances added or removed, or an
     *                                  instance's interface, family, VRID, version or peers changed; sync
     *                                  groups changed; another namespace or provider); nothing is changed then
     */
    public synchronized void reload(VrrpRouterConfig newConfig) {
        if (!Objects.equals(newConfig.networkNamespace(), config.networkNamespace())) {
            throw new IllegalArgumentException("network namespace changed: " + config.networkNamespace() + " -> "
                    + newConfig.networkNamespace());
        }
        if (closed.get()) {
            throw new IllegalStateException("router is closed");
        }
        runtime.reload(newConfig);
        config = newConfig;
    }

    /**
     * The network adapter {@code start()} uses when the configuration names none: the first one that
     * {@link ServiceLoader} finds and that can run here. Thread-safe; looks again on every call.
     *
     * @return the first available adapter
     * @throws VrrpException naming the missing dependency, or each adapter found and why it cannot run
     */
    public static NetworkProvider findProvider() {
        List<String> unavailable = new ArrayList<>();
        for (NetworkProvider p : ServiceLoader.load(NetworkProvider.class)) {
            if (p.isAvailable()) {
                return p;
            }
            unavailable.add(p.name() + ": " + p.unavailabilityCause());
        }
        if (unavailable.isEmpty()) {
            throw new VrrpException("no VRRP network adapter on the class path: add the dependency"
                    + " org.vrrp:vrrp-linux (or test with org.vrrp.testing.SimulatedLan from org.vrrp:vrrp-testing)");
        }
        throw new VrrpException("no VRRP network adapter can run here: " + String.join("; ", unavailable));
    }

    /**
     * The configuration this router runs.
     *
     * @return the configuration this router runs
     */
    public VrrpRouterConfig config() {
        return config;
    }

    /**
     * State of the first (in the single-instance form, the only) instance.
     *
     * @return the instance's current state
     */
    public VrrpState state() {
        return runtime.state(config.instances().get(0).name());
    }

    /**
     * State of the named instance.
     *
     * @param instanceName the instance name
     * @return the instance's current state
     */
    public VrrpState state(String instanceName) {
        return runtime.state(instanceName);
    }

    /**
     * Adds a listener to the running router. It sees the transitions that happen from now on, after the
     * listeners already there, in {@link StateChange#sequence()} order, on the listener executor: not one
     * that happened before, even if its callbacks are still queued for the others. Does not wait. Safe from
     * any thread, listeners included. A listener added twice is called twice.
     *
     * @param listener the listener
     * @throws IllegalStateException if the router is closed
     */
    public void addListener(VrrpListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (closed.get()) {
            throw new IllegalStateException("router is closed");
        }
        runtime.addListener(listener);
    }

    /**
     * Removes a listener (configured or added; once, if it was added twice). After this returns none of
     * its callbacks starts; one running at this moment on the listener executor finishes. Does not wait.
     *
     * @param listener the listener
     * @return whether it was registered
     */
    public boolean removeListener(VrrpListener listener) {
        return runtime.removeListener(listener);
    }

    /**
     * {@link #awaitState(String, VrrpState, Duration)} for the first (in the single-instance form, the only) instance.
     *
     * @param state the state
     * @param timeout the timeout
     * @return true if the instance reached {@code state} within the timeout, false otherwise
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    public boolean awaitState(VrrpState state, Duration timeout) throws InterruptedException {
        return awaitState(config.instances().get(0).name(), state, timeout);
    }

    /**
     * Waits until the named instance is in {@code state} as the listeners see it: true at once if the
     * last transition delivered to them entered it, or as soon as one that does has been delivered to every
     * listener. So when it returns true, {@code becomeMaster} and the like have run for that transition.
     *
     * @param instanceName the instance name
     * @param state the state
     * @param timeout the timeout
     * @return true if the instance is in (or entered) the state; false if {@code timeout} passed first or the
     *         router closed first (waiting for {@link VrrpState#INITIALIZE} returns true on close)
     * @throws IllegalArgumentException if there is no instance of that name
     * @throws IllegalStateException    if called from a listener of this router (it would wait for itself; use
     *                                  {@link #onState} there)
     * @throws InterruptedException     if interrupted while waiting
     */
    public boolean awaitState(String instanceName, VrrpState state, Duration timeout) throws InterruptedException {
        if (runtime.isListenerThread()) {
            throw new IllegalStateException("awaitState called from a listener of this router would wait for the"
                    + " listener thread, which is the one waiting; use onState(...) instead");
        }
        CompletableFuture<StateChange> reached = onState(instanceName, state).toCompletableFuture();
        try {
            reached.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (ExecutionException e) {
            return false; // the router closed first
        } catch (TimeoutException e) {
            reached.cancel(false); // given up: the dispatcher drops it instead of keeping it until the state comes
            return false;
        } catch (InterruptedException e) {
            reached.cancel(false);
            throw e;
        }
    }

    /**
     * {@link #onState(String, VrrpState)} for the first (in the single-instance form, the only) instance.
     *
     * @param state the state
     * @return a stage completed with the transition into {@code state}
     */
    public CompletionStage<StateChange> onState(VrrpState state) {
        return onState(config.instances().get(0).name(), state);
    }

    /**
     * A stage that completes with the transition that takes the named instance into {@code state}, on
     * the listener executor after every listener has been called for it (dependent stages that are not
     * {@code Async} run there too, and delay later callbacks as a slow listener would). Already complete
     * if the last transition delivered to the listeners entered that state. Completes exceptionally with
     * an {@link IllegalStateException} if the router closes before. Does not wait; safe from any thread.
     *
     * @param instanceName the instance name
     * @param state the state
     * @return a stage completed with the transition into {@code state}
     * @throws IllegalArgumentException if there is no instance of that name
     */
    public CompletionStage<StateChange> onState(String instanceName, VrrpState state) {
        Objects.requireNonNull(state, "state");
        return runtime.onState(instanceName, state);
    }

    /**
     * A consistent snapshot of every instance's state and counters, taken on the protocol thread (this
     * call waits for it, at most a few seconds). After {@link #close()}, the counters as they stood when
     * the router stopped.
     *
     * @return a snapshot of the router's stats
     */
    public RouterStats stats() {
        return runtime.stats();
    }

    /**
     * Sets the priority of every instance (planned maintenance: lower it below the backup's and the
     * backup takes over after its Master_Down_Interval; with preempt, raise it to take back). Health
     * weights still apply on top.
     *
     * @param priority the priority
     * @throws IllegalArgumentException out of 1..255, or 255 on an instance not configured as the
     *                                  address owner (RFC 9568 6.1); then nothing changes
     */
    public void setPriority(int priority) {
        setPriority(null, priority);
    }

    /**
     * Sets the priority of one instance; see {@link #setPriority(int)}.
     *
     * @param instanceName the instance name
     * @param priority the priority
     */
    public void setPriority(String instanceName, int priority) {
        if (priority < 1 || priority > 255) {
            throw new IllegalArgumentException("priority must be in 1..255, got " + priority);
        }
        requireOpen();
        runtime.setPriority(instanceName, priority);
    }

    /**
     * Planned handover of one instance (null: every instance): a master sends priority 0, so a backup
     * takes over after its skew time, and steps down; the instance's priority drops to 1 so that
     * preempt does not take it back. {@link #setPriority(String, int)} restores it.
     *
     * @param instanceName the instance name
     */
    public void resign(String instanceName) {
        requireOpen();
        runtime.resign(instanceName);
    }

    /**
     * Reports the health of a check declared with {@link HealthCheckSpec#pushed}; acts at once, with no
     * fall/rise counting (the application has already decided).
     *
     * @param check the check
     * @param healthy whether the check passed
     */
    public void reportHealth(String check, boolean healthy) {
        if (!config.healthChecks().containsKey(check)) {
            throw new IllegalArgumentException("no health check named \"" + check + "\"; declared: "
                    + config.healthChecks().keySet());
        }
        requireOpen();
        runtime.reportHealth(check, healthy);
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("router is closed");
        }
    }

    /**
     * Stops the router: masters send a priority-0 advert and remove their VIPs, sockets close, and the
     * router's threads end. Idempotent; safe and prompt from any thread, listeners included.
     *
     * <p>With {@link Builder#handOverOnClose(boolean) handOverOnClose} masters keep their VIPs until another
     * router's first advert is heard, and this blocks until then: the backup's Skew_Time, at most
     * Master_Down_Interval at priority 1. From a listener of this router the hand-over still runs (the protocol
     * thread is another); called on the protocol thread there is nothing to wait with and the VIPs go at once.
     *
     * <p>The last callbacks ({@code MASTER/BACKUP/FAULT -> INITIALIZE}) are delivered before this returns,
     * with one bound and one exception:
     * <ul>
     *   <li>Called from a listener of this router (on its listener executor), it cannot wait for that
     *       thread, which is itself: it returns without waiting, and the last callbacks run on that
     *       thread as soon as the current callback returns; then the router's listener thread ends.
     *   <li>From any other thread it waits at most 5 s for the listeners. A listener still running then
     *       is named in a warning, close() returns, and the remaining callbacks run when it returns.
     * </ul>
     * A second, concurrent call returns once the first has done its work (at once on the listener thread).
     *
     * <p>Two threads that are not the router's may remain by design, with {@code vrrp-linux}: jnr-ffi's
     * {@code jnr.ffi.util.ref.internal.Finalizer} and jffi's {@code Cleaner-<n>}, each started once per JVM
     * on first use and shared by every user of jnr-ffi; they free native memory after garbage collection
     * and hold nothing of the router (see docs/api.md).
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            awaitFirstClose();
            return;
        }
        try {
            stop();
        } finally {
            closeDone.countDown();
        }
    }

    private void stop() {
        runtime.stop();
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException | IllegalArgumentException e) {
                // JVM already shutting down, or the hook was never added (start failed): nothing to undo.
            }
        }
        RunningRouters.release(id); // last: its VIPs are gone, another router may take its VRIDs
    }

    /**
     * The router's name in logs, thread names and messages: {@code vrrp-} and its instance's name (or its
     * instances' names joined with {@code +}), with {@code #2}, {@code #3}... when a router of that name
     * already runs in this JVM, e.g. {@code vrrp-VI_51}.
     */
    @Override
    public String toString() {
        return id;
    }

    /** A concurrent close(): return after the first one, unless this thread is one the first waits for. */
    private void awaitFirstClose() {
        if (runtime.isListenerThread() || runtime.isProtocolThread()) {
            return;
        }
        try {
            closeDone.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Builds a router. The single-instance setters (interfaceName, virtualRouterId, ...) describe one
     * instance; with {@link #instance} they are defaults for every named instance instead. Not
     * thread-safe. Values are checked by {@link #build()} and {@link #start()}, which throw an
     * {@link IllegalArgumentException} naming the field, the value and what is allowed.
     */
    public static final class Builder {
        private final InstanceBuilder defaults = new InstanceBuilder();
        private final Map<String, InstanceBuilder> instances = new LinkedHashMap<>();
        private final Map<String, List<String>> syncGroups = new LinkedHashMap<>();
        private final Map<String, HealthCheckSpec> healthChecks = new LinkedHashMap<>();
        private final List<VrrpListener> listeners = new ArrayList<>();
        private Executor listenerExecutor;
        private String networkNamespace;
        private NetworkProvider networkProvider;
        private boolean shutdownHook = true;
        private Path controlSocket;
        private boolean handOverOnClose;
        private int realtimePriority = RealtimePriority.OFF;
        /** The router {@link #start()} returned, if it did: a builder starts one router. */
        private VrrpRouter started;

        private Builder() {}

        static Builder from(VrrpRouterConfig config) {
            Builder b = new Builder();
            for (InstanceSpec spec : config.instances()) {
                b.instances.put(spec.name(), InstanceBuilder.from(spec));
            }
            b.syncGroups.putAll(config.syncGroups());
            b.healthChecks.putAll(config.healthChecks());
            b.listeners.addAll(config.listeners());
            b.listenerExecutor = config.listenerExecutor();
            b.networkNamespace = config.networkNamespace();
            b.networkProvider = config.networkProvider();
            b.shutdownHook = config.shutdownHook();
            b.controlSocket = config.controlSocket();
            b.handOverOnClose = config.handOverOnClose();
            b.realtimePriority = config.realtimePriority();
            return b;
        }

        /**
         * @param name the interface name
         * @return this builder
         * @see InstanceBuilder#interfaceName
         */
        public Builder interfaceName(String name) {
            defaults.interfaceName(name);
            return this;
        }

        /**
         * @param vrid the VRID
         * @return this builder
         * @see InstanceBuilder#virtualRouterId
         */
        public Builder virtualRouterId(int vrid) {
            defaults.virtualRouterId(vrid);
            return this;
        }

        /**
         * @param priority the priority
         * @return this builder
         * @see InstanceBuilder#priority
         */
        public Builder priority(int priority) {
            defaults.priority(priority);
            return this;
        }

        /**
         * @param address the address
         * @return this builder
         * @see InstanceBuilder#vip(String)
         */
        public Builder vip(String address) {
            defaults.vip(address);
            return this;
        }

        /**
         * @param address the address
         * @return this builder
         * @see InstanceBuilder#sourceAddress(String)
         */
        public Builder sourceAddress(String address) {
            defaults.sourceAddress(address);
            return this;
        }

        /**
         * @param address the address
         * @return this builder
         * @see InstanceBuilder#excludedVip(String)
         */
        public Builder excludedVip(String address) {
            defaults.excludedVip(address);
            return this;
        }

        /**
         * @param version the version
         * @return this builder
         * @see InstanceBuilder#version
         */
        public Builder version(int version) {
            defaults.version(version);
            return this;
        }

        /**
         * @param interval the interval
         * @return this builder
         * @see InstanceBuilder#advertisementInterval
         */
        public Builder advertisementInterval(Duration interval) {
            defaults.advertisementInterval(interval);
            return this;
        }

        /**
         * @param preempt the preempt
         * @return this builder
         * @see InstanceBuilder#preempt
         */
        public Builder preempt(boolean preempt) {
            defaults.preempt(preempt);
            return this;
        }

        /**
         * @param delay the delay
         * @return this builder
         * @see InstanceBuilder#preemptDelay
         */
        public Builder preemptDelay(Duration delay) {
            defaults.preemptDelay(delay);
            return this;
        }

        /**
         * @param password the password
         * @return this builder
         * @see InstanceBuilder#authentication
         */
        public Builder authentication(String password) {
            defaults.authentication(password);
            return this;
        }

        /**
         * @param state the state
         * @return this builder
         * @see InstanceBuilder#initialState
         */
        public Builder initialState(VrrpState state) {
            defaults.initialState(state);
            return this;
        }

        /**
         * @param value whether the IPv4 v3 checksum covers the pseudo-header
         * @return this builder
         * @see InstanceBuilder#checksumWithIpv4PseudoHeader
         */
        public Builder checksumWithIpv4PseudoHeader(boolean value) {
            defaults.checksumWithIpv4PseudoHeader(value);
            return this;
        }

        /**
         * @param garp the garp
         * @return this builder
         * @see InstanceBuilder#garp
         */
        public Builder garp(GarpConfig garp) {
            defaults.garp(garp);
            return this;
        }

        /**
         * @param value whether to use a virtual MAC
         * @return this builder
         * @see InstanceBuilder#virtualMac
         */
        public Builder virtualMac(boolean value) {
            defaults.virtualMac(value);
            return this;
        }

        /**
         * @param name the virtual MAC interface's name
         * @return this builder
         * @see InstanceBuilder#virtualMacName
         */
        public Builder virtualMacName(String name) {
            defaults.virtualMacName(name);
            return this;
        }

        /**
         * @param value whether adverts leave through the base interface
         * @return this builder
         * @see InstanceBuilder#vmacTransmitBase
         */
        public Builder vmacTransmitBase(boolean value) {
            defaults.vmacTransmitBase(value);
            return this;
        }

        /**
         * Declares a named instance (keepalived's {@code vrrp_instance NAME}); unset fields come from this builder.
         *
         * @param name the name
         * @param configure sets the instance's settings on its builder
         * @return this builder
         */
        public Builder instance(String name, Consumer<InstanceBuilder> configure) {
            Objects.requireNonNull(name, "name");
            if (instances.containsKey(name)) {
                throw new IllegalArgumentException("instance \"" + name + "\" is declared twice");
            }
            InstanceBuilder b = new InstanceBuilder();
            configure.accept(b);
            instances.put(name, b);
            return this;
        }

        /**
         * Declares a sync group (keepalived's {@code vrrp_sync_group}): its instances change state together.
         *
         * @param name the name
         * @param instanceNames the instance names
         * @return this builder
         */
        public Builder syncGroup(String name, String... instanceNames) {
            Objects.requireNonNull(name, "name");
            syncGroups.put(name, List.of(instanceNames));
            return this;
        }

        /**
         * Adds a health check; every instance tracks it unless instances name the checks they track.
         *
         * @param spec the spec
         * @return this builder
         */
        public Builder healthCheck(HealthCheckSpec spec) {
            Objects.requireNonNull(spec, "healthCheck");
            if (healthChecks.putIfAbsent(spec.name(), spec) != null) {
                throw new IllegalArgumentException("healthCheck \"" + spec.name() + "\" is declared twice");
            }
            return this;
        }

        /**
         * Network namespace (a name under /var/run/netns) in which the router's sockets and addresses live.
         *
         * @param name the namespace's name, or null for the default one
         * @return this builder
         */
        public Builder networkNamespace(String name) {
            this.networkNamespace = name;
            return this;
        }

        /**
         * Adds a listener; see {@link VrrpListener} for threading and ordering.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(VrrpListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Runs listeners on this executor instead of the router's own single thread; they stay in order.
         *
         * @param executor the executor
         * @return this builder
         */
        public Builder listenerExecutor(Executor executor) {
            this.listenerExecutor = executor;
            return this;
        }

        /**
         * The OS adapter to use instead of the one ServiceLoader finds.
         *
         * @param provider the provider
         * @return this builder
         */
        public Builder networkProvider(NetworkProvider provider) {
            this.networkProvider = provider;
            return this;
        }

        /**
         * Whether a JVM shutdown hook closes the router on SIGTERM (default true).
         *
         * @param enabled the enabled
         * @return this builder
         */
        public Builder shutdownHook(boolean enabled) {
            this.shutdownHook = enabled;
            return this;
        }

        /**
         * Serves {@code vrrp status}, {@code set-priority} and {@code resign} on this Unix socket (default:
         * none; {@code vrrp run} uses {@link org.vrrp.control.ControlProtocol#DEFAULT_SOCKET_PATH}). The
         * directory is created if missing, the file is made readable and writable by everyone (mode 0666)
         * so anyone on the host may read status, while only root and this process's user may change
         * anything (checked with the peer's kernel credentials). {@link #close()} deletes the file. Needs
         * {@code vrrp-linux} on the class path.
         *
         * @param path the path
         * @return this builder
         */
        public Builder controlSocket(Path path) {
            this.controlSocket = path;
            return this;
        }

        /**
         * Whether {@link VrrpRouter#close()} hands the traffic over before letting go (default false, as keepalived).
         * By default a master closing sends priority 0 and removes its VIPs at once, so the LAN has no gateway until
         * a backup takes over after its Skew_Time ((256 - priority) / 256 of the advert interval: almost a whole
         * interval at low backup priorities). With hand-over it sends priority 0 at once but keeps its VIPs, and
         * keeps answering for them, until the new master's first advert is heard, so hosts move to the new master
         * on its gratuitous ARP / NA without an outage. {@code close()} then blocks that long: the backup's
         * Skew_Time, or at most Master_Down_Interval at priority 1 (about 4 advert intervals) when no backup takes
         * over, after which the VIPs are removed anyway and a warning is logged. A router closed from its own
         * protocol thread, or by the JVM shutdown hook, hands over too; one whose instance is not master does not
         * wait. Not in RFC 9568, which moves a master straight to Initialize on Shutdown: see
         * docs/protocol-conformance.md.
         *
         * @param enabled whether to hand over on close
         * @return this builder
         */
        public Builder handOverOnClose(boolean enabled) {
            this.handOverOnClose = enabled;
            return this;
        }

        /**
         * Runs the protocol thread ({@code vrrp-NAME-protocol}: the one that sends adverts and runs the timers)
         * under the real-time SCHED_RR policy at this priority, as keepalived's {@code vrrp_rt_priority} does for
         * its whole VRRP process. A ready real-time thread takes a core from every normal one, so at short advert
         * intervals (10-50 ms) the thread is not kept waiting by the application's or the garbage collector's
         * threads, a wait that can make backups take over from a master that is alive. Only the protocol thread
         * is raised: the JVM's other threads, the router's I/O and listener threads, and threads and processes it
         * starts later (scripts, health checks) stay at normal priority (SCHED_RESET_ON_FORK, as keepalived).
         * It does not help against stop-the-world garbage-collection pauses, which stop every Java thread.
         *
         * <p>The thread applies it to itself when it starts, through the network adapter
         * ({@link org.vrrp.spi.NetworkStack#setThreadRealtimePriority}); {@link VrrpRouter#reload} applies a
         * changed value the same way (0 returns it to normal priority). On Linux it needs CAP_SYS_NICE (root has
         * it), or an RLIMIT_RTPRIO of at least this value (systemd {@code LimitRTPRIO=}). Without either, the
         * router logs one warning naming the fix and runs at normal priority, as keepalived does ("cannot raise
         * priority"); it does not refuse to start. Adapters that cannot do it (the simulated LAN of vrrp-testing)
         * warn the same way.
         *
         * <p>Use it with care: a busy-looping real-time thread starves the host's normal threads. The protocol
         * thread sleeps between deadlines; the kernel's real-time throttling ({@code kernel.sched_rt_runtime_us},
         * 95% by default) is the backstop.
         *
         * @param priority 1..99 (higher preempts lower), or {@value RealtimePriority#OFF} for normal scheduling
         *                 (the default)
         * @return this builder
         * @throws IllegalArgumentException if {@code priority} is outside 0..99, naming the value and the range
         */
        public Builder realtimePriority(int priority) {
            RealtimePriority.check(priority);
            this.realtimePriority = priority;
            return this;
        }

        /**
         * Validates everything and returns the immutable configuration.
         *
         * @return the validated, immutable configuration
         */
        public VrrpRouterConfig build() {
            for (HealthCheckSpec spec : healthChecks.values()) {
                spec.validate();
            }
            List<InstanceSpec> specs = new ArrayList<>();
            if (instances.isEmpty()) {
                String name = defaults.virtualRouterId == null ? "VI_1" : "VI_" + defaults.virtualRouterId;
                specs.add(ConfigValidator.validate(name, defaults, healthChecks));
            } else {
                for (Map.Entry<String, InstanceBuilder> e : instances.entrySet()) {
                    specs.add(ConfigValidator.validate(e.getKey(), e.getValue().overlay(defaults), healthChecks));
                }
            }
            Set<String> grouped = new LinkedHashSet<>();
            for (Map.Entry<String, List<String>> g : syncGroups.entrySet()) {
                if (g.getValue().isEmpty()) {
                    throw new IllegalArgumentException("syncGroup \"" + g.getKey() + "\" has no instances");
                }
                for (String member : g.getValue()) {
                    if (specs.stream().noneMatch(s -> s.name().equals(member))) {
                        throw new IllegalArgumentException("syncGroup \"" + g.getKey() + "\" names instance \"" + member
                                + "\", which is not declared; instances: "
                                + specs.stream().map(InstanceSpec::name).toList());
                    }
                    if (!grouped.add(member)) {
                        throw new IllegalArgumentException("instance \"" + member
                                + "\" is in more than one sync group (or twice in one)");
                    }
                }
            }
            return new VrrpRouterConfig(specs, syncGroups, healthChecks, listeners, listenerExecutor,
                    networkNamespace, networkProvider, shutdownHook, controlSocket, handOverOnClose, realtimePriority);
        }

        /**
         * Validates, then starts the router; see {@link VrrpRouter#start(VrrpRouterConfig)}. A builder
         * starts one router: once a call has returned one, another call throws. After a call that threw,
         * nothing runs and it may be called again.
         *
         * @return the started router
         * @throws IllegalStateException if this builder already started a router
         */
        public VrrpRouter start() {
            if (started != null) {
                throw new IllegalStateException("this builder already started router " + started + " (running "
                        + started.config().instances().stream().map(InstanceSpec::name).toList() + "): a builder starts"
                        + " one router. Keep that one, or close it and start another with VrrpRouter.start(build())");
            }
            started = VrrpRouter.start(build());
            return started;
        }
    }
}
