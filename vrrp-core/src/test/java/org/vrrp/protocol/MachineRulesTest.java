package org.vrrp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vrrp.InstanceConfig;
import org.vrrp.Reason;
import org.vrrp.VrrpRouter;
import org.vrrp.VrrpState;
import org.vrrp.packet.AddressFamily;
import org.vrrp.packet.ChecksumForm;
import org.vrrp.packet.VrrpPacket;

/**
 * The machine alone against rules an RFC audit and keepalived found broken (issue 11), each named
 * after its rule and, where the rule has a timing, run at every {@link Timing} and at priorities
 * other than 100.
 */
class MachineRulesTest {
    private static final long T0 = 1_000_000_000L;
    private static final String VIP = "192.0.2.254";
    private static final String LOCAL = "192.0.2.1";

    static Stream<Arguments> timingsAndPriorities() {
        return Timing.all().flatMap(t -> Stream.of(Arguments.of(t, 50), Arguments.of(t, 200)));
    }

    static Stream<Arguments> v3TimingsAndPriorities() {
        return Timing.v3().flatMap(t -> Stream.of(Arguments.of(t, 50), Arguments.of(t, 200)));
    }

    private static InetAddress addr(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static InstanceConfig config(Timing t, int priority, UnaryOperator<VrrpRouter.Builder> more) {
        VrrpRouter.Builder b = t.apply(VrrpRouter.builder().interfaceName("eth0").virtualRouterId(51)
                .priority(priority).vip(VIP + "/24"));
        return more.apply(b).build().instances().get(0).protocol();
    }

    private static VirtualRouterMachine machine(Timing t, int priority, UnaryOperator<VrrpRouter.Builder> more) {
        return new VirtualRouterMachine(config(t, priority, more), addr(LOCAL));
    }

    private static List<Action> drain(VirtualRouterMachine m) {
        List<Action> out = new ArrayList<>();
        Action a;
        while ((a = m.pollAction()) != null) {
            out.add(a);
        }
        return out;
    }

    private static List<VrrpPacket> sent(List<Action> actions) {
        List<VrrpPacket> out = new ArrayList<>();
        for (Action a : actions) {
            if (a instanceof Action.SendAdvert s) {
                out.add(s.packet());
            }
        }
        return out;
    }

    private static Input.AdvertReceived advert(Timing t, int priority, String from) {
        return advert(t, priority, t.intervalCentis(), from);
    }

    private static Input.AdvertReceived advert(Timing t, int priority, int intervalCentis, String from) {
        return advert(t, priority, intervalCentis, from, List.of(addr(VIP)));
    }

    /** An advert listing {@code vips}: the machine drops one whose list is not its own, as keepalived does. */
    private static Input.AdvertReceived advert(Timing t, int priority, int intervalCentis, String from,
                                               List<InetAddress> vips) {
        VrrpPacket p = t.version() == 2
                ? VrrpPacket.v2(51, priority, intervalCentis / 100, VrrpPacket.AUTH_NONE, new byte[8], vips)
                : VrrpPacket.v3(AddressFamily.IPV4, 51, priority, intervalCentis, vips);
        return new Input.AdvertReceived(p, addr(from), 255, ChecksumForm.MESSAGE);
    }

    private static long nanos(Timing t) {
        return TimerMath.centisToNanos(t.intervalCentis());
    }

    /** Starts the machine and lets its down timer run out; returns when it became MASTER. */
    private static long becomeMaster(VirtualRouterMachine m) {
        m.handle(new Input.Start(), T0);
        long at = m.pollTimeoutNanos();
        m.handleTimeout(at);
        assertEquals(VrrpState.MASTER, m.state());
        drain(m);
        return at;
    }

    // RFC 9568 6.4.3: a master that hears a lower priority sends an advert at once.
    @ParameterizedTest(name = "{0}, priority {1}")
    @MethodSource("timingsAndPriorities")
    void masterReassertsAtOnceOnLowerPriorityAdvert(Timing t, int priority) {
        VirtualRouterMachine m = machine(t, priority, b -> b);
        long masterAt = becomeMaster(m);
        long heardAt = masterAt + nanos(t) / 2;
        m.handle(advert(t, priority - 1, "192.0.2.2"), heardAt);
        List<VrrpPacket> answer = sent(drain(m));
        assertEquals(1, answer.size(), "one advert sent at once on hearing lower priority " + (priority - 1));
        assertEquals(priority, answer.get(0).priority());

        m.handle(advert(t, priority - 1, "192.0.2.2"), heardAt + nanos(t) / 8);
        assertEquals(List.of(), sent(drain(m)), "at most one reassert per quarter interval (a flood is not echoed)");
        m.handle(advert(t, priority - 1, "192.0.2.2"), heardAt + nanos(t) / 4);
        assertEquals(1, sent(drain(m)).size(), "a quarter interval later it reasserts again");
    }

    // A healed split brain: the lower master announced its MAC for our VIPs; the reassert announces ours again.
    @ParameterizedTest(name = "{0}, priority {1}")
    @MethodSource("timingsAndPriorities")
    void masterAnnouncesItsAddressesAgainWhenItReassertsOnALowerPriorityAdvert(Timing t, int priority) {
        VirtualRouterMachine m = machine(t, priority, b -> b);
        long masterAt = becomeMaster(m);
        long heardAt = masterAt + nanos(t) / 2;
        drain(m);
        m.handle(advert(t, priority - 1, "192.0.2.2"), heardAt);
        List<Action> actions = drain(m);
        assertEquals(1, actions.stream().filter(a -> a instanceof Action.Announce).count(),
                "one announcement with the reassert: " + actions);
        m.handle(advert(t, priority - 1, "192.0.2.2"), heardAt + nanos(t) / 8);
        assertEquals(0, drain(m).stream().filter(a -> a instanceof Action.Announce).count(),
                "bounded as the reassert is: a flood of lower adverts is not echoed");
    }

    // A second lower master heard within the quarter interval announced itself just before its advert: the
    // reassert it is owed comes when the quarter ends, so that our announcement is the last one hosts hear
    // (campaign schedule regression-120: dropped, the client stayed on the router that stepped down).
    @ParameterizedTest(name = "{0}, priority {1}")
    @MethodSource("timingsAndPriorities")
    void aLowerMasterHeardWithinTheQuarterIntervalIsAnsweredWhenItEnds(Timing t, int priority) {
        VirtualRouterMachine m = machine(t, priority, b -> b);
        long masterAt = becomeMaster(m);
        long firstAt = masterAt + nanos(t) / 2;
        m.handle(advert(t, priority - 1, "192.0.2.2"), firstAt);
        drain(m);
        long quarterEnds = firstAt + nanos(t) / 4;
        for (long at = firstAt + nanos(t) / 16; at < quarterEnds; at += nanos(t) / 16) {
            m.handle(advert(t, priority - 2, "192.0.2.3"), at);
            List<Action> heard = drain(m);
            assertEquals(List.of(), sent(heard), "within the quarter nothing is sent at once");
            assertEquals(0, heard.stream().filter(a -> a instanceof Action.Announce).count(), "nor announced");
        }
        for (long at = m.pollTimeoutNanos(); at < quarterEnds; at = m.pollTimeoutNanos()) {
            m.handleTimeout(at); // the announcements that follow becoming master, at long intervals
            assertEquals(List.of(), sent(drain(m)), "nothing sent before the quarter ends");
        }
        assertEquals(quarterEnds, m.pollTimeoutNanos(), "the owed reassert is due when the quarter ends");
        m.handleTimeout(quarterEnds);
        List<Action> owed = drain(m);
        assertEquals(1, sent(owed).size(), "one reassert for all the adverts heard within the quarter: " + owed);
        assertEquals(priority, sent(owed).get(0).priority());
        assertEquals(1, owed.stream().filter(a -> a instanceof Action.Announce).count(),
                "with its announcement: " + owed);
        List<Long> advertTimes = new ArrayList<>();
        for (long at = m.pollTimeoutNanos(); at <= quarterEnds + nanos(t); at = m.pollTimeoutNanos()) {
            m.handleTimeout(at);
            for (VrrpPacket ignored : sent(drain(m))) {
                advertTimes.add(at);
            }
        }
        assertEquals(List.of(quarterEnds + nanos(t)), advertTimes, "then the adverts go on at the interval");
    }

    // A lower router that has just become master advertises, then sends its announcement burst, and reads our
    // answer only after it: the tail of its burst can reach the hosts after our announcement. So the reassert's
    // announcement is repeated a quarter interval later, once (campaign seed 240 of 2026-12-02).
    @ParameterizedTest(name = "{0}, priority {1}")
    @MethodSource("timingsAndPriorities")
    void aReassertAnnouncesOnceMoreAQuarterIntervalLater(Timing t, int priority) {
        VirtualRouterMachine m = machine(t, priority, b -> b);
        VirtualRouterMachine unheard = machine(t, priority, b -> b); // the same, without the lower advert
        long masterAt = becomeMaster(m);
        becomeMaster(unheard);
        long heardAt = masterAt + nanos(t) / 2;
        m.handle(advert(t, priority - 1, "192.0.2.2"), heardAt);
        drain(m);
        List<Long> announcedAt = announcementsUntil(m, heardAt + nanos(t));
        List<Long> scheduledAnyway = announcementsUntil(unheard, heardAt + nanos(t));
        scheduledAnyway.forEach(announcedAt::remove); // the repeats after becoming master, at long intervals
        assertEquals(List.of(heardAt + nanos(t) / 4), announcedAt,
                "one more announcement, a quarter interval after the reassert (heard at " + heardAt + ")");
    }

    // keepalived's higher_prio_send_advert, on by default here: a master that hears a higher priority (or an
    // equal one from a higher address) sends one advert at its own priority before it steps down, so that the
    // other master learns of the split it may not have heard and reasserts (failure-modes.md finding 3).
    @ParameterizedTest(name = "{0}, priority {1}")
    @MethodSource("timingsAndPriorities")
    void aMasterThatHearsAHigherPriorityAdvertisesOnceAtItsOwnBeforeSteppingDown(Timing t, int priority) {
        for (Input.AdvertReceived higher : List.of(advert(t, priority + 1, "192.0.2.2"),
                advert(t, priority, "192.0.2.9"))) { // equal priority, higher address than ours (.1)
            VirtualRouterMachine m = machine(t, priority, b -> b);
            long heardAt = becomeMaster(m) + nanos(t) / 3;
            m.handle(higher, heardAt);
            List<Action> actions = drain(m);
            assertEquals(VrrpState.BACKUP, m.state());
            List<VrrpPacket> adverts = sent(actions);
            assertEquals(1, adverts.size(), "one advert on stepping down to " + higher.packet().priority()
                    + ": " + actions);
            assertEquals(priority, adverts.get(0).priority(), "at our own priority, not 0");
            assertInstanceOf(Action.SendAdvert.class, actions.get(0), "before the addresses go: " + actions);
            assertTrue(sent(drainTimersUntil(m, heardAt + 3 * nanos(t))).isEmpty(), "and none after it");
        }
    }

    @ParameterizedTest(name = "{0}, priority {1}")
    @MethodSource("timingsAndPriorities")
    void withoutAdvertiseBeforeSteppingDownAMasterStepsDownSilently(Timing t, int priority) {
        VirtualRouterMachine m = machine(t, priority, b -> b.instance("VI_1", i -> i.advertiseBeforeSteppingDown(false)));
        m.handle(advert(t, priority + 1, "192.0.2.2"), becomeMaster(m) + nanos(t) / 3);
        List<Action> actions = drain(m);
        assertEquals(VrrpState.BACKUP, m.state());
        assertEquals(List.of(), sent(actions), "RFC 9568 6.4.3: no advert when stepping down");
    }

    /** Runs {@code m}'s timers until {@code untilNanos}; returns every action they produced. */
    private static List<Action> drainTimersUntil(VirtualRouterMachine m, long untilNanos) {
        List<Action> out = new ArrayList<>();
        for (long at = m.pollTimeoutNanos(); at < untilNanos; at = m.pollTimeoutNanos()) {
            m.handleTimeout(at);
            out.addAll(drain(m));
        }
        return out;
    }

    /** Runs {@code m}'s timers until {@code untilNanos}; returns the times at which it announced. */
    private static List<Long> announcementsUntil(VirtualRouterMachine m, long untilNanos) {
        List<Long> announcedAt = new ArrayList<>();
        for (long at = m.pollTimeoutNanos(); at < untilNanos; at = m.pollTimeoutNanos()) {
            m.handleTimeout(at);
            for (Action a : drain(m)) {
                if (a instanceof Action.Announce) {
                    announcedAt.add(at);
                }
            }
        }
        return announcedAt;
    }

    // Nothing is owed to a router whose advert made us step down, nor after we left MASTER.
    @ParameterizedTest(name = "{0}, priority {1}")
    @MethodSource("timingsAndPriorities")
    void anOwedReassertIsDroppedWhenTheMasterStepsDown(Timing t, int priority) {
        VirtualRouterMachine m = machine(t, priority, b -> b);
        long masterAt = becomeMaster(m);
        long firstAt = masterAt + nanos(t) / 2;
        m.handle(advert(t, priority - 1, "192.0.2.2"), firstAt);
        m.handle(advert(t, priority - 1, "192.0.2.3"), firstAt + nanos(t) / 8);
        m.handle(advert(t, priority + 1, "192.0.2.4"), firstAt + nanos(t) / 8 + 1);
        assertEquals(VrrpState.BACKUP, m.state());
        drain(m);
        assertTrue(m.pollTimeoutNanos() > firstAt + nanos(t) / 4,
                "a backup owes no reassert nor announcement, nor wakes up for one");
    }

    // RFC 3768 6.1 (v2): Skew_Time = (256 - P) / 256 s at any interval; RFC 9568 6.1 (v3): scaled by it.
    @ParameterizedTest(name = "{0}, priority {1}")
    @MethodSource("timingsAndPriorities")
    void backupWaitsSkewTimeAfterPriorityZero(Timing t, int priority) {
        VirtualRouterMachine m = machine(t, priority, b -> b);
        m.handle(new Input.Start(), T0);
        m.handle(advert(t, 255, "192.0.2.2"), T0 + 10);
        long resignedAt = T0 + 10 + nanos(t);
        m.handle(advert(t, 0, "192.0.2.2"), resignedAt);
        assertEquals(resignedAt + t.skewMicros(priority) * 1_000L, m.pollTimeoutNanos(),
                "down timer = Skew_Time " + t.skew(priority) + " after a priority-0 advert");
        assertEquals(t.skewMicros(priority), m.skewMicros());
    }

    // Master_Down_Interval = 3 * Master_Adver_Interval + Skew_Time (both versions).
    @ParameterizedTest(name = "{0}, priority {1}")
    @MethodSource("timingsAndPriorities")
    void backupStartsWithMasterDownIntervalOfThreeIntervalsPlusSkewTime(Timing t, int priority) {
        VirtualRouterMachine m = machine(t, priority, b -> b);
        m.handle(new Input.Start(), T0);
        assertEquals(T0 + t.masterDownMicros(priority) * 1_000L, m.pollTimeoutNanos(),
                "Master_Down_Interval " + t.masterDown(priority));
        assertEquals(t.masterDownMicros(priority), m.masterDownMicros());
    }

    // Our own advert looped back (multicast loop, a bridge) is ours: not a peer, not a deaf peer.
    @ParameterizedTest(name = "{0}, priority {1}")
    @MethodSource("timingsAndPriorities")
    void ownAdvertLoopedBackIsIgnoredNotReportedAsADeafPeer(Timing t, int priority) {
        VirtualRouterMachine m = machine(t, priority, b -> b);
        long masterAt = becomeMaster(m);
        List<Action> actions = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            m.handle(advert(t, priority, LOCAL), masterAt + i * nanos(t));
            actions.addAll(drain(m));
        }
        assertEquals(0, m.counters().peersNotHearingUs(), "our own address is no deaf peer");
        assertTrue(actions.stream().noneMatch(a -> a instanceof Action.Warning), "no warning: " + actions);
        assertEquals(List.of(), sent(actions), "no reassert against ourselves");
        assertEquals(VrrpState.MASTER, m.state());

        VirtualRouterMachine backup = machine(t, priority, b -> b);
        backup.handle(new Input.Start(), T0);
        long downAt = backup.pollTimeoutNanos();
        backup.handle(advert(t, priority, LOCAL), T0 + nanos(t));
        assertEquals(downAt, backup.pollTimeoutNanos(), "a backup does not take its own advert for a master's");
    }

