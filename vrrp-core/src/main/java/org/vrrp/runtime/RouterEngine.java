package org.vrrp.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vrrp.InstanceConfig;
import org.vrrp.InstanceSpec;
import org.vrrp.Reason;
import org.vrrp.RouterStats;
import org.vrrp.StateChange;
import org.vrrp.VrrpRouterConfig;
import org.vrrp.VrrpState;
import org.vrrp.packet.Advert;
import org.vrrp.packet.ChecksumForm;
import org.vrrp.protocol.ActionQueue;
import org.vrrp.protocol.Input;
import org.vrrp.protocol.SyncGroup;
import org.vrrp.protocol.TrackingPolicy;
import org.vrrp.protocol.VirtualRouterMachine;
import org.vrrp.spi.NetworkStack;
import org.vrrp.spi.VirtualMacInterface;

/**
 * A running router without threads of its own: it builds the instances' machines, sync groups and channels, feeds
 * the machines their inputs (adverts from the {@link ReceivePath}, timers, link and health changes through the
 * {@link TrackingPolicy}, API calls) and hands their actions, in order, to the {@link ActionExecutor}. Snapshots
 * come from the {@link StatsCollector}.
 *
 * <p>About 370 lines for a reason: it is the router's one door for inputs (start, reload, adverts, links, health
 * results, API calls, timers, shutdown), each a short method that feeds the machines and drains their actions; the
 * work itself lives in the parts named above, plus {@link ReloadShape}, {@link LateWakeups} and the timer queue
 * {@link InstanceTimers}.
 *
 * <p>Threading: every method except {@link #state(String)}, {@link #receiveErrors()} and the packet and
 * link callbacks (which only decode, count and {@link TaskPoster#post post}) must be called from one
 * thread, the protocol thread ({@link ProtocolLoop}) or a simulation's event loop.
 */
public final class RouterEngine {
    private static final Logger LOG = LoggerFactory.getLogger("org.vrrp");
    private static final long WARNING_PERIOD_NANOS = Duration.ofMinutes(1).toNanos();
    /**
     * Between the advert phases of consecutive instances. Each wake-up of the protocol thread costs about as
     * much as a few adverts (the futex wait and wake-up; before the timer queue ({@link InstanceTimers}) also
     * three passes over every instance's timers, tens of µs for 1,000 on the bench machine), so phases share
     * wake-ups: 1,000 instances at 100 ms make 20 wake-ups an interval of 50 adverts each, a burst of about
     * 0.3 ms. At 1 ms apart (100 wake-ups an interval, measured before the timer queue) the bench measured
     * 20 % more CPU for the same adverts and no jitter gained that its noise did not hide.
     */
    static final long ADVERT_PHASE_SPACING_NANOS = 5_000_000L;

    /** Told of each transition, in order; must not block. */
    @FunctionalInterface
    public interface TransitionSink {
        /**
         * Called on the protocol thread with each transition, in order; must not block.
         *
         * @param change the transition
         */
        void onTransition(StateChange change);

        /**
         * A master heard a lower priority (keepalived's notify_master_rx_lower_pri); by default nothing.
         *
         * @param advert what was heard
         */
        default void onLowerPriority(org.vrrp.LowerPriorityAdvert advert) {
        }
    }

    private VrrpRouterConfig config;
    private final NetworkStack stack;
    private final Ticker ticker;
    private final TaskPoster poster;
    private final RateLimitedLog warnings;
    private final TrackingPolicy tracking;
    private final ReceivePath receive;
    private final ActionExecutor executor;

    private final List<RouterInstance> instances = new ArrayList<>();
    /** Every machine's actions in the order decided: a sync group's forced moves after their cause. */
    private final ActionQueue actions = new ActionQueue();
    private final Map<String, RouterInstance> byName = new HashMap<>();
    private final List<RouterChannel> channels = new ArrayList<>();
    /** By instance name: each instance's virtual MAC interface, opened at start, closed at shutdown. */
    private final Map<String, VirtualMacInterface> virtualMacs = new java.util.LinkedHashMap<>();
    private final Map<String, VrrpState> publishedStates = new ConcurrentHashMap<>();
    private final LateWakeups lateWakeups;
    /** The instances by next deadline, ids their places in {@link #instances}; null until {@link #start()} built them. */
    private InstanceTimers timers;
    private boolean started;
    private boolean stopped;

