package org.vrrp;

import java.util.concurrent.CompletionStage;
import org.vrrp.spi.NetworkStack;

/**
 * The engine behind a {@link VrrpRouter}: protocol thread, listeners, health checks, control socket. vrrp-core's
 * {@code org.vrrp.runtime} implements it and is found with {@link java.util.ServiceLoader} through {@link Factory},
 * so that this API package does not depend on the runtime package (the runtime depends on the API, not the
 * reverse: no package cycle). Not for applications: use {@link VrrpRouter}, which checks arguments and state before
 * it calls here.
 *
 * <p>Every method is thread-safe, as the {@link VrrpRouter} method of the same name documents.
 */
public interface RouterRuntime {
    /** Starts the runtime of a router. Registered in {@code META-INF/services}. */
    interface Factory {
        /**
         * Starts the protocol thread and the instances, schedules the health checks and opens the control socket.
         * On failure nothing is left running and {@code stack} is closed.
         *
         * @param id     the router's unique name, e.g. {@code vrrp-VI_51}, prefix of its thread names
         * @param config the validated configuration
         * @param stack  the opened network stack; the runtime owns it from now on
         * @return the running runtime
         * @throws VrrpException            if the environment does not allow it
         * @throws IllegalArgumentException if a non-owner VIP is already an address of the host
         */
        RouterRuntime start(String id, VrrpRouterConfig config, NetworkStack stack);
    }

    /**
     * As {@link VrrpRouter#state(String)}.
     *
     * @param instanceName the instance name
     * @return the instance's current state
     */
    VrrpState state(String instanceName);

    /**
     * As {@link VrrpRouter#addListener}.
     *
     * @param listener the listener
     */
    void addListener(VrrpListener listener);

    /**
     * As {@link VrrpRouter#removeListener}.
     *
     * @param listener the listener
     * @return whether the listener was registered
     */
    boolean removeListener(VrrpListener listener);

    /**
     * As {@link VrrpRouter#onState(String, VrrpState)}.
     *
     * @param instanceName the instance name
     * @param state the state
     * @return a stage completed with the transition into {@code state}
     */
    CompletionStage<StateChange> onState(String instanceName, VrrpState state);

    /**
     * Whether the calling thread is the one delivering this router's listener callbacks.
     *
     * @return whether the calling thread is the one delivering this router's listener callbacks
     */
    boolean isListenerThread();

    /**
     * Whether the calling thread is this router's protocol thread.
     *
     * @return whether the calling thread is this router's protocol thread
     */
    boolean isProtocolThread();

    /**
     * As {@link VrrpRouter#stats()}: the last counters once {@link #stop()} has run.
     *
     * @return a snapshot of the router's stats
     */
    RouterStats stats();

    /**
     * As {@link VrrpRouter#setPriority(String, int)}.
     *
     * @param instanceName the instance name
     * @param priority the priority
     */
    void setPriority(String instanceName, int priority);

    /**
     * As {@link VrrpRouter#resign(String)}.
     *
     * @param instanceName the instance name
     */
    void resign(String instanceName);

    /**
     * As {@link VrrpRouter#reportHealth(String, boolean)}.
     *
     * @param check the check
     * @param healthy whether the check passed
     */
    void reportHealth(String check, boolean healthy);

    /**
     * As {@link VrrpRouter#reload(VrrpRouterConfig)}, after the checks the router makes.
     *
     * @param newConfig the config
     */
    void reload(VrrpRouterConfig newConfig);

    /** The work of {@link VrrpRouter#close()}: priority 0, VIPs removed, threads ended. Called once. */
    void stop();
}