    // RFC 9568: a v3 backup adopts the master's interval; that is forgotten when it leaves BACKUP for
    // FAULT or INITIALIZE (keepalived resets it too), so the next down timer uses our own interval.
    @ParameterizedTest(name = "{0}, priority {1}")
    @MethodSource("v3TimingsAndPriorities")
    void learnedMasterAdvertIntervalIsForgottenOnFaultAndInitialize(Timing t, int priority) {
        int mastersCentis = t.intervalCentis() * 40;
        VirtualRouterMachine m = machine(t, priority, b -> b);
        m.handle(new Input.Start(), T0);
        m.handle(advert(t, 255, mastersCentis, "192.0.2.2"), T0 + 10);
        assertEquals(mastersCentis, m.masterAdvertIntervalCentis(), "learned from the master");

        m.handle(Input.FaultChanged.raised(new Reason.LinkDown("eth0")), T0 + 20);
        assertEquals(t.intervalCentis(), m.masterAdvertIntervalCentis(), "forgotten in FAULT");
        m.handle(new Input.FaultChanged(false, new Reason.LinkUp("eth0")), T0 + 30);
        assertEquals(VrrpState.BACKUP, m.state());
        assertEquals(T0 + 30 + t.masterDownMicros(priority) * 1_000L, m.pollTimeoutNanos(),
                "down timer from our own interval: " + t.masterDown(priority));

        m.handle(advert(t, 255, mastersCentis, "192.0.2.2"), T0 + 40);
        m.handle(new Input.Shutdown(), T0 + 50);
        assertEquals(t.intervalCentis(), m.masterAdvertIntervalCentis(), "forgotten in INITIALIZE");
        m.handle(new Input.Start(), T0 + 60);
        assertEquals(T0 + 60 + t.masterDownMicros(priority) * 1_000L, m.pollTimeoutNanos());
    }