    /**
     * @param config the router's configuration
     * @param stack the network stack the instances run on
     * @param ticker the clock
     * @param poster hands work to the protocol thread
     * @param sink receives the transitions
     * @param wallClock the wall-clock time stamped on transitions
     */
    public RouterEngine(VrrpRouterConfig config, NetworkStack stack, Ticker ticker, TaskPoster poster,
                        TransitionSink sink, Supplier<Instant> wallClock) {
        this.config = config;
        this.stack = stack;
        this.ticker = ticker;
        this.poster = poster;
        this.warnings = new RateLimitedLog(LOG, ticker, WARNING_PERIOD_NANOS);
        this.tracking = new TrackingPolicy(config.healthChecks().values());
        this.lateWakeups = new LateWakeups(warnings);
        this.receive = new ReceivePath(ticker, poster, warnings, this::onAdvert);
        this.executor = new ActionExecutor(LOG, stack, warnings, sink, wallClock, publishedStates,
                this::refreshTracking);
    }

    /**
     * Opens the channels, removes VIPs a previous run left behind, watches links and starts every
     * instance. On failure the caller must still call {@link #shutdown()} and close the stack.
     * @throws IOException if a channel cannot be opened or a stale address removed
     */
    public void start() throws IOException {
        // The virtual MAC interfaces come first: they are the VIPs' device, which the clean-up below looks at.
        for (InstanceSpec spec : config.instances()) {
            if (spec.virtualMac() != null) {
                InstanceConfig ic = spec.protocol();
                virtualMacs.put(spec.name(), stack.openVirtualMac(ic.interfaceName(), spec.virtualMac().interfaceName(),
                        ic.vrid(), ic.family()));
            }
        }
        // Then, before any socket picks its source address: a VIP a crashed run left must not be taken for
        // the interface's own address.
        StartupAddresses.prepare(config.instances(), stack);
        for (InstanceSpec spec : config.instances()) {
            InstanceConfig ic = spec.protocol();
            VirtualMacInterface vmac = virtualMacs.get(spec.name());
            RouterChannel ch = channelFor(ic, vmac == null || spec.virtualMac().transmitThroughBase() ? null
                    : vmac.name());
            VirtualRouterMachine m = new VirtualRouterMachine(ic, ch.channel.localAddress(), actions);
            RouterInstance inst = new RouterInstance(spec, m, ch, vmac);
            RouterInstance other = ch.claim(ic.vrid(), inst);
            if (other != null) {
                throw new IllegalArgumentException("instances " + other.name() + " and " + ic.name()
                        + " both use VRID " + ic.vrid() + " on " + ic.interfaceName() + " (" + ic.family() + ")");
            }
            instances.add(inst);
            byName.put(ic.name(), inst);
            publishedStates.put(ic.name(), VrrpState.INITIALIZE);
            lateWakeups.warnBeyondHalfOf(ic.advertIntervalCentis());
        }
        watchDeadlines();
        for (Map.Entry<String, List<String>> g : config.syncGroups().entrySet()) {
            SyncGroup group = new SyncGroup(g.getKey());
            for (String member : g.getValue()) {
                group.add(byName.get(member).machine);
            }
        }
        // Before the machines start, so that their timers do not run while it does: a backup's first takeover is
        // then as quick as a later one. It only ever costs time: a failure of it must not stop the router.
        try {
            new ClaimWarmUp(instances, config.syncGroups()).run(ticker.nanoTime());
        } catch (RuntimeException e) {
            LOG.warn("could not warm the takeover path at start; the first takeover may take a few ms longer", e);
        }
        long now = ticker.nanoTime();
        spreadAdvertPhases(now);
        watchTrackedLinks();
        started = true;
        // Every instance's faults first, then Startup: a sync group member must see its peers' faults.
        for (RouterInstance inst : instances) {
            refreshTracking(inst, now);
        }
        for (RouterInstance inst : instances) {
            inst.machine.handle(new Input.Start(), now);
        }
        drainActions(now);
    }

    /**
     * Puts every instance in the timer queue and has everything that can move its deadline say so: its machine
     * (which also hears when its sync group moves it) and its VIP fault. Nothing else writes a deadline.
     */
    private void watchDeadlines() {
        timers = new InstanceTimers(instances.size(), id -> {
            RouterInstance inst = instances.get(id);
            return Math.min(inst.machine.pollTimeoutNanos(), inst.vipFault.retryNanos());
        });
        for (int i = 0; i < instances.size(); i++) {
            int id = i;
            Runnable mark = () -> timers.mayHaveChanged(id);
            instances.get(i).machine.setDeadlineListener(mark);
            instances.get(i).vipFault.setRetryListener(mark);
        }
    }

