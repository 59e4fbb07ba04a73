package org.vrrp.runtime;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vrrp.HealthCheckSpec;
import org.vrrp.InstanceConfig;
import org.vrrp.InstanceSpec;
import org.vrrp.InstanceStats;
import org.vrrp.RouterStats;
import org.vrrp.StateChange;
import org.vrrp.VrrpRouterConfig;
import org.vrrp.VrrpState;
import org.vrrp.packet.AddressFamily;
import org.vrrp.packet.DecodeError;
import org.vrrp.packet.DecodeResult;
import org.vrrp.packet.VrrpCodec;
import org.vrrp.packet.VrrpPacket;
import org.vrrp.protocol.Action;
import org.vrrp.protocol.ActionQueue;
import org.vrrp.protocol.HealthState;
import org.vrrp.protocol.Input;
import org.vrrp.protocol.InstanceCounters;
import org.vrrp.protocol.PriorityCalculator;
import org.vrrp.protocol.SyncGroup;
import org.vrrp.protocol.TimerMath;
import org.vrrp.protocol.VirtualRouterMachine;
import org.vrrp.spi.NetworkStack;
import org.vrrp.spi.ReceivedPacket;
import org.vrrp.spi.VirtualAddress;
import org.vrrp.spi.VrrpChannel;

/**
 * A running router without threads of its own: its instances' machines, sync groups, channels, link
 * and health tracking, and the carrying out of the machines' actions through a {@link NetworkStack}.
 *
 * <p>Threading: every method except {@link #state(String)}, {@link #receiveErrors()} and the packet and
 * link callbacks (which only decode, count and {@link TaskPoster#post post}) must be called from one
 * thread, the protocol thread ({@link ProtocolLoop}) or a simulation's event loop.
 */
public final class RouterEngine {
    private static final Logger LOG = LoggerFactory.getLogger("org.vrrp");
    private static final long WARNING_PERIOD_NANOS = Duration.ofMinutes(1).toNanos();

    static final InetAddress VRRP_GROUP_V4 = literal(new byte[] {(byte) 224, 0, 0, 18});
    static final InetAddress VRRP_GROUP_V6 = literal(new byte[] {(byte) 0xff, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x12});

    /** Told of each transition, in order; must not block. */
    @FunctionalInterface
    public interface TransitionSink {
        void onTransition(StateChange change);
    }

    private VrrpRouterConfig config;
    private final NetworkStack stack;
    private final Ticker ticker;
    private final TaskPoster poster;
    private final TransitionSink sink;
    private final Supplier<Instant> wallClock;
    private final RateLimitedLog warnings;

    private final List<Instance> instances = new ArrayList<>();
    /** Every machine's actions in the order decided: a sync group's forced moves after their cause. */
    private final ActionQueue actions = new ActionQueue();
    private final Map<String, Instance> byName = new HashMap<>();
    private final List<Channel> channels = new ArrayList<>();
    private final Map<String, TrackedCheck> checks = new LinkedHashMap<>();
    private final Map<String, Boolean> linkUp = new HashMap<>();
    private final Map<String, VrrpState> publishedStates = new ConcurrentHashMap<>();
    private final Map<DecodeError, AtomicLong> receiveErrors = new EnumMap<>(DecodeError.class);
    private final AtomicLong unknownVrid = new AtomicLong();
    private static final long DECODE_WARNING_GAP_NANOS = 1_000_000_000L;
    private final java.util.concurrent.atomic.AtomicLongArray lastDecodeWarningNanos =
            new java.util.concurrent.atomic.AtomicLongArray(DecodeError.values().length);
    private final ByteBuf sendBuffer = Unpooled.buffer(1500);
    private long sequence;
    private long lateWakeups;
    private long maxLatenessNanos;
    private long lateWarningThresholdNanos = Long.MAX_VALUE;
    private boolean started;
    private boolean stopped;

    public RouterEngine(VrrpRouterConfig config, NetworkStack stack, Ticker ticker, TaskPoster poster,
                        TransitionSink sink, Supplier<Instant> wallClock) {
        this.config = config;
        this.stack = stack;
        this.ticker = ticker;
        this.poster = poster;
        this.sink = sink;
        this.wallClock = wallClock;
        this.warnings = new RateLimitedLog(LOG, ticker, WARNING_PERIOD_NANOS);
        for (DecodeError e : DecodeError.values()) {
            receiveErrors.put(e, new AtomicLong());
            lastDecodeWarningNanos.set(e.ordinal(), ticker.nanoTime() - DECODE_WARNING_GAP_NANOS);
        }
        for (HealthCheckSpec spec : config.healthChecks().values()) {
            checks.put(spec.name(), new TrackedCheck(spec, initialState(spec)));
        }
    }