    // A preempt delay holds a takeover; when it is over the backup preempts only if it still outranks
    // the master (RFC 9568 6.4.2: an advert whose priority is >= ours is a master to follow).
    @ParameterizedTest(name = "{0}, priority {1}")
    @MethodSource("timingsAndPriorities")
    void preemptDelayDeadlinePreemptsOnlyIfStillHigherThanTheMaster(Timing t, int priority) {
        int mastersPriority = priority - 10;
        long delayNanos = 2 * nanos(t) + TimerMath.centisToNanos(1);
        for (int ourPriorityAtDeadline : new int[] {mastersPriority - 1, mastersPriority, priority}) {
            VirtualRouterMachine m = machine(t, priority, b -> b.preemptDelay(java.time.Duration.ofNanos(delayNanos)));
            m.handle(new Input.Start(), T0);
            for (int i = 0; i <= 2; i++) {
                m.handle(advert(t, mastersPriority, "192.0.2.2"), T0 + i * nanos(t));
            }
            assertEquals(T0 + delayNanos, m.pollTimeoutNanos(), "the preempt delay runs from the first advert");
            // Our priority falls after the master's last advert before the deadline (a health check).
            m.handle(new Input.PriorityChanged(ourPriorityAtDeadline, new Reason.HealthFailed("check", 1)), T0 + 2 * nanos(t) + 1);
            m.handleTimeout(T0 + delayNanos);
            boolean stillHigher = ourPriorityAtDeadline > mastersPriority;
            assertEquals(stillHigher ? VrrpState.MASTER : VrrpState.BACKUP, m.state(),
                    "priority " + ourPriorityAtDeadline + " at the deadline against the master's " + mastersPriority
                            + " (our address 192.0.2.1 is the lower)");
            if (!stillHigher) {
                m.handle(advert(t, mastersPriority, "192.0.2.2"), T0 + 3 * nanos(t));
                assertEquals(VrrpState.BACKUP, m.state(), "it follows that master from now on");
                assertEquals(T0 + 3 * nanos(t) + m.masterDownMicros() * 1_000L, m.pollTimeoutNanos());
            }
        }
    }