    private void watchTrackedLinks() throws IOException {
        for (RouterInstance inst : instances) {
            for (String ifname : inst.spec.trackedInterfaces()) {
                if (!tracking.watchesLink(ifname)) {
                    boolean up = stack.watchLink(ifname, (name, isUp) -> poster.post(() -> onLinkChange(name, isUp)));
                    tracking.linkChanged(ifname, up);
                }
            }
        }
    }

    /**
     * Applies a reloaded configuration of the same shape (same instances on the same interfaces,
     * families, VRIDs, versions and peers; same sync groups) without leaving any state: changed
     * priorities, weights, health checks, intervals and VIPs take effect; a master keeps its
     * mastership. Listeners, namespace and provider are not changed here.
     *
     * @param newConfig the config
     * @throws IllegalArgumentException naming what differs, when only a restart can apply the change
     * @throws IOException if the network stack refuses a change
     */
    public void reconfigure(VrrpRouterConfig newConfig) throws IOException {
        String difference = ReloadShape.difference(config, newConfig);
        if (difference != null) {
            throw new IllegalArgumentException("cannot apply without a restart: " + difference);
        }
        tracking.reconfigure(newConfig.healthChecks().values());
        long now = ticker.nanoTime();
        for (RouterInstance inst : instances) {
            InstanceSpec next = newConfig.instance(inst.name());
            if (next.protocol().priority() != inst.spec.protocol().priority()) {
                inst.basePriority = next.protocol().priority();
            }
            inst.spec = next;
            inst.machine.reconfigure(next.protocol(), now);
        }
        config = newConfig;
        watchTrackedLinks();
        for (RouterInstance inst : instances) {
            refreshTracking(inst, now);
        }
        drainActions(now);
    }

    /** @param transmitInterface the virtual MAC interface adverts leave through, or null for the instance's own */
    private RouterChannel channelFor(InstanceConfig ic, String transmitInterface) throws IOException {
        for (RouterChannel c : channels) {
            if (c.channel.interfaceName().equals(ic.interfaceName()) && c.channel.family() == ic.family()
                    && c.unicastPeers.equals(ic.unicastPeers())
                    && java.util.Objects.equals(c.requestedSource, ic.sourceAddress())
                    && java.util.Objects.equals(c.transmitInterface, transmitInterface)) {
                return c;
            }
        }
        RouterChannel c = new RouterChannel(ic.family(), ic.unicastPeers(), ic.sourceAddress(), transmitInterface);
        c.open(transmitInterface != null
                ? stack.openChannel(ic.interfaceName(), transmitInterface, ic.family(), ic.unicastPeers(),
                        ic.sourceAddress(), receive.handlerFor(c))
                : ic.sourceAddress() == null
                ? stack.openChannel(ic.interfaceName(), ic.family(), ic.unicastPeers(), receive.handlerFor(c))
                : stack.openChannel(ic.interfaceName(), ic.family(), ic.unicastPeers(), ic.sourceAddress(),
                        receive.handlerFor(c)));
        channels.add(c);
        return c;
    }

    /** From the receive path, on the protocol thread: an advert for one of our VRIDs. */
    private void onAdvert(RouterInstance inst, Advert advert, InetAddress source, int ttl, ChecksumForm form) {
        long now = ticker.nanoTime();
        inst.machine.handleAdvert(advert, source, ttl, form, now);
        drainActions(now);
    }

    private void onLinkChange(String ifname, boolean up) {
        if (stopped || !tracking.linkChanged(ifname, up)) {
            return;
        }
        long now = ticker.nanoTime();
        for (RouterInstance inst : instances) {
            if (inst.spec.trackedInterfaces().contains(ifname)) {
                refreshTracking(inst, now);
            }
        }
        drainActions(now);
    }

    /**
     * A polled health check's result, or one pushed by the application ({@code pushed} acts at once).
     *
     * @param checkName the check name
     * @param healthy the healthy
     * @param pushed the pushed
     */
    public void onHealthResult(String checkName, boolean healthy, boolean pushed) {
        requireCheck(checkName);
        if (!stopped) {
            applyCheckChange(checkName, tracking.healthResult(checkName, healthy, pushed));
        }
    }

