package org.vrrp.protocol;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.vrrp.InstanceConfig;
import org.vrrp.Reason;
import org.vrrp.VrrpState;
import org.vrrp.packet.AddressFamily;
import org.vrrp.packet.Advert;
import org.vrrp.packet.ChecksumForm;
import org.vrrp.packet.VrrpPacket;
import org.vrrp.spi.VirtualAddress;

/**
 * One VRRP instance: the state machine of RFC 9568 section 6.4 (and RFC 3768 for version 2), plus
 * FAULT for tracked links and health checks.
 *
 * <p>It does no I/O, reads no clock and starts no thread: inputs and time come in as arguments
 * ({@link #handle}, {@link #handleTimeout}), effects go out as {@link Action} values
 * ({@link #pollAction}). {@link #pollTimeoutNanos} says when it next wants {@link #handleTimeout};
 * calling it early is harmless; a driver of many machines can be told when it may have moved
 * ({@link #setDeadlineListener}). Every transition goes through {@link #changeState}.
 *
 * <p>Over 300 lines for a reason: it is one RFC state machine, one handler per trigger with the RFC section above
 * it, all sharing the RFC's state variables; split up, the state would be scattered across classes.
 *
 * <p>Not thread-safe: one driver thread owns it (and its {@link SyncGroup}).
 */
public final class VirtualRouterMachine {
    private static final long NONE = Long.MAX_VALUE;

    /** What the end of the quarter interval after a reassert brings: see {@link #afterReassert}. */
    private enum AfterReassert { NOTHING, ANNOUNCE, REASSERT }
    /** A past event that has not happened; compared, never subtracted from. */
    private static final long NEVER = Long.MIN_VALUE;
    /** Lower-priority master adverts in a row, despite our reasserts, before we conclude the peer cannot hear us. */
    private static final int DEAF_PEER_ADVERTS = 3;

    private InstanceConfig config;
    private final InetAddress localAddress;
    private final byte[] localAddressBytes;
    private List<InetAddress> configuredAddresses;
    /** v2 simple-text auth data, or null for none: {@code config.authData()} without its copy per advert. */
    private byte[] ourAuthData;
    /** The same addresses' bytes, for comparing with an advert's without making an InetAddress per advert. */
    private byte[][] configuredAddressBytes;
    private List<VirtualAddress> vips;
    /** {@link #vips} and the excluded addresses: what a master adds and announces. */
    private List<VirtualAddress> managed;
    /**
     * The VIPs this instance puts on and takes off: all but the interface's own address, which an address
     * owner lists as its VIP but never added, so must never delete either.
     */
    private List<VirtualAddress> addedVips;
    private final ActionQueue actions;
    private AnnounceSchedule announceSchedule;
    /** Told at the end of every entry point that may have moved {@link #pollTimeoutNanos}; see {@link #setDeadlineListener}. */
    private Runnable deadlineListener = () -> { };
    private final InstanceCounters counters = new InstanceCounters();
    private SyncGroup group;

    private VrrpState state = VrrpState.INITIALIZE;
    private int priority;
    private boolean ownFault;
    private Reason ownFaultReason = new Reason.Startup();

    // RFC 9568 6.1 state variables; intervals in centiseconds, derived times in microseconds.
    private int masterAdvertIntervalCentis;
    private long skewMicros;
    private long masterDownMicros;

    // Timers: absolute deadlines on the driver's clock, NONE when not running. Written (like announceSchedule) only
    // inside the entry points that end by telling the deadline listener: a driver's timer queue depends on it.
    private long advertDeadlineNanos = NONE;
    private long masterDownDeadlineNanos = NONE;
    private long preemptDeadlineNanos = NONE;
    /** The time, modulo the advert interval, at which this master's adverts are due; NONE for "whenever". */
    private long advertPhaseNanos = NONE;
    /**
     * While a stopping master hands over ({@link Input.HandOver}): when it gives up waiting for another router to
     * advertise and removes its addresses anyway. NONE otherwise; a master with this set sends no adverts.
     */
    private long handOverDeadlineNanos = NONE;
    /** When the last reassert was sent; {@link #NEVER} before the first (no subtraction from it may overflow). */
    private long lastReassertNanos = NEVER;
    /**
     * What is due when the quarter interval after the last reassert ends ({@link #reassertGapNanos}): its
     * announcement once more, or a whole reassert owed to a lower-priority advert heard within the quarter
     * (which announces too). One deadline for both, derived from {@link #lastReassertNanos}.
     */
    private AfterReassert afterReassert = AfterReassert.NOTHING;

    /** The running down timer was shortened to the skew time by a priority-0 advert. */
    private boolean downTimerAfterPriorityZero;
    /** A master with priority > 0 was heard since this instance last entered BACKUP. */
    private boolean heardMaster;
    /** When the last advert from a master was accepted; meaningful while {@link #heardMaster}. */
    private long lastMasterAdvertNanos;
    private InetAddress masterAddress;
    private int masterPriority;
    /** The last lower-priority master that a preempting backup chose to ignore. */
    private InetAddress ignoredMasterAddress;
    private int ignoredMasterPriority;

    private VrrpPacket advert;
    /** A lower-priority router that keeps advertising as master while we are master, and how many times in a row. */
    private InetAddress deafPeer;
    private int deafPeerAdverts;

    /**
     * @param config the config
     * @param localAddress the address adverts are sent from (the interface's primary IPv4 address or
     *                     IPv6 link-local address); breaks priority ties
     */
    public VirtualRouterMachine(InstanceConfig config, InetAddress localAddress) {
        this(config, localAddress, new ActionQueue());
    }