    // A protocol thread that wakes late may find the preempt deadline and the down timer both due. When the
    // preempt does not happen (our priority fell), the down timer must still fire: a timer left in the past
    // would make the driver spin on it (found by MachineFuzzTest).
    @ParameterizedTest(name = "{0}, priority {1}")
    @MethodSource("timingsAndPriorities")
    void aDueDownTimerFiresEvenWhenThePreemptDelayDeadlineDueWithItDoesNotPreempt(Timing t, int priority) {
        int mastersPriority = priority - 10;
        long delayNanos = 2 * nanos(t) + TimerMath.centisToNanos(1);
        VirtualRouterMachine m = machine(t, priority, b -> b.preemptDelay(java.time.Duration.ofNanos(delayNanos)));
        m.handle(new Input.Start(), T0);
        m.handle(advert(t, mastersPriority, "192.0.2.2"), T0);
        m.handle(new Input.PriorityChanged(mastersPriority - 1, new Reason.HealthFailed("check", 1)), T0 + 1);
        long late = T0 + 100 * nanos(t); // the master went silent and we woke long after both deadlines
        m.handleTimeout(late);
        assertEquals(VrrpState.MASTER, m.state(), "no master heard for a whole Master_Down_Interval");
        assertTrue(m.pollTimeoutNanos() >= late, "no timer left in the past: " + m.pollTimeoutNanos());
    }