    /**
     * A valued check's read ({@link org.vrrp.HealthCheckSpec#polledValue}, keepalived's track_file).
     *
     * @param checkName the check
     * @param value the value read
     */
    public void onValueResult(String checkName, long value) {
        requireCheck(checkName);
        if (!stopped) {
            applyCheckChange(checkName, tracking.valueResult(checkName, value));
        }
    }

    private void requireCheck(String checkName) {
        if (!tracking.checkNames().contains(checkName)) {
            throw new IllegalArgumentException("no health check named \"" + checkName + "\"; declared: "
                    + tracking.checkNames());
        }
    }

    private void applyCheckChange(String checkName, Reason change) {
        if (change == null) {
            return;
        }
        LOG.info(change.toString());
        long now = ticker.nanoTime();
        for (RouterInstance inst : instances) {
            if (inst.spec.trackedChecks().containsKey(checkName)) {
                refreshTracking(inst, now);
            }
        }
        drainActions(now);
    }

    /**
     * Sets an instance's base priority (before health weights); null name means every instance.
     *
     * @param instanceName the instance name
     * @param priority the priority
     * @throws IllegalArgumentException out of 1..255, or 255 for an instance that is not the address
     *                                  owner; then no instance is changed
     */
    public void setPriority(String instanceName, int priority) {
        List<RouterInstance> targets = selected(instanceName);
        for (RouterInstance inst : targets) {
            inst.spec.protocol().requireAllowedPriority(priority);
        }
        long now = ticker.nanoTime();
        for (RouterInstance inst : targets) {
            inst.basePriority = priority;
            refreshTracking(inst, now);
        }
        drainActions(now);
    }

    /**
     * Planned handover of one instance (null: all): its priority drops to 1 so that it does not preempt
     * back, and if MASTER it resigns with a priority-0 advert. {@link #setPriority} raises it again.
     *
     * @param instanceName the instance name
     */
    public void resign(String instanceName) {
        long now = ticker.nanoTime();
        for (RouterInstance inst : selected(instanceName)) {
            // Resign first: a master lowering its priority would otherwise advertise priority 1 before the 0.
            inst.machine.handle(new Input.Resign(new Reason.Operator("resign")), now);
            inst.basePriority = 1;
            refreshTracking(inst, now);
        }
        drainActions(now);
    }

    private List<RouterInstance> selected(String instanceName) {
        if (instanceName == null) {
            return instances;
        }
        RouterInstance inst = byName.get(instanceName);
        if (inst == null) {
            throw new IllegalArgumentException("no instance named \"" + instanceName + "\"; instances: " + byName.keySet());
        }
        return List.of(inst);
    }

    /**
     * Gives the instances advert phases {@link #ADVERT_PHASE_SPACING_NANOS} apart, so that masters that
     * started together do not all send in one burst each interval: the last of 1,000 would go out several
     * milliseconds after the first, and wherever the protocol thread is preempted in that burst, every
     * advert after it is late. Spread, one wake-up sends a share of them (1,000 at 100 ms: 50 every 5 ms).
     * A single instance keeps the RFC's plain timer.
     */
    private void spreadAdvertPhases(long nowNanos) {
        if (instances.size() < 2) {
            return;
        }
        for (int i = 0; i < instances.size(); i++) {
            instances.get(i).machine.setAdvertPhase(nowNanos + i * ADVERT_PHASE_SPACING_NANOS);
        }
    }

    /** Gives an instance's machine the priority and fault its links, health checks and VIP failures make. */
    private void refreshTracking(RouterInstance inst, long now) {
        TrackingPolicy.Verdict v = tracking.evaluate(inst.spec.trackedInterfaces(), inst.spec.weightedLinks(), inst.spec.trackedChecks(),
                inst.basePriority, inst.vipFault.reason());
        inst.machine.handle(new Input.PriorityChanged(v.priority(), v.priorityReason()), now);
        Input.FaultChanged change = TrackingPolicy.faultInput(inst.fault, v.fault());
        inst.fault = v.fault();
        if (change != null) {
            inst.machine.handle(change, now);
        }
    }

    /**
     * Earliest deadline of any instance, or {@link Long#MAX_VALUE}.
     *
     * @return the earliest deadline of any instance, or {@link Long#MAX_VALUE}
     */
    public long nextDeadlineNanos() {
        if (stopped || timers == null) {
            return Long.MAX_VALUE;
        }
        return timers.nextDeadlineNanos();
    }