    /**
     * A machine whose actions go to a queue shared with the other machines of its router (and sync
     * group), so that the driver carries them out, and tells listeners, in the order they were decided.
     *
     * @param config the config
     * @param localAddress the local address
     * @param actions the actions
     */
    public VirtualRouterMachine(InstanceConfig config, InetAddress localAddress, ActionQueue actions) {
        this.actions = Objects.requireNonNull(actions, "actions");
        this.config = Objects.requireNonNull(config, "config");
        this.localAddress = Objects.requireNonNull(localAddress, "localAddress");
        if (AddressFamily.of(localAddress) != config.family()) {
            throw new IllegalArgumentException("local address " + localAddress.getHostAddress()
                    + " is not " + config.family() + " for instance " + config.name());
        }
        this.localAddressBytes = localAddress.getAddress();
        applyAddresses(config);
        this.announceSchedule = new AnnounceSchedule(config.garp());
        this.priority = config.priority();
        this.masterAdvertIntervalCentis = config.advertIntervalCentis();
        recomputeTimers();
    }

    /**
     * The advertised VIPs; the addresses added as master are these and the excluded ones. Also the auth data that
     * received adverts are compared with, read once here because {@link InstanceConfig#authData()} copies it.
     */
    private void applyAddresses(InstanceConfig c) {
        this.ourAuthData = c.authData();
        List<VirtualAddress> newVips = c.vips();
        this.vips = newVips;
        this.managed = c.managedAddresses();
        this.addedVips = withoutInterfaceAddress(managed);
        this.configuredAddresses = newVips.stream().map(VirtualAddress::address).toList();
        this.configuredAddressBytes = configuredAddresses.stream().map(InetAddress::getAddress).toArray(byte[][]::new);
    }

    /** {@code list} less the address that adverts are sent from, which the interface has of its own. */
    private List<VirtualAddress> withoutInterfaceAddress(List<VirtualAddress> list) {
        List<VirtualAddress> out = new ArrayList<>(list.size());
        for (VirtualAddress v : list) {
            if (!(v.address().equals(localAddress) && v.device().equals(config.interfaceName()))) {
                out.add(v);
            }
        }
        return List.copyOf(out);
    }

    /**
     * Applies a changed configuration without leaving the current state (a reload): a master adds the
     * new virtual addresses, announces them, removes the dropped ones and advertises the new set at
     * once. Identity (interface, family, VRID, version, peers) must not change; the driver checks that
     * and restarts instead. The priority is the driver's to set afterwards ({@link Input.PriorityChanged}).
     *
     * @param newConfig the config
     * @param nowNanos the now nanos
     */
    public void reconfigure(InstanceConfig newConfig, long nowNanos) {
        try {
            applyReconfigure(newConfig, nowNanos);
        } finally {
            deadlineListener.run();
        }
    }

    private void applyReconfigure(InstanceConfig newConfig, long nowNanos) {
        if (!newConfig.interfaceName().equals(config.interfaceName()) || newConfig.family() != config.family()
                || newConfig.vrid() != config.vrid() || newConfig.version() != config.version()) {
            throw new IllegalArgumentException("instance " + name() + ": interface, family, VRID and version cannot"
                    + " change without a restart");
        }
        List<VirtualAddress> added = new java.util.ArrayList<>(newConfig.managedAddresses());
        added.removeAll(managed);
        List<VirtualAddress> removed = new java.util.ArrayList<>(managed);
        removed.removeAll(newConfig.managedAddresses());
        boolean intervalChanged = newConfig.advertIntervalCentis() != config.advertIntervalCentis();
        config = newConfig;
        applyAddresses(newConfig);
        announceSchedule = new AnnounceSchedule(newConfig.garp());
        advert = null;
        if (state == VrrpState.MASTER) {
            masterAdvertIntervalCentis = config.advertIntervalCentis();
            recomputeTimers();
            List<VirtualAddress> toRemove = withoutInterfaceAddress(removed);
            List<VirtualAddress> toAdd = withoutInterfaceAddress(added);
            if (!toRemove.isEmpty()) {
                emit(new Action.RemoveAddresses(toRemove));
            }
            if (!toAdd.isEmpty()) {
                emit(new Action.AddAddresses(toAdd));
            }
            if ((!added.isEmpty() || !removed.isEmpty()) && !managed.isEmpty()) {
                // Every address, not only the added ones: while our list differed from our peers', each side
                // dropped the other's adverts, so a peer may have taken over and announced itself for addresses we
                // kept; once the lists agree again it steps down without a word. keepalived 2.2.7 announces on a
                // reload that adds an address (clear_diff_vrrp); we also do on one that only removes, which is the
                // reload that ends such a split as often (the campaign's seeds 114, 119, 130, 133, 153, 197, 239;
                // regression-104 for the adding one).
                // Before the advert, not after: if we are the master that will step down (the other side has the
                // higher priority), our advert makes it reassert and announce, and that must be the last word the
                // hosts hear; an announcement of ours racing behind our own advert could come after it (the
                // campaign's seeds 196 and 240).
                emit(new Action.Announce(managed));
            }
            if (!added.isEmpty() || !removed.isEmpty() || intervalChanged) {
                advertiseNow(nowNanos);
            }
        } else if (state == VrrpState.BACKUP && config.version() == 2) {
            masterAdvertIntervalCentis = config.advertIntervalCentis();
            recomputeTimers();
        }
    }

    void joinGroup(SyncGroup syncGroup) {
        if (group != null) {
            throw new IllegalStateException("instance " + config.name() + " is already in sync group " + group.name());
        }
        this.group = syncGroup;
    }

    /** @return the instance's name */
    public String name() {
        return config.name();
    }

    /** @return the settings this machine runs on */
    public InstanceConfig config() {
        return config;
    }

    /** @return the state now */
    public VrrpState state() {
        return state;
    }

    /**
     * Effective priority now (configured, adjusted by health checks or the API).
     *
     * @return the effective priority now
     */
    public int priority() {
        return priority;
    }