    // RFC 9568 6.1: priority 255 is the address owner's; a router that does not own them cannot take it.
    @ParameterizedTest(name = "{0}, priority {1}")
    @MethodSource("timingsAndPriorities")
    void priority255IsReservedForTheAddressOwner(Timing t, int priority) {
        VirtualRouterMachine m = machine(t, priority, b -> b);
        becomeMaster(m);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.handle(new Input.PriorityChanged(255, new Reason.PrioritySet(255)), T0 + 1));
        assertTrue(e.getMessage().contains("255 is reserved for the address owner (RFC 9568 6.1)"), e.getMessage());
        assertEquals(priority, m.priority());
        assertEquals(List.of(), drain(m), "nothing advertised");

        VirtualRouterMachine owner = machine(t, 255, b -> b);
        owner.handle(new Input.Start(), T0);
        owner.handle(new Input.PriorityChanged(255, new Reason.PrioritySet(255)), T0 + 1);
        assertEquals(255, owner.priority());
    }

    private static List<VirtualAddressesSeen> addressActions(List<Action> actions) {
        List<VirtualAddressesSeen> out = new ArrayList<>();
        for (Action a : actions) {
            if (a instanceof Action.AddAddresses add) {
                add.addresses().forEach(v -> out.add(new VirtualAddressesSeen("add", v.address().getHostAddress())));
            } else if (a instanceof Action.RemoveAddresses rm) {
                rm.addresses().forEach(v -> out.add(new VirtualAddressesSeen("remove", v.address().getHostAddress())));
            }
        }
        return out;
    }

    private record VirtualAddressesSeen(String verb, String address) {}

    // An owner's VIP that is the interface's own address is never added nor removed (a deliberate difference:
    // keepalived 2.2.7 takes the kernel's "exists" answer as success and deletes the address on leaving MASTER):
    // leaving MASTER must not take the host's real address away.
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.vrrp.protocol.Timing#all")
    void ownersInterfaceAddressIsNeverAddedNorRemoved(Timing t) {
        UnaryOperator<VrrpRouter.Builder> vips = b -> b.vip(LOCAL + "/24").vip("192.0.2.200/24");
        // config() also gives it 192.0.2.254: every VIP but the interface's own address comes and goes.
        List<VirtualAddressesSeen> addOthers = List.of(new VirtualAddressesSeen("add", VIP),
                new VirtualAddressesSeen("add", "192.0.2.200"));
        List<VirtualAddressesSeen> removeOthers = List.of(new VirtualAddressesSeen("remove", VIP),
                new VirtualAddressesSeen("remove", "192.0.2.200"));

        VirtualRouterMachine m = new VirtualRouterMachine(config(t, 255, vips), addr(LOCAL));
        m.handle(new Input.Start(), T0);
        assertEquals(addOthers, addressActions(drain(m)), "startup as owner");
        m.handle(Input.FaultChanged.raised(new Reason.LinkDown("eth0")), T0 + 1);
        assertEquals(removeOthers, addressActions(drain(m)), "MASTER -> FAULT");
        m.handle(new Input.FaultChanged(false, new Reason.LinkUp("eth0")), T0 + 2);
        assertEquals(addOthers, addressActions(drain(m)), "FAULT -> MASTER");
        m.handle(advert(t, 255, t.intervalCentis(), "192.0.2.9",
                List.of(addr(VIP), addr(LOCAL), addr("192.0.2.200"))), T0 + 3);
        assertEquals(VrrpState.BACKUP, m.state(), "another owner with a higher address");
        assertEquals(removeOthers, addressActions(drain(m)), "losing to another owner");
        m.handleTimeout(m.pollTimeoutNanos());
        assertEquals(addOthers, addressActions(drain(m)), "BACKUP -> MASTER");
        m.handle(new Input.Shutdown(), m.pollTimeoutNanos());
        assertEquals(removeOthers, addressActions(drain(m)), "stop");
    }

    // keepalived 2.2.7 (vrrp_check_packet) drops an advert whose address count is not its VIP count, or that
    // lacks one of its VIPs, counting addr_list_err; such a router is another virtual router on this VRID.
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.vrrp.protocol.Timing#all")
    void anAdvertWhoseAddressesAreNotOursIsDroppedAsKeepalivedDoes(Timing t) {
        VirtualRouterMachine m = machine(t, 100, b -> b.vip("192.0.2.200/24"));
        m.handle(new Input.Start(), T0);
        drain(m);
        long downAt = m.pollTimeoutNanos();
        m.handle(advert(t, 200, t.intervalCentis(), "192.0.2.9", List.of(addr(VIP))), T0 + 1);
        m.handle(advert(t, 200, t.intervalCentis(), "192.0.2.9", List.of(addr(VIP), addr("192.0.2.201"))), T0 + 2);
        m.handle(advert(t, 200, t.intervalCentis(), "192.0.2.9", List.of()), T0 + 3);
        assertEquals(3, m.counters().addressListErrors());
        assertEquals(downAt, m.pollTimeoutNanos(), "no advert restarted the Master_Down timer");
        assertTrue(drain(m).stream().anyMatch(a -> a instanceof Action.Warning w
                && w.message().contains("lists [192.0.2.254], ours are [192.0.2.254, 192.0.2.200] (1 address(es),"
                + " ours 2); dropped, as keepalived does")), "one warning, naming both lists");
        m.handleTimeout(downAt);
        assertEquals(VrrpState.MASTER, m.state(), "nobody with our addresses: we are master");
        // The same addresses in another order are ours.
        m.handle(advert(t, 200, t.intervalCentis(), "192.0.2.9", List.of(addr("192.0.2.200"), addr(VIP))),
                downAt + 1);
        assertEquals(VrrpState.BACKUP, m.state());
        assertEquals(3, m.counters().addressListErrors());
    }

    // A VRRPv2 instance with no VIP (keepalived runs one with a warning) sends count 0 and takes part only in
    // an election with another such router.
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.vrrp.protocol.Timing#all")
    void anInstanceWithNoVipAdvertisesNoneAndHearsOnlyRoutersWithNone(Timing t) {
        if (t.version() != 2) {
            return; // version 3 needs a VIP (ConfigValidationTest)
        }
        InstanceConfig none = t.apply(VrrpRouter.builder().interfaceName("eth0").virtualRouterId(51).priority(100))
                .build().instances().get(0).protocol();
        VirtualRouterMachine m = new VirtualRouterMachine(none, addr(LOCAL));
        m.handle(new Input.Start(), T0);
        drain(m);
        m.handle(advert(t, 200, t.intervalCentis(), "192.0.2.9", List.of(addr(VIP))), T0 + 1);
        assertEquals(1, m.counters().addressListErrors(), "a router with a VIP is another virtual router");
        m.handleTimeout(m.pollTimeoutNanos());
        assertEquals(VrrpState.MASTER, m.state());
        List<VrrpPacket> adverts = sent(drain(m));
        assertEquals(0, adverts.get(0).addressCount(), "count 0 on the wire, as keepalived sends");
        m.handle(advert(t, 200, t.intervalCentis(), "192.0.2.9", List.of()), m.pollTimeoutNanos() - 1);
        assertEquals(VrrpState.BACKUP, m.state(), "a higher priority with no VIP either is our master");
    }

    // Hand-over on close (not RFC: see docs/protocol-conformance.md): priority 0 at once, the addresses kept, and
    // no advert of ours until another router's first advert, which makes us let go.
    @ParameterizedTest(name = "{0}, priority {1}")
    @MethodSource("timingsAndPriorities")
    void aMasterHandingOverKeepsItsAddressesUntilAnotherRouterAdvertises(Timing t, int priority) {
        VirtualRouterMachine m = machine(t, priority, b -> b);
        long masterAt = becomeMaster(m);
        long stopAt = masterAt + nanos(t) / 3;
        m.handle(new Input.HandOver(), stopAt);
        List<Action> atStop = drain(m);
        assertEquals(List.of(0), sent(atStop).stream().map(VrrpPacket::priority).toList(), "priority 0 at once");
        assertTrue(atStop.stream().noneMatch(a -> a instanceof Action.RemoveAddresses || a instanceof Action.Transition),
                "the addresses stay: " + atStop);
        assertTrue(m.isHandingOver());
        assertEquals(VrrpState.MASTER, m.state());

        // The backups' skew times pass; we send nothing: an advert at our priority would reset their timers.
        long backupAdvertAt = stopAt + t.skewMicros(1) * 1_000L;
        for (long at = stopAt; at < backupAdvertAt; at += nanos(t) / 4) {
            m.handleTimeout(at);
            assertEquals(List.of(), drain(m), "nothing while waiting, at +" + (at - stopAt) / 1_000_000 + " ms");
        }
        m.handle(advert(t, 0, "192.0.2.3"), backupAdvertAt - 1);
        assertEquals(List.of(), drain(m), "another router leaving is no reason to advertise");

        m.handle(advert(t, priority - 10, "192.0.2.2"), backupAdvertAt);
        List<Action> handed = drain(m);
        assertEquals(List.of(), sent(handed), "no second priority-0 advert");
        assertTrue(handed.stream().anyMatch(a -> a instanceof Action.RemoveAddresses), "let go: " + handed);
        assertTrue(handed.contains(new Action.Transition(VrrpState.MASTER, VrrpState.INITIALIZE,
                new Reason.HandedOver(addr("192.0.2.2")), priority)), handed.toString());
        assertEquals(false, m.isHandingOver());
        assertEquals(Long.MAX_VALUE, m.pollTimeoutNanos(), "no timer left");
    }

    // With nobody taking over, the wait ends after Master_Down_Interval at priority 1: the longest a backup that
    // missed the priority-0 advert can take to time us out.
    @ParameterizedTest(name = "{0}, priority {1}")
    @MethodSource("timingsAndPriorities")
    void aHandOverThatNobodyTakesEndsAfterMasterDownIntervalAtPriorityOne(Timing t, int priority) {
        VirtualRouterMachine m = machine(t, priority, b -> b);
        long stopAt = becomeMaster(m) + 1;
        m.handle(new Input.HandOver(), stopAt);
        drain(m);
        long giveUpAt = stopAt + t.masterDownMicros(1) * 1_000L;
        assertEquals(giveUpAt, m.pollTimeoutNanos());
        m.handle(new Input.PriorityChanged(priority - 1, new Reason.PrioritySet(priority - 1)), giveUpAt - 2);
        assertEquals(List.of(), sent(drain(m)), "a priority change is not advertised while handing over");
        m.handleTimeout(giveUpAt - 1);
        assertEquals(List.of(), drain(m));
        m.handleTimeout(giveUpAt);
        List<Action> gaveUp = drain(m);
        assertEquals(List.of(), sent(gaveUp), "no second priority-0 advert");
        assertTrue(gaveUp.stream().anyMatch(a -> a instanceof Action.Warning w && w.key().startsWith("hand-over")),
                gaveUp.toString());
        assertTrue(gaveUp.stream().anyMatch(a -> a instanceof Action.RemoveAddresses), gaveUp.toString());
        assertEquals(VrrpState.INITIALIZE, m.state());
    }

    @ParameterizedTest(name = "{0}, priority {1}")
    @MethodSource("timingsAndPriorities")
    void aBackupIgnoresHandOverAndStopsOnShutdownAsBefore(Timing t, int priority) {
        VirtualRouterMachine m = machine(t, priority, b -> b);
        m.handle(new Input.Start(), T0);
        drain(m);
        m.handle(new Input.HandOver(), T0 + 1);
        assertEquals(List.of(), drain(m));
        assertEquals(false, m.isHandingOver());
        m.handle(new Input.Shutdown(), T0 + 2);
        assertEquals(List.of(new Action.Transition(VrrpState.BACKUP, VrrpState.INITIALIZE, new Reason.Shutdown(),
                priority)), drain(m));
    }

    // A reload that changes a master's address list announces every address before it advertises: if this master is
    // the one that will step down, its advert makes the other reassert and announce, which must be the last word.
    @ParameterizedTest(name = "{0}, priority {1}")
    @MethodSource("timingsAndPriorities")
    void aReloadThatChangesTheAddressListAnnouncesBeforeItAdvertises(Timing t, int priority) {
        VirtualRouterMachine m = machine(t, priority, b -> b.vip("192.0.2.253/24"));
        long masterAt = becomeMaster(m);
        m.reconfigure(config(t, priority, b -> b), masterAt + 1);
        List<Action> actions = drain(m);
        int announced = -1;
        int advertised = -1;
        for (int i = 0; i < actions.size(); i++) {
            if (actions.get(i) instanceof Action.Announce && announced < 0) {
                announced = i;
            }
            if (actions.get(i) instanceof Action.SendAdvert && advertised < 0) {
                advertised = i;
            }
        }
        assertTrue(announced >= 0 && advertised >= 0, "both on a reload that removes an address: " + actions);
        assertTrue(announced < advertised, "the announcement first: " + actions);
    }
}