    /**
     * Runs due timers.
     *
     * @param nowNanos the now nanos
     */
    public void onTimeout(long nowNanos) {
        if (stopped || timers == null) {
            return;
        }
        // Only the instances due, but in the order of the instance list, as when every instance was scanned: members
        // of a sync group due in one wake-up are handled in the order they always were, and one that another's
        // handling makes due is handled now if it comes later in the list, at the next wake-up if earlier.
        for (int id = timers.firstDue(nowNanos); id >= 0; id = timers.nextDue(id)) {
            RouterInstance inst = instances.get(id);
            if (inst.machine.pollTimeoutNanos() <= nowNanos) {
                inst.machine.handleTimeout(nowNanos);
            }
            if (inst.vipFault.retryDue(nowNanos)) {
                refreshTracking(inst, nowNanos);
            }
        }
        drainActions(nowNanos);
    }

    /**
     * The driver woke {@code latenessNanos} after a deadline; see {@link LateWakeups}.
     *
     * @param latenessNanos the lateness nanos
     */
    public void onLateWakeup(long latenessNanos) {
        lateWakeups.record(latenessNanos);
    }

    /**
     * The first half of a stop with hand-over: masters send priority 0 and keep their VIPs until another router
     * advertises ({@link Input.HandOver}). {@link #shutdown()} still has to follow.
     *
     * @return the longest an instance now handing over may wait, in nanoseconds; 0 when none was master
     */
    public long beginHandOver() {
        if (stopped || !started) {
            return 0;
        }
        long now = ticker.nanoTime();
        long longestMicros = 0;
        for (RouterInstance inst : instances) {
            inst.machine.handle(new Input.HandOver(), now);
            if (inst.machine.isHandingOver()) {
                longestMicros = Math.max(longestMicros, inst.machine.handOverWaitMicros());
            }
        }
        drainActions(now);
        return longestMicros * 1_000;
    }

    /** @return whether an instance still waits for another router to take over its VIPs */
    public boolean isHandingOver() {
        for (RouterInstance inst : instances) {
            if (inst.machine.isHandingOver()) {
                return true;
            }
        }
        return false;
    }

    /** Shutdown: masters send priority 0 and remove their VIPs. Does not close the stack. Idempotent. */
    public void shutdown() {
        if (stopped) {
            return;
        }
        long now = ticker.nanoTime();
        if (started) {
            for (RouterInstance inst : instances) {
                inst.machine.handle(new Input.Shutdown(), now);
            }
            drainActions(now);
        }
        stopped = true;
        receive.stop();
        for (RouterChannel c : channels) {
            c.channel.close();
        }
        // After the machines' shutdown took the VIPs off: removing the interface takes nothing of anyone else's.
        for (VirtualMacInterface vmac : virtualMacs.values()) {
            vmac.close();
        }
        executor.close();
    }

    private void drainActions(long now) {
        ActionQueue.Entry e;
        // Resignations first: a sync-group member's priority-0 advert must not wait for the others' slower work.
        while ((e = actions.pollResignation()) != null) {
            executor.execute(byName.get(e.machine().name()), e.action(), now);
        }
        while ((e = actions.poll()) != null) {
            executor.execute(byName.get(e.machine().name()), e.action(), now);
        }
    }

    /**
     * State of an instance as last published; safe from any thread.
     *
     * @param instanceName the instance name
     * @return the instance's current state
     */
    public VrrpState state(String instanceName) {
        VrrpState s = publishedStates.get(instanceName);
        if (s == null) {
            throw new IllegalArgumentException("no instance named \"" + instanceName + "\"; instances: "
                    + publishedStates.keySet());
        }
        return s;
    }

    /**
     * Counts of packets that did not decode, by rule; safe from any thread.
     *
     * @return counts of packets that did not decode, by rule
     */
    public Map<String, Long> receiveErrors() {
        return receive.receiveErrors();
    }

    /**
     * A consistent snapshot; protocol thread only.
     *
     * @return a consistent snapshot; protocol thread only
     */
    public RouterStats stats() {
        return StatsCollector.collect(instances, tracking, receive, lateWakeups, ticker.nanoTime());
    }

    /** The running instance of that name, or null; for the runtime's tests. */
    RouterInstance instance(String instanceName) {
        return byName.get(instanceName);
    }

    /**
     * Names of the instances in declaration order.
     *
     * @return the instance names
     */
    public List<String> instanceNames() {
        List<String> names = new ArrayList<>();
        for (InstanceSpec s : config.instances()) {
            names.add(s.name());
        }
        return names;
    }
}