    /**
     * Opens the channels, removes VIPs a previous run left behind, watches links and starts every
     * instance. On failure the caller must still call {@link #shutdown()} and close the stack.
     */
    public void start() throws IOException {
        long now = ticker.nanoTime();
        // First, before any socket picks its source address: a VIP a crashed run left must not be taken for
        // the interface's own address.
        StartupAddresses.prepare(config.instances(), stack);
        for (InstanceSpec spec : config.instances()) {
            InstanceConfig ic = spec.protocol();
            Channel ch = channelFor(ic);
            VirtualRouterMachine m = new VirtualRouterMachine(ic, ch.channel.localAddress(), actions);
            Instance inst = new Instance(spec, m, ch);
            if (ch.byVrid.putIfAbsent(ic.vrid(), inst) != null) {
                throw new IllegalArgumentException("instances " + ch.byVrid.get(ic.vrid()).name() + " and " + ic.name()
                        + " both use VRID " + ic.vrid() + " on " + ic.interfaceName() + " (" + ic.family() + ")");
            }
            instances.add(inst);
            byName.put(ic.name(), inst);
            publishedStates.put(ic.name(), VrrpState.INITIALIZE);
            lateWarningThresholdNanos = Math.min(lateWarningThresholdNanos,
                    TimerMath.centisToNanos(ic.advertIntervalCentis()) / 2);
        }
        for (Map.Entry<String, List<String>> g : config.syncGroups().entrySet()) {
            SyncGroup group = new SyncGroup(g.getKey());
            for (String member : g.getValue()) {
                group.add(byName.get(member).machine);
            }
        }
        watchTrackedLinks();
        started = true;
        // Every instance's faults first, then Startup: a sync group member must see its peers' faults.
        for (Instance inst : instances) {
            refreshTracking(inst, now);
        }
        for (Instance inst : instances) {
            inst.machine.handle(new Input.Start(), now);
        }
        drainActions(now);
    }