    /** @return the instance's counters */
    public InstanceCounters counters() {
        return counters;
    }

    /**
     * Address of the current master as far as this instance knows: itself when MASTER, null if none heard.
     *
     * @return the current master's address, or null if none heard
     */
    public InetAddress masterAddress() {
        return state == VrrpState.MASTER ? localAddress : masterAddress;
    }

    /**
     * Priority of the current master: ours when MASTER, else the last one heard (0 if none).
     *
     * @return the current master's priority (0 if none heard)
     */
    public int masterPriority() {
        return state == VrrpState.MASTER ? priority : masterPriority;
    }

    /**
     * Puts this instance's adverts as master at {@code phaseNanos} modulo its advert interval. Without it they
     * follow the moment it became master, so instances that became master together advertise together, in
     * one burst, for ever. With it, an advert timer restarted from now (on becoming master, after a reload
     * that changed the interval, after a pause of more than an interval) runs to the last time on the phase
     * within one interval: that interval is shorter, never longer; the ones after keep the cadence. A
     * timer already running is left alone until then.
     *
     * @param phaseNanos a time on the driver's clock at which an advert would be due
     */
    public void setAdvertPhase(long phaseNanos) {
        if (phaseNanos == NONE) {
            throw new IllegalArgumentException("phase " + phaseNanos + " is the \"no timer\" value");
        }
        this.advertPhaseNanos = phaseNanos;
        // Only a timer armed later uses the phase, but telling costs nothing and keeps the rule without exceptions.
        deadlineListener.run();
    }