    private void watchTrackedLinks() throws IOException {
        for (Instance inst : instances) {
            for (String ifname : inst.spec.trackedInterfaces()) {
                if (!linkUp.containsKey(ifname)) {
                    boolean up = stack.watchLink(ifname, (name, isUp) -> poster.post(() -> onLinkChange(name, isUp)));
                    linkUp.put(ifname, up);
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
     * @throws IllegalArgumentException naming what differs, when only a restart can apply the change
     */
    public void reconfigure(VrrpRouterConfig newConfig) throws IOException {
        String difference = shapeDifference(newConfig);
        if (difference != null) {
            throw new IllegalArgumentException("cannot apply without a restart: " + difference);
        }
        Map<String, TrackedCheck> newChecks = new LinkedHashMap<>();
        for (HealthCheckSpec spec : newConfig.healthChecks().values()) {
            TrackedCheck old = checks.get(spec.name());
            boolean sameDebounce = old != null && old.spec.fall() == spec.fall() && old.spec.rise() == spec.rise();
            // A check that was already known stays known across a reload (a master must not drop to FAULT
            // because a fall or rise changed); only a new one starts as at start-up.
            HealthState state = sameDebounce ? old.state
                    : old != null ? old.state.withDebounce(spec.fall(), spec.rise()) : initialState(spec);
            TrackedCheck c = new TrackedCheck(spec, state);
            c.lastChangeReason = old != null ? old.lastChangeReason : null;
            newChecks.put(spec.name(), c);
        }
        checks.clear();
        checks.putAll(newChecks);
        long now = ticker.nanoTime();
        for (Instance inst : instances) {
            InstanceSpec next = newConfig.instance(inst.name());
            if (next.protocol().priority() != inst.spec.protocol().priority()) {
                inst.basePriority = next.protocol().priority();
            }
            inst.spec = next;
            inst.machine.reconfigure(next.protocol(), now);
        }
        config = newConfig;
        watchTrackedLinks();
        for (Instance inst : instances) {
            refreshTracking(inst, now);
        }
        drainActions(now);
    }

    /**
     * A polled check starts not yet known, as keepalived's vrrp_script: no weight until its first result,
     * and a weight-0 one holds FAULT until then. A pushed check starts healthy: the application reports
     * a failure when it sees one.
     */
    private static HealthState initialState(HealthCheckSpec spec) {
        return spec.isPushed() ? HealthState.healthy(spec.fall(), spec.rise())
                : HealthState.notYetKnown(spec.fall(), spec.rise());
    }

    /** What keeps {@code next} from being applied in place, or null if nothing does. */
    private String shapeDifference(VrrpRouterConfig next) {
        if (!next.syncGroups().equals(config.syncGroups())) {
            return "sync groups changed: " + config.syncGroups() + " -> " + next.syncGroups();
        }
        if (next.instances().size() != config.instances().size()) {
            return "instances added or removed: " + instanceNames() + " -> "
                    + next.instances().stream().map(InstanceSpec::name).toList();
        }
        for (InstanceSpec old : config.instances()) {
            InstanceSpec n = next.instance(old.name());
            if (n == null) {
                return "instance " + old.name() + " was removed or renamed";
            }
            InstanceConfig a = old.protocol();
            InstanceConfig b = n.protocol();
            if (!a.interfaceName().equals(b.interfaceName()) || a.family() != b.family() || a.vrid() != b.vrid()
                    || a.version() != b.version() || !a.unicastPeers().equals(b.unicastPeers())) {
                return "instance " + old.name() + ": interface, family, VRID, version or unicast peers changed";
            }
        }
        return null;
    }

    private Channel channelFor(InstanceConfig ic) throws IOException {
        for (Channel c : channels) {
            if (c.channel.interfaceName().equals(ic.interfaceName()) && c.channel.family() == ic.family()
                    && c.unicastPeers.equals(ic.unicastPeers())) {
                return c;
            }
        }
        Channel c = new Channel(ic.family(), ic.unicastPeers());
        c.channel = stack.openChannel(ic.interfaceName(), ic.family(), ic.unicastPeers(), p -> onPacket(c, p));
        c.localAddressBytes = c.channel.localAddress().getAddress();
        channels.add(c);
        return c;
    }

    /** Runs on the adapter's I/O thread: decode and count here, decide on the protocol thread. */
    private void onPacket(Channel c, ReceivedPacket p) {
        DecodeResult r = VrrpCodec.decode(Unpooled.wrappedBuffer(p.message()), c.family, p.source().getAddress(),
                p.destination().getAddress());
        if (r instanceof DecodeResult.Failed f) {
            receiveErrors.get(f.error()).incrementAndGet();
            // Under a flood of junk, hand the protocol thread at most one log task per rule per second.
            long now = ticker.nanoTime();
            long last = lastDecodeWarningNanos.get(f.error().ordinal());
            if (now - last >= DECODE_WARNING_GAP_NANOS
                    && lastDecodeWarningNanos.compareAndSet(f.error().ordinal(), last, now)) {
                poster.post(() -> warnings.warn("decode:" + f.error(), "dropped a VRRP packet from "
                        + p.source().getHostAddress() + " on " + p.interfaceName() + ": " + f
                        + " (all such packets are counted in stats().receiveErrors())"));
            }
            return;
        }
        DecodeResult.Ok ok = (DecodeResult.Ok) r;
        poster.post(() -> onAdvert(c, p, ok));
    }

    private void onAdvert(Channel c, ReceivedPacket p, DecodeResult.Ok ok) {
        if (stopped) {
            return;
        }
        Instance inst = c.byVrid.get(ok.packet().vrid());
        if (inst == null) {
            unknownVrid.incrementAndGet();
            return;
        }
        if (java.util.Arrays.equals(p.source().getAddress(), c.localAddressBytes)) {
            if (ok.packet().equals(inst.lastSentAdvert)) {
                return; // our own advert looped back: neither a peer nor a second router
            }
            inst.ownAddressAdverts++;
            warnings.warn("own-address:" + inst.name(), "(" + inst.name() + ") an advert for VRID " + ok.packet().vrid()
                    + " came from this host's own address " + p.source().getHostAddress() + " on " + p.interfaceName()
                    + ": another router on this host (a second process, keepalived) or a host with a duplicate"
                    + " address runs this VRID; dropped. Stop the other one or give it another VRID");
            return;
        }
        long now = ticker.nanoTime();
        inst.machine.handle(new Input.AdvertReceived(ok.packet(), p.source(), p.ttl(), ok.checksumForm()), now);
        drainActions(now);
    }

    private void onLinkChange(String ifname, boolean up) {
        if (stopped || Boolean.valueOf(up).equals(linkUp.get(ifname))) {
            return;
        }
        linkUp.put(ifname, up);
        long now = ticker.nanoTime();
        for (Instance inst : instances) {
            if (inst.spec.trackedInterfaces().contains(ifname)) {
                refreshTracking(inst, now);
            }
        }
        drainActions(now);
    }

    /** A polled health check's result, or one pushed by the application ({@code pushed} acts at once). */
    public void onHealthResult(String checkName, boolean healthy, boolean pushed) {
        TrackedCheck check = checks.get(checkName);
        if (check == null) {
            throw new IllegalArgumentException("no health check named \"" + checkName + "\"; declared: " + checks.keySet());
        }
        if (stopped) {
            return;
        }
        boolean first = check.state.status() == HealthState.Status.UNKNOWN;
        boolean flipped = pushed ? check.state.force(healthy) : check.state.record(healthy);
        if (!flipped) {
            return;
        }
        if (first) {
            check.lastChangeReason = "health check " + checkName + (healthy ? " passed" : " failed") + " its first run";
        } else {
            check.lastChangeReason = healthy
                    ? "health check " + checkName + " recovered"
                    : "health check " + checkName + " failed" + (check.spec.fall() > 1 ? " " + check.spec.fall() + " times" : "");
        }
        LOG.info(check.lastChangeReason);
        long now = ticker.nanoTime();
        for (Instance inst : instances) {
            if (inst.spec.trackedChecks().containsKey(checkName)) {
                refreshTracking(inst, now);
            }
        }
        drainActions(now);
    }

    /**
     * Sets an instance's base priority (before health weights); null name means every instance.
     *
     * @throws IllegalArgumentException out of 1..255, or 255 for an instance that is not the address
     *                                  owner; then no instance is changed
     */
    public void setPriority(String instanceName, int priority) {
        List<Instance> targets = selected(instanceName);
        for (Instance inst : targets) {
            inst.spec.protocol().requireAllowedPriority(priority);
        }
        long now = ticker.nanoTime();
        for (Instance inst : targets) {
            inst.basePriority = priority;
            refreshTracking(inst, now);
        }
        drainActions(now);
    }

    /**
     * Planned handover of one instance (null: all): its priority drops to 1 so that it does not preempt
     * back, and if MASTER it resigns with a priority-0 advert. {@link #setPriority} raises it again.
     */
    public void resign(String instanceName) {
        long now = ticker.nanoTime();
        for (Instance inst : selected(instanceName)) {
            // Resign first: a master lowering its priority would otherwise advertise priority 1 before the 0.
            inst.machine.handle(new Input.Resign("resigned by operator"), now);
            inst.basePriority = 1;
            refreshTracking(inst, now);
        }
        drainActions(now);
    }

    private List<Instance> selected(String instanceName) {
        if (instanceName == null) {
            return instances;
        }
        Instance inst = byName.get(instanceName);
        if (inst == null) {
            throw new IllegalArgumentException("no instance named \"" + instanceName + "\"; instances: " + byName.keySet());
        }
        return List.of(inst);
    }

    /** Recomputes an instance's effective priority and fault from its links and health checks. */
    private void refreshTracking(Instance inst, long now) {
        String faultReason = null;
        for (String ifname : inst.spec.trackedInterfaces()) {
            if (!linkUp.getOrDefault(ifname, true)) {
                faultReason = "link " + ifname + " lost carrier";
                break;
            }
        }
        Map<String, Integer> tracked = inst.spec.trackedChecks();
        int[] weights = new int[tracked.size()];
        HealthState.Status[] status = new HealthState.Status[tracked.size()];
        int i = 0;
        String priorityReason = "priority set to " + inst.basePriority;
        for (Map.Entry<String, Integer> e : tracked.entrySet()) {
            TrackedCheck c = checks.get(e.getKey());
            weights[i] = e.getValue();
            status[i] = c.state.status();
            if (faultReason == null && PriorityCalculator.isFault(weights[i], status[i])) {
                faultReason = status[i] == HealthState.Status.UNKNOWN
                        ? "health check " + e.getKey() + NOT_YET_KNOWN : c.lastChangeReason;
            }
            if (c.lastChangeReason != null) {
                priorityReason = c.lastChangeReason;
            }
            i++;
        }
        faultReason = faultReason != null ? faultReason : inst.vipFault.reason();
        int effective = PriorityCalculator.effectivePriority(inst.basePriority, weights, status);
        inst.machine.handle(new Input.PriorityChanged(effective, priorityReason), now);
        boolean fault = faultReason != null;
        String reason = fault ? faultReason : (inst.faultReason == null ? "no fault" : recoveredReason(inst.faultReason));
        inst.faultReason = faultReason;
        inst.machine.handle(new Input.FaultChanged(fault, reason), now);
    }

    private static final String NOT_YET_KNOWN = " has not run yet";

    private static String recoveredReason(String faultReason) {
        if (faultReason.endsWith(NOT_YET_KNOWN)) {
            return faultReason.replace(NOT_YET_KNOWN, " passed its first run");
        }
        if (VipFault.isVipFault(faultReason)) {
            return VipFault.RETRY_REASON;
        }
        if (faultReason.endsWith(" lost carrier")) {
            return faultReason.replace(" lost carrier", " carrier back");
        }
        return faultReason.replaceFirst(" failed.*$", " recovered");
    }

    /** Earliest deadline of any instance, or {@link Long#MAX_VALUE}. */
    public long nextDeadlineNanos() {
        long t = Long.MAX_VALUE;
        if (stopped) {
            return t;
        }
        for (Instance inst : instances) {
            t = Math.min(t, Math.min(inst.machine.pollTimeoutNanos(), inst.vipFault.retryNanos()));
        }
        return t;
    }

    /** Runs due timers. */
    public void onTimeout(long nowNanos) {
        if (stopped) {
            return;
        }
        for (Instance inst : instances) {
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
     * The driver woke {@code latenessNanos} after a deadline. Beyond half the shortest advert interval
     * the JVM is pausing us (GC, CPU starvation): say so, with the figure, so it is not blamed on the network.
     */
    public void onLateWakeup(long latenessNanos) {
        maxLatenessNanos = Math.max(maxLatenessNanos, latenessNanos);
        if (latenessNanos > lateWarningThresholdNanos) {
            lateWakeups++;
            warnings.warn("late-wakeup", String.format("protocol thread woke %.1f ms late (JVM pause, GC or CPU"
                    + " starvation); adverts were delayed by as much", latenessNanos / 1e6));
        }
    }

    /** Shutdown: masters send priority 0 and remove their VIPs. Does not close the stack. Idempotent. */
    public void shutdown() {
        if (stopped) {
            return;
        }
        long now = ticker.nanoTime();
        if (started) {
            for (Instance inst : instances) {
                inst.machine.handle(new Input.Shutdown(), now);
            }
            drainActions(now);
        }
        stopped = true;
        for (Channel c : channels) {
            c.channel.close();
        }
        sendBuffer.release();
    }

    private void drainActions(long now) {
        ActionQueue.Entry e;
        while ((e = actions.poll()) != null) {
            execute(byName.get(e.machine().name()), e.action(), now);
        }
    }

    private void execute(Instance inst, Action action, long now) {
        if (action instanceof Action.SendAdvert s) {
            send(inst, s);
        } else if (action instanceof Action.AddAddresses add) {
            String failure = addAddresses(inst, add.addresses());
            if (failure != null) {
                onVipNotAdded(inst, failure, now);
            }
        } else if (action instanceof Action.RemoveAddresses rm) {
            removeAddresses(inst, rm.addresses());
        } else if (action instanceof Action.Announce an) {
            for (VirtualAddress v : an.addresses()) {
                try {
                    stack.announce(v);
                } catch (IOException e) {
                    warnings.warn("announce:" + v, "(" + inst.name() + ") could not announce " + v + ": " + e.getMessage());
                }
            }
        } else if (action instanceof Action.Transition claimed) {
            Action.Transition t = inst.vipFault.published(claimed);
            if (t == null) {
                return;
            }
            inst.stateSinceNanos = now;
            inst.transitions++;
            StateChange change = new StateChange(inst.name(), t.from(), t.to(), t.reason(), ++sequence,
                    wallClock.get(), t.priority());
            inst.lastTransition = change;
            publishedStates.put(inst.name(), t.to());
            LOG.info("({}) {} -> {}: {}", inst.name(), t.from(), t.to(), t.reason());
            sink.onTransition(change);
        } else if (action instanceof Action.Warning w) {
            warnings.warn(w.key(), w.message());
        } else {
            throw new AssertionError("unknown action " + action);
        }
    }

    /**
     * Adds each VIP and remembers the ones this router put there. One the host already has (an owner's
     * interface address, or an address an administrator added) is not ours: it is left alone now and
     * when leaving MASTER. One that fails is logged and the others still go ahead.
     *
     * @return the first failure, as "could not add VIP: why", or null if all went through
     */
    private String addAddresses(Instance inst, List<VirtualAddress> addresses) {
        String first = null;
        for (VirtualAddress v : addresses) {
            try {
                if (!inst.addedByUs.contains(v) && stack.hasAddress(v)) {
                    warnings.warn("not-ours:" + inst.name() + ":" + v, "(" + inst.name() + ") " + v + " was already"
                            + " on the host before this router added it: it will not be removed on leaving MASTER."
                            + (inst.spec.protocol().isOwner() ? "" : " A virtual address must not be one the host"
                            + " already has, unless the instance is its owner (priority 255)"));
                    continue;
                }
                stack.addAddress(v);
                inst.addedByUs.add(v);
            } catch (IOException e) {
                LOG.error("({}) could not add {}: {}", inst.name(), v, e.getMessage());
                first = first != null ? first : "could not add " + v + ": " + e.getMessage();
            }
        }
        return first;
    }

    /** Removes each VIP that this router itself added; never another (the rule: remove only what you added). */
    private void removeAddresses(Instance inst, List<VirtualAddress> addresses) {
        for (VirtualAddress v : addresses) {
            if (!inst.addedByUs.contains(v)) {
                continue;
            }
            try {
                stack.removeAddress(v);
                inst.addedByUs.remove(v);
            } catch (IOException e) {
                // Still ours: the next removal tries again.
                LOG.error("({}) could not remove {}: {}", inst.name(), v, e.getMessage());
            }
        }
    }

    /**
     * A VIP could not be added: the instance must not claim mastership without it. What the machine
     * queued to claim it (adverts at its priority, announcements, the transition to MASTER) is dropped,
     * so listeners never hear of a mastership that was not there; then the instance goes to FAULT, which
     * sends priority 0 (a backup takes over after its skew time) and takes back the VIPs it did add.
     * It leaves FAULT after {@link VipFault#RETRY_NANOS} and tries again when it next becomes master.
     */
    private void onVipNotAdded(Instance inst, String failure, long now) {
        inst.vipAddErrors++;
        List<Action> kept = new ArrayList<>();
        Action a;
        while ((a = inst.machine.pollAction()) != null) {
            if (!inst.vipFault.dropsClaim(a)) {
                kept.add(a);
            }
        }
        inst.vipFault.set(failure, now);
        for (Action k : kept) {
            execute(inst, k, now);
        }
        refreshTracking(inst, now);
    }

    private void send(Instance inst, Action.SendAdvert s) {
        inst.lastSentAdvert = s.packet();
        Channel c = inst.channel;
        List<InetAddress> destinations = c.unicastPeers.isEmpty()
                ? List.of(c.family == AddressFamily.IPV4 ? VRRP_GROUP_V4 : VRRP_GROUP_V6) : c.unicastPeers;
        for (InetAddress dst : destinations) {
            sendBuffer.clear();
            VrrpCodec.encode(s.packet(), inst.spec.protocol().sendChecksumForm(), c.localAddressBytes,
                    dst == VRRP_GROUP_V4 ? GROUP_V4_BYTES : dst == VRRP_GROUP_V6 ? GROUP_V6_BYTES : dst.getAddress(),
                    sendBuffer);
            try {
                c.channel.send(sendBuffer, dst);
            } catch (IOException e) {
                warnings.warn("send:" + inst.name(), "(" + inst.name() + ") could not send an advert on "
                        + c.channel.interfaceName() + ": " + e.getMessage());
            }
        }
    }

    private static final byte[] GROUP_V4_BYTES = VRRP_GROUP_V4.getAddress();
    private static final byte[] GROUP_V6_BYTES = VRRP_GROUP_V6.getAddress();

    /** State of an instance as last published; safe from any thread. */
    public VrrpState state(String instanceName) {
        VrrpState s = publishedStates.get(instanceName);
        if (s == null) {
            throw new IllegalArgumentException("no instance named \"" + instanceName + "\"; instances: "
                    + publishedStates.keySet());
        }
        return s;
    }

    /** Counts of packets that did not decode, by rule; safe from any thread. */
    public Map<String, Long> receiveErrors() {
        Map<String, Long> m = new LinkedHashMap<>();
        receiveErrors.forEach((k, v) -> m.put(k.wireName(), v.get()));
        return m;
    }

    /** A consistent snapshot; protocol thread only. */
    public RouterStats stats() {
        long now = ticker.nanoTime();
        List<InstanceStats> list = new ArrayList<>();
        for (Instance inst : instances) {
            VirtualRouterMachine m = inst.machine;
            InstanceCounters c = m.counters();
            Map<String, Integer> contributions = new LinkedHashMap<>();
            inst.spec.trackedChecks().forEach((name, w) ->
                    contributions.put(name, PriorityCalculator.contribution(w, checks.get(name).state.status())));
            Map<String, String> forms = new LinkedHashMap<>();
            c.peerChecksumForms().forEach((peer, form) -> forms.put(peer.getHostAddress(), form.wireName()));
            list.add(InstanceStats.builder().name(inst.name()).state(m.state())
                    .timeInState(Duration.ofNanos(now - inst.stateSinceNanos)).lastTransition(inst.lastTransition)
                    .configuredPriority(inst.basePriority).effectivePriority(m.priority())
                    .healthContributions(contributions).masterAddress(m.masterAddress())
                    .masterPriority(m.masterPriority()).masterAdvertIntervalCentis(m.masterAdvertIntervalCentis())
                    .becameMaster(c.becameMaster() - inst.vipFault.droppedMasters())
                    .advertsSent(c.advertsSent() - inst.vipFault.droppedAdverts())
                    .advertsReceived(c.advertsReceived()).priorityZeroSent(c.priorityZeroSent())
                    .priorityZeroReceived(c.priorityZeroReceived()).ttlErrors(c.ttlErrors())
                    .versionErrors(c.versionErrors()).authErrors(c.authTypeMismatches() + c.authFailures())
                    .intervalErrors(c.intervalErrors()).addressListErrors(c.addressListErrors())
                    .peerChecksumForms(forms).peersNotHearingUs(c.peersNotHearingUs())
                    .syncGroupHeldTakeovers(c.syncGroupHeldTakeovers()).transitions(inst.transitions)
                    .vipAddErrors(inst.vipAddErrors).ownAddressAdverts(inst.ownAddressAdverts)
                    .unknownPeerErrors(c.unknownPeerErrors()).build());
        }
        return new RouterStats(list, receiveErrors(), unknownVrid.get(), lateWakeups, maxLatenessNanos);
    }

    /** Names of the instances in declaration order. */
    public List<String> instanceNames() {
        List<String> names = new ArrayList<>();
        for (InstanceSpec s : config.instances()) {
            names.add(s.name());
        }
        return names;
    }

    private static InetAddress literal(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** One socket (interface, family, peers) and the instances behind it, by VRID. */
    private static final class Channel {
        final AddressFamily family;
        final List<InetAddress> unicastPeers;
        final Map<Integer, Instance> byVrid = new ConcurrentHashMap<>();
        VrrpChannel channel;
        byte[] localAddressBytes;

        Channel(AddressFamily family, List<InetAddress> unicastPeers) {
            this.family = family;
            this.unicastPeers = unicastPeers;
        }
    }

    private static final class Instance {
        InstanceSpec spec;
        final VirtualRouterMachine machine;
        final Channel channel;
        int basePriority;
        String faultReason;
        /** VIPs this router put on the host and has not taken off: the only ones it may remove. */
        final Set<VirtualAddress> addedByUs = new LinkedHashSet<>();
        final VipFault vipFault = new VipFault();
        long vipAddErrors;
        long ownAddressAdverts;
        /** What this instance last advertised: an advert from our own address equal to it is our own echo. */
        VrrpPacket lastSentAdvert;
        long stateSinceNanos;
        StateChange lastTransition;
        long transitions;

        Instance(InstanceSpec spec, VirtualRouterMachine machine, Channel channel) {
            this.spec = spec;
            this.machine = machine;
            this.channel = channel;
            this.basePriority = spec.protocol().priority();
        }

        String name() {
            return spec.name();
        }
    }

    private static final class TrackedCheck {
        final HealthCheckSpec spec;
        final HealthState state;
        String lastChangeReason;

        TrackedCheck(HealthCheckSpec spec, HealthState state) {
            this.spec = spec;
            this.state = state;
        }
    }
}