    /**
     * Sets what is told, at the end of every call into this machine that may have moved its deadlines (its own
     * inputs, and a sync group peer's input that moves this member), so that a driver keeping many machines in a
     * timer queue re-reads {@link #pollTimeoutNanos} only for those. The listener may be told when nothing moved;
     * it must not call into this machine (it runs inside the machine's calls): it should only take note, and read
     * the deadline after the driver's call returns.
     *
     * @param listener what is told; replaces the previous one (by default nothing is told)
     */
    public void setDeadlineListener(Runnable listener) {
        this.deadlineListener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Master_Adver_Interval: ours when MASTER, the one learned from the master in a v3 BACKUP.
     *
     * @return Master_Adver_Interval in centiseconds
     */
    public int masterAdvertIntervalCentis() {
        return masterAdvertIntervalCentis;
    }

    /**
     * Master_Down_Interval in microseconds, from the current priority and Master_Adver_Interval.
     *
     * @return Master_Down_Interval in microseconds
     */
    public long masterDownMicros() {
        return masterDownMicros;
    }

    /**
     * Skew_Time in microseconds.
     *
     * @return Skew_Time in microseconds
     */
    public long skewMicros() {
        return skewMicros;
    }

    /** @return the address this instance sends from */
    public InetAddress localAddress() {
        return localAddress;
    }

    /**
     * A stopping master that has sent priority 0 and keeps its addresses until another router advertises
     * ({@link Input.HandOver}).
     *
     * @return whether this instance is handing over
     */
    public boolean isHandingOver() {
        return handOverDeadlineNanos != NONE;
    }

    boolean hasOwnFault() {
        return ownFault;
    }

    /**
     * BACKUP and hearing a live master now: an advert with priority > 0 accepted within the last two
     * of its intervals (one lost advert is tolerated). Deliberately not "its down timer is still
     * running": when the master dies, every member's timer runs out within a few milliseconds of the
     * others, and each would then hold the others back for ever.
     */
    boolean hearsMaster(long nowNanos) {
        return state == VrrpState.BACKUP && heardMaster && !downTimerAfterPriorityZero
                && nowNanos - lastMasterAdvertNanos <= 2 * TimerMath.centisToNanos(masterAdvertIntervalCentis);
    }

    /**
     * The earliest deadline, or {@link Long#MAX_VALUE} when no timer runs.
     *
     * @return the earliest deadline, or {@link Long#MAX_VALUE} when no timer runs
     */
    public long pollTimeoutNanos() {
        long t = Math.min(advertDeadlineNanos, masterDownDeadlineNanos);
        t = Math.min(t, preemptDeadlineNanos);
        t = Math.min(t, handOverDeadlineNanos);
        t = Math.min(t, afterReassertDeadlineNanos());
        return Math.min(t, announceSchedule.nextDeadlineNanos());
    }

    /**
     * This machine's next action to carry out, or null. A driver that shares one {@link ActionQueue}
     * between machines polls the queue instead, to keep their actions in causal order.
     *
     * @return the next action, or null
     */
    public Action pollAction() {
        return actions.poll(this);
    }

    private void emit(Action action) {
        actions.add(this, action);
    }

    /**
     * Feeds one input at time {@code nowNanos}.
     *
     * @param input the input
     * @param nowNanos the now nanos
     */
    public void handle(Input input, long nowNanos) {
        try {
            dispatch(input, nowNanos);
        } finally {
            deadlineListener.run();
        }
    }

    private void dispatch(Input input, long nowNanos) {
        if (input instanceof Input.Start) {
            onStartup(nowNanos);
        } else if (input instanceof Input.Shutdown) {
            onShutdown(nowNanos);
        } else if (input instanceof Input.HandOver) {
            onHandOver(nowNanos);
        } else if (input instanceof Input.AdvertReceived a) {
            receive(a.packet(), a.source(), a.ttl(), a.checksumForm(), nowNanos);
        } else if (input instanceof Input.FaultChanged f) {
            onFaultChanged(f.fault(), f.reason(), nowNanos);
        } else if (input instanceof Input.PriorityChanged p) {
            onPriorityChanged(p.effectivePriority(), p.reason(), nowNanos);
        } else if (input instanceof Input.Resign r) {
            onResign(r.reason(), nowNanos);
        } else {
            throw new AssertionError("unknown input " + input);
        }
    }

    // RFC 9568 6.4.1: Startup.
    private void onStartup(long nowNanos) {
        if (state != VrrpState.INITIALIZE) {
            return; // already moved by its sync group
        }
        VirtualRouterMachine faultyMember = group == null ? null : group.memberInFault(this);
        VrrpState from = VrrpState.INITIALIZE;
        if (ownFault) {
            // The group follows: members already started go to FAULT with us.
            changeState(from, VrrpState.FAULT, ownFaultReason, null, nowNanos, true);
        } else if (faultyMember != null) {
            // keepalived: a member already in FAULT holds the whole group out of MASTER from the start.
            changeState(from, VrrpState.FAULT, new Reason.SyncGroupMemberInFault(group.name(), faultyMember.name()),
                    null, nowNanos, false);
        } else if (config.isOwner()) {
            changeState(from, VrrpState.MASTER, new Reason.AddressOwner(), null, nowNanos, false);
        } else if (config.startAsMaster()) {
            changeState(from, VrrpState.MASTER, new Reason.InitialStateMaster(), null, nowNanos, false);
        } else {
            changeState(from, VrrpState.BACKUP, new Reason.Startup(), null, nowNanos, false);
        }
    }

    // RFC 9568 6.4.2 / 6.4.3: Shutdown. A master resigns with priority 0 (inside changeState).
    private void onShutdown(long nowNanos) {
        changeState(state, VrrpState.INITIALIZE, new Reason.Shutdown(), null, nowNanos, true);
    }

    /**
     * A planned stop that keeps the traffic flowing: priority 0 now, so that a backup takes over after its
     * Skew_Time (RFC 9568 6.4.3), but the addresses stay, and answer, until that backup's first advert is heard.
     * With a plain Shutdown they go at once and the LAN has no gateway for the whole Skew_Time. The wait is
     * bounded by the longest a backup can take: Master_Down_Interval at priority 1 from now covers one that
     * missed the priority-0 advert and has to time us out.
     */
    private void onHandOver(long nowNanos) {
        if (state != VrrpState.MASTER || isHandingOver()) {
            return;
        }
        sendAdvert(0);
        // No more adverts (one at our priority would put the backups' down timers back to Master_Down_Interval)
        // and no more announcements: the new master's are the ones hosts must follow.
        advertDeadlineNanos = NONE;
        afterReassert = AfterReassert.NOTHING;
        announceSchedule.stop();
        handOverDeadlineNanos = nowNanos + TimerMath.microsToNanos(handOverWaitMicros());
    }

    /**
     * How long a hand-over waits at most for another router to advertise: Master_Down_Interval at priority 1.
     *
     * @return the longest hand-over of this instance, in microseconds
     */
    public long handOverWaitMicros() {
        return TimerMath.masterDownMicros(config.version(), 1, config.advertIntervalCentis());
    }

    /**
     * Runs the timers due by {@code nowNanos}. A call with nothing due does nothing.
     *
     * @param nowNanos the now nanos
     */
    public void handleTimeout(long nowNanos) {
        try {
            runTimers(nowNanos);
        } finally {
            deadlineListener.run();
        }
    }

    private void runTimers(long nowNanos) {
        if (isHandingOver()) {
            if (handOverDeadlineNanos <= nowNanos) {
                emit(new Action.Warning("hand-over:" + name(), "(" + name() + ") no router took over within "
                        + handOverWaitMicros() / 1_000 + " ms of its priority-0 advert; removing the addresses anyway"));
                changeState(VrrpState.MASTER, VrrpState.INITIALIZE, new Reason.Shutdown(), null, nowNanos, true);
            }
            return;
        }
        if (state == VrrpState.MASTER) {
            announceDue(nowNanos);
            if (afterReassertDeadlineNanos() <= nowNanos) {
                AfterReassert due = afterReassert;
                afterReassert = AfterReassert.NOTHING;
                if (due == AfterReassert.REASSERT) {
                    reassert(nowNanos);
                } else {
                    emit(new Action.Announce(managed));
                }
            }
            if (advertDeadlineNanos <= nowNanos) {
                // RFC 9568 6.4.3: Adver_Timer fires -> send an ADVERTISEMENT, reset the timer.
                sendAdvert(priority);
                // Keep the cadence unless we woke more than an interval late (a pause): then restart from now.
                armAdvertTimer(advertDeadlineNanos);
                if (advertDeadlineNanos <= nowNanos) {
                    armAdvertTimer(nowNanos);
                }
            }
        } else if (state == VrrpState.BACKUP) {
            if (preemptDeadlineNanos <= nowNanos) {
                preemptDeadlineNanos = NONE;
                if (priority > ignoredMasterPriority) {
                    changeState(VrrpState.BACKUP, VrrpState.MASTER,
                            new Reason.PreemptDelayOver(ignoredMasterPriority, ignoredMasterAddress), null, nowNanos, true);
                    return;
                }
                // Our priority fell during the delay: that master is now one a backup follows (RFC 9568
                // 6.4.2: priority >= ours), so there is nothing to preempt. Its adverts keep the down timer,
                // which may be due in the same late wake-up: it is checked next, not skipped.
                ignoredMasterAddress = null;
            }
            if (masterDownDeadlineNanos <= nowNanos) {
                onMasterDown(nowNanos);
            }
        }
    }

    // RFC 9568 6.4.2: Master_Down_Timer fires.
    private void onMasterDown(long nowNanos) {
        boolean afterPriorityZero = downTimerAfterPriorityZero;
        if (group != null && !group.mayTakeOver(this, afterPriorityZero, nowNanos)) {
            VirtualRouterMachine other = group.memberHearingMaster(this, nowNanos);
            counters.countSyncGroupHeldTakeovers();
            emit(new Action.Warning("sync-group-hold:" + name(),
                    "(" + name() + ") hears no master on " + config.interfaceName() + " while sync group "
                            + group.name() + " member " + other.name() + " hears master "
                            + hostOf(other.masterAddress) + " on " + other.config.interfaceName()
                            + "; staying BACKUP. Check that IP protocol 112 to "
                            + (config.family() == AddressFamily.IPV4 ? "224.0.0.18" : "ff02::12")
                            + " passes the firewalls on " + config.interfaceName()));
            startDownTimer(masterDownMicros, false, nowNanos);
            return;
        }
        Reason reason;
        if (afterPriorityZero) {
            reason = new Reason.PriorityZero(masterAddress);
        } else if (ignoredMasterAddress != null) {
            reason = new Reason.Preempt(ignoredMasterPriority, ignoredMasterAddress);
        } else {
            reason = new Reason.MasterDown();
        }
        changeState(VrrpState.BACKUP, VrrpState.MASTER, reason, null, nowNanos, true);
    }

    /**
     * An advertisement that decoded and is for this instance's VRID: the same as {@code handle(new
     * Input.AdvertReceived(...))} without the input object, so that the runtime's receive path can feed the view it
     * decoded into and allocate nothing. The machine reads {@code advert} during the call only and keeps none of it.
     *
     * @param advert the advert (a {@link VrrpPacket}, or a reused {@link org.vrrp.packet.AdvertView})
     * @param source its IP source
     * @param ttl IPv4 TTL or IPv6 hop limit as received; -1 when the adapter could not read it
     * @param checksumForm what the sender's checksum covered, or null if unknown
     * @param nowNanos the now nanos
     */
    public void handleAdvert(Advert advert, InetAddress source, int ttl, ChecksumForm checksumForm, long nowNanos) {
        try {
            receive(advert, source, ttl, checksumForm, nowNanos);
        } finally {
            deadlineListener.run();
        }
    }

    private void receive(Advert advert, InetAddress source, int ttl, ChecksumForm checksumForm, long nowNanos) {
        if (source.equals(localAddress)) {
            // Our own advert looped back (multicast loop, a bridge or hub): no peer sent it, so it must
            // neither count nor be taken for a master, a rival or a peer that cannot hear us.
            return;
        }
        counters.countAdvertsReceived();
        if (!acceptable(advert, source, ttl, checksumForm)) {
            return;
        }
        if (advert.priority() == 0) {
            counters.countPriorityZeroReceived();
        }
        switch (state) {
            case BACKUP -> onAdvertAsBackup(advert, source, nowNanos);
            case MASTER -> onAdvertAsMaster(advert, source, nowNanos);
            default -> { } // INITIALIZE and FAULT ignore adverts.
        }
    }

    /**
     * The receive checks that belong to the instance (RFC 9568 7.1, RFC 3768 7.1); count and drop. The peer's
     * text is made only for a warning: an advert that passes allocates nothing here.
     */
    private boolean acceptable(Advert p, InetAddress source, int ttl, ChecksumForm checksumForm) {
        if (!config.unicastPeers().isEmpty()) {
            if (!isUnicastPeer(source)) {
                String peer = hostOf(source);
                counters.countUnknownPeerErrors();
                warn("unknown-peer@" + peer, "advert from " + peer + ", which is not a configured unicast peer; dropped");
                return false;
            }
        } else if (ttl >= 0 && ttl != 255) {
            counters.countTtlErrors();
            String peer = hostOf(source);
            warn("ttl@" + peer, "advert from " + peer + " with TTL/hop limit " + ttl
                    + " (must be 255: it crossed a router or is forged); dropped");
            return false;
        }
        if (p.version() != config.version()) {
            counters.countVersionErrors();
            String peer = hostOf(source);
            warn("version@" + peer, "VRRPv" + p.version() + " advert from " + peer + " but this instance runs v"
                    + config.version() + "; dropped. Set the same version on both routers");
            return false;
        }
        if (checksumForm != null) {
            counters.peerUsed(source, checksumForm);
        }
        if (config.version() == 2 && !authenticates(p, source)) {
            return false;
        }
        if (p.advertIntervalCentis() != config.advertIntervalCentis()) {
            String peer = hostOf(source);
            if (config.version() == 2) {
                counters.countIntervalErrors();
                warn("interval@" + peer, "advert from " + peer + " with interval " + p.advertIntervalCentis() / 100
                        + " s, ours is " + config.advertIntervalCentis() / 100 + " s; dropped (RFC 3768)");
                return false;
            }
            warn("interval@" + peer, "advert from " + peer + " with interval " + p.advertIntervalCentis()
                    + " cs, ours is " + config.advertIntervalCentis() + " cs; a backup follows the master's (RFC 9568)");
        }
        Optional<AddressListMismatch> mismatch = AddressListMismatch.of(p, configuredAddressBytes);
        if (mismatch.isPresent()) {
            // Dropped as keepalived drops it: another router on this VRID, not our master or backup.
            counters.countAddressListErrors();
            String peer = hostOf(source);
            warn("addresses@" + peer, "advert from " + peer + " for VRID " + p.vrid() + " lists " + hostsOf(p.addresses())
                    + ", ours are " + hostsOf(configuredAddresses) + (mismatch.get() == AddressListMismatch.COUNT
                    ? " (" + p.addressCount() + " address(es), ours " + configuredAddresses.size() + ")" : "")
                    + "; dropped, as keepalived does: check both routers' virtual addresses");
            return false;
        }
        return true;
    }

    /**
     * Whether {@code source} is a configured unicast peer, by address alone: fe80::1%eth0 is fe80::1. The one
     * place peers are filtered (the channel delivers every source), so {@link InstanceCounters#unknownPeerErrors}
     * counts every stranger.
     */
    private boolean isUnicastPeer(InetAddress source) {
        List<InetAddress> peers = config.unicastPeers();
        for (int i = 0; i < peers.size(); i++) { // no iterator: this runs for every advert
            // InetAddress.equals compares the address bytes alone (an IPv6 scope is not part of it), and
            // unlike getAddress() copies nothing.
            if (peers.get(i).equals(source)) {
                return true;
            }
        }
        return false;
    }

    private boolean authenticates(Advert p, InetAddress source) {
        int ourType = ourAuthData == null ? VrrpPacket.AUTH_NONE : VrrpPacket.AUTH_SIMPLE_TEXT;
        if (p.authType() != ourType) {
            counters.countAuthTypeMismatches();
            String peer = hostOf(source);
            warn("auth-type@" + peer, "advert from " + peer + " with auth type " + p.authType() + ", ours is "
                    + ourType + " (" + (ourType == 0 ? "none" : "simple text") + "); dropped. Both routers need "
                    + "the same authentication setting");
            return false;
        }
        if (ourType == VrrpPacket.AUTH_SIMPLE_TEXT && !p.authDataEquals(ourAuthData)) {
            counters.countAuthFailures();
            String peer = hostOf(source);
            warn("auth@" + peer, "advert from " + peer + " with a different simple-text password; dropped");
            return false;
        }
        return true;
    }

    // RFC 9568 6.4.2: Backup receives an ADVERTISEMENT.
    private void onAdvertAsBackup(Advert p, InetAddress source, long nowNanos) {
        if (p.priority() == 0) {
            masterAddress = source;
            startDownTimer(skewMicros, true, nowNanos);
            return;
        }
        if (!config.preempt() || p.priority() >= priority) {
            if (config.version() == 3 && p.advertIntervalCentis() != masterAdvertIntervalCentis) {
                masterAdvertIntervalCentis = p.advertIntervalCentis();
                recomputeTimers();
            }
            heardMaster = true;
            lastMasterAdvertNanos = nowNanos;
            masterAddress = source;
            masterPriority = p.priority();
            ignoredMasterAddress = null;
            preemptDeadlineNanos = NONE;
            startDownTimer(masterDownMicros, false, nowNanos);
            return;
        }
        // Lower priority and we preempt: discard, and let the down timer run out (RFC), unless a
        // preempt delay holds the takeover until the delay has passed since we first heard it.
        ignoredMasterAddress = source;
        ignoredMasterPriority = p.priority();
        if (config.preemptDelayCentis() > 0) {
            if (preemptDeadlineNanos == NONE) {
                preemptDeadlineNanos = nowNanos + TimerMath.centisToNanos(config.preemptDelayCentis());
            }
            // Until then it is still our master: keep the down timer from firing on its account.
            heardMaster = true;
            lastMasterAdvertNanos = nowNanos;
            masterAddress = source;
            masterPriority = p.priority();
            startDownTimer(masterDownMicros, false, nowNanos);
        }
    }

    // RFC 9568 6.4.3: Master receives an ADVERTISEMENT.
    private void onAdvertAsMaster(Advert p, InetAddress source, long nowNanos) {
        if (isHandingOver()) {
            // Whatever its priority against ours, a router advertising now is the one that took over: let go. A
            // priority-0 advert is another router leaving, which must not make us advertise again.
            if (p.priority() > 0) {
                changeState(VrrpState.MASTER, VrrpState.INITIALIZE, new Reason.HandedOver(source), null, nowNanos,
                        true);
            }
            return;
        }
        if (p.priority() == 0) {
            advertiseNow(nowNanos);
            return;
        }
        if (p.priority() > priority || (p.priority() == priority && compareUnsigned(source) > 0)) {
            Reason why = p.priority() > priority
                    ? new Reason.HigherPriority(p.priority(), source)
                    : new Reason.EqualPriorityHigherAddress(p.priority(), source);
            if (config.advertiseBeforeSteppingDown()) {
                // keepalived's higher_prio_send_advert. Two masters that meet again after a split: if only we
                // hear the other (we were paused, or our side of the firewall opened first), it never learns
                // there was a split, and hosts stay on our MAC, which we are about to stop answering for, until
                // their entries expire. One advert at our priority makes it reassert and announce. Found by the
                // fault campaign (docs/failure-modes.md finding 3: seed 5 after SIGCONT, and a deaf lower master's
                // second announcement burst). Our adverts stop with the state change, so no timer is armed.
                sendAdvert(priority);
            }
            changeState(VrrpState.MASTER, VrrpState.BACKUP, why,
                    new MasterHeard(source, p.priority(), p.advertIntervalCentis()), nowNanos, true);
            return;
        }
        noteLowerPriorityMaster(source, p.priority());
        emit(new Action.HeardLowerPriority(source, p.priority(), priority));
        if (config.reassertOnLowerPriority()) {
            // RFC 9568: reassert at once so that a lower-priority router that also thinks it is master
            // (a healed partition) backs off now rather than after its next advert. Bounded to one per
            // quarter interval so a flood of forged lower-priority adverts cannot make us flood; one heard
            // within the quarter is owed, not forgotten (keepalived answers every one): its sender announced
            // itself just before, and our answer must come after that. Found by the fault campaign (schedule
            // regression-120): two lower masters 172 ms apart, the second one's announcement stood.
            if (lastReassertNanos == NEVER || nowNanos - lastReassertNanos >= reassertGapNanos()) {
                reassert(nowNanos);
            } else {
                afterReassert = AfterReassert.REASSERT;
            }
        }
    }

    /** The least time between two reasserts, and from a reassert to its repeated announcement: a quarter interval. */
    private long reassertGapNanos() {
        return TimerMath.centisToNanos(config.advertIntervalCentis()) / 4;
    }

    private long afterReassertDeadlineNanos() {
        return afterReassert == AfterReassert.NOTHING ? NONE : lastReassertNanos + reassertGapNanos();
    }

    private void reassert(long nowNanos) {
        lastReassertNanos = nowNanos;
        advertiseNow(nowNanos);
        // The lower router was master too, so it announced its MAC for our addresses: hosts now
        // send to it, and its backing off alone would leave them stale until their neighbour
        // entries time out. Announce ours again, as keepalived does (garp_lower_prio_repeat, on by default:
        // 2.2.7 measured in this role sends 5 gratuitous ARPs with each answer, docs/protocol-conformance.md M6).
        // Found by the fault campaign: a partition that heals moved the VIP back without moving the
        // client's neighbour entry.
        emit(new Action.Announce(managed));
        // And once more a quarter interval later (keepalived repeats after garp_lower_prio_delay, 5 s by
        // default): a lower router that has just become master sends its advert, then its announcement
        // burst, and only then reads our answer; the tail of its burst can reach the hosts after our
        // announcement (the campaign's seed 240 of 2026-12-02: r4 answered r1's advert in 0.3 ms, r1's
        // gratuitous ARPs went on for 0.8 ms after it, and the client stayed on r1, which then stepped down).
        afterReassert = AfterReassert.ANNOUNCE;
    }

    /**
     * A lower-priority router that goes on advertising as master while we advertise (and reassert) is
     * not hearing us: almost always a firewall dropping IP protocol 112 on its side. Say so once per
     * streak, naming it; VRRP itself cannot fix this, an operator must.
     */
    private void noteLowerPriorityMaster(InetAddress source, int sourcePriority) {
        if (!source.equals(deafPeer)) {
            deafPeer = source;
            deafPeerAdverts = 0;
        }
        if (++deafPeerAdverts == DEAF_PEER_ADVERTS) {
            counters.countPeersNotHearingUs();
            warn("deaf-peer@" + hostOf(source), "peer " + hostOf(source) + " keeps advertising as master with lower"
                    + " priority " + sourcePriority + " while we are master: it does not hear our adverts. Check that"
                    + " its firewall lets IP protocol 112 to " + (config.family() == AddressFamily.IPV4 ? "224.0.0.18"
                    : "ff02::12") + " in on " + config.interfaceName() + "'s segment");
        }
    }

    private void onFaultChanged(boolean fault, Reason reason, long nowNanos) {
        if (fault == ownFault) {
            return;
        }
        ownFault = fault;
        ownFaultReason = reason;
        if (state == VrrpState.INITIALIZE) {
            return; // Startup looks at ownFault.
        }
        if (fault) {
            changeState(state, VrrpState.FAULT, reason, null, nowNanos, true);
        } else if (group != null) {
            group.onFaultCleared(nowNanos);
        } else {
            leaveFault(reason, nowNanos);
        }
    }

    /** Leaves FAULT for BACKUP (or MASTER if the address owner). Called for itself or by its group. */
    void leaveFault(Reason reason, long nowNanos) {
        if (state != VrrpState.FAULT) {
            return;
        }
        VrrpState to = config.isOwner() ? VrrpState.MASTER : VrrpState.BACKUP;
        try {
            changeState(VrrpState.FAULT, to, reason, null, nowNanos, false);
        } finally {
            deadlineListener.run(); // the group calls this on members other than the one that had the input
        }
    }

    private void onPriorityChanged(int newPriority, Reason reason, long nowNanos) {
        config.requireAllowedPriority(newPriority);
        if (newPriority == priority) {
            return;
        }
        emit(new Action.PriorityChanged(priority, newPriority, reason));
        priority = newPriority;
        advert = null;
        recomputeTimers();
        if (state == VrrpState.MASTER && !isHandingOver()) {
            // Tell the backups now rather than at the next interval: with preempt they start counting down.
            advertiseNow(nowNanos);
        }
    }

    private void onResign(Reason reason, long nowNanos) {
        if (state != VrrpState.MASTER) {
            return;
        }
        sendAdvert(0);
        changeState(VrrpState.MASTER, VrrpState.BACKUP, reason, null, nowNanos, true);
    }

    /** Moves the instance as its sync group says; does not notify the group back. */
    void forceState(VrrpState to, Reason reason, long nowNanos) {
        try {
            changeState(state, to, reason, null, nowNanos, false);
        } finally {
            deadlineListener.run(); // the group calls this on members other than the one that had the input
        }
    }

    /** Entry data of BACKUP when a master's advert caused the move: it is heard now, at its interval. */
    private record MasterHeard(InetAddress address, int priority, int advertIntervalCentis) {
    }

    /**
     * The one place where the state changes: exit actions of the old state, entry actions of the new
     * one (with its entry data), timers re-armed, one Transition emitted, and the sync group told (unless
     * it asked).
     *
     * @param from        the state the caller saw; must be the current one
     * @param heard       entry data of BACKUP: the master whose advert caused the move, or null
     * @param notifyGroup false when the group itself moves this member, or at a start it does not follow
     */
    private void changeState(VrrpState from, VrrpState to, Reason reason, MasterHeard heard, long nowNanos,
                             boolean notifyGroup) {
        if (from != state) {
            throw new AssertionError(name() + ": transition from " + from + " while in " + state);
        }
        if (from == to) {
            return;
        }
        if (from == VrrpState.MASTER) {
            deafPeer = null;
            if ((to == VrrpState.FAULT || to == VrrpState.INITIALIZE) && !isHandingOver()) {
                // RFC 9568 6.4.3: on Shutdown send priority 0 so a backup takes over after Skew_Time. A hand-over
                // has sent it already.
                sendAdvert(0);
            }
            if (!addedVips.isEmpty()) {
                emit(new Action.RemoveAddresses(addedVips));
            }
            announceSchedule.stop();
        }
        state = to;
        advertDeadlineNanos = NONE;
        masterDownDeadlineNanos = NONE;
        preemptDeadlineNanos = NONE;
        handOverDeadlineNanos = NONE;
        afterReassert = AfterReassert.NOTHING;
        downTimerAfterPriorityZero = false;
        switch (to) {
            case MASTER -> {
                counters.countBecameMaster();
                masterAdvertIntervalCentis = config.advertIntervalCentis();
                recomputeTimers();
                if (!addedVips.isEmpty()) {
                    emit(new Action.AddAddresses(addedVips));
                }
                advertiseNow(nowNanos);
                announceSchedule.start(nowNanos);
                // The first gratuitous ARP / NA goes with the claim, before the Transition: its log line and
                // listener hand-off, and a sync group's other members, must not hold up what moves the traffic.
                announceDue(nowNanos);
                masterAddress = null;
                masterPriority = 0;
                ignoredMasterAddress = null;
            }
            case BACKUP -> {
                heardMaster = heard != null;
                if (heard != null) {
                    if (config.version() == 3) {
                        masterAdvertIntervalCentis = heard.advertIntervalCentis();
                        recomputeTimers();
                    }
                    lastMasterAdvertNanos = nowNanos;
                    masterAddress = heard.address();
                    masterPriority = heard.priority();
                }
                startDownTimer(masterDownMicros, false, nowNanos);
            }
            case FAULT, INITIALIZE -> {
                heardMaster = false;
                masterAddress = null;
                masterPriority = 0;
                // A master's interval learned in BACKUP (v3) is that master's, not ours: forget it, as
                // keepalived does, or the next down timer runs on a master that may be long gone.
                masterAdvertIntervalCentis = config.advertIntervalCentis();
                recomputeTimers();
            }
        }
        emit(new Action.Transition(from, to, reason, priority));
        if (notifyGroup && group != null) {
            group.onMemberTransition(this, to, reason, nowNanos);
        }
    }

    private void announceDue(long nowNanos) {
        int due = announceSchedule.takeDue(nowNanos);
        for (int i = 0; i < due; i++) {
            emit(new Action.Announce(managed));
        }
    }

    private void startDownTimer(long micros, boolean afterPriorityZero, long nowNanos) {
        masterDownDeadlineNanos = nowNanos + TimerMath.microsToNanos(micros);
        downTimerAfterPriorityZero = afterPriorityZero;
    }

    /** The one place Skew_Time and Master_Down_Interval are derived (RFC 9568 6.1, RFC 3768 6.1). */
    private void recomputeTimers() {
        skewMicros = TimerMath.skewMicros(config.version(), priority, masterAdvertIntervalCentis);
        masterDownMicros = TimerMath.masterDownMicros(config.version(), priority, masterAdvertIntervalCentis);
    }

    /** Adver_Timer: the next advert is due one Advertisement_Interval after {@code fromNanos}. */
    private void armAdvertTimer(long fromNanos) {
        long intervalNanos = TimerMath.centisToNanos(config.advertIntervalCentis());
        long deadline = fromNanos + intervalNanos;
        if (advertPhaseNanos != NONE) {
            // Back to the phase: at most one interval shorter, never longer (a backup's down timer is 3 intervals).
            deadline -= Math.floorMod(deadline - advertPhaseNanos, intervalNanos);
        }
        advertDeadlineNanos = deadline;
    }

    /** Sends an advert at our priority now and restarts the Adver_Timer from now. */
    private void advertiseNow(long nowNanos) {
        sendAdvert(priority);
        armAdvertTimer(nowNanos);
    }

    private void sendAdvert(int advertPriority) {
        VrrpPacket packet = advertPacket();
        if (advertPriority != packet.priority()) {
            packet = packet.withPriority(advertPriority);
        }
        counters.countAdvertsSent();
        if (advertPriority == 0) {
            counters.countPriorityZeroSent();
        }
        emit(new Action.SendAdvert(packet));
    }

    private VrrpPacket advertPacket() {
        if (advert == null) {
            List<InetAddress> addresses = new ArrayList<>(vips.size());
            for (VirtualAddress v : vips) {
                addresses.add(v.address());
            }
            if (config.version() == 2) {
                byte[] auth = config.authData() == null ? new byte[VrrpPacket.AUTH_DATA_LENGTH] : config.authData();
                int type = config.authData() == null ? VrrpPacket.AUTH_NONE : VrrpPacket.AUTH_SIMPLE_TEXT;
                advert = VrrpPacket.v2(config.vrid(), priority, config.advertIntervalCentis() / 100, type, auth,
                        addresses);
            } else {
                advert = VrrpPacket.v3(config.family(), config.vrid(), priority, config.advertIntervalCentis(),
                        addresses);
            }
        }
        return advert;
    }

    private int compareUnsigned(InetAddress other) {
        byte[] o = other.getAddress();
        for (int i = 0; i < localAddressBytes.length && i < o.length; i++) {
            int c = Integer.compare(o[i] & 0xff, localAddressBytes[i] & 0xff);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private void warn(String key, String message) {
        emit(new Action.Warning(name() + ":" + key, "(" + name() + ") " + message));
    }

    /** [192.0.2.1, 192.0.2.2], not InetAddress.toString()'s [/192.0.2.1, /192.0.2.2]. */
    private static String hostsOf(java.util.Collection<InetAddress> addresses) {
        return addresses.stream().map(InetAddress::getHostAddress).toList().toString();
    }

    private static String hostOf(InetAddress a) {
        return a == null ? "unknown" : a.getHostAddress();
    }

    @Override
    public String toString() {
        return "VirtualRouterMachine(" + name() + ", " + state + ", prio " + priority + ")";
    }
}
