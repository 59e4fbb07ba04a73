package org.vrrp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vrrp.InstanceConfig;
import org.vrrp.Reason;
import org.vrrp.VrrpRouter;
import org.vrrp.VrrpState;
import org.vrrp.packet.ChecksumForm;
import org.vrrp.packet.VrrpPacket;

/** The machine alone: inputs and time in, actions out. */
class VirtualRouterMachineTest {
    private static final long T0 = 1_000_000_000L;

    private final InstanceConfig config = VrrpRouter.builder().interfaceName("eth0").virtualRouterId(51)
            .priority(150).vip("192.0.2.254/24").build().instances().get(0).protocol();
    private final VirtualRouterMachine m = new VirtualRouterMachine(config, addr("192.0.2.1"));

    private static InetAddress addr(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private List<Action> drain() {
        List<Action> out = new ArrayList<>();
        Action a;
        while ((a = m.pollAction()) != null) {
            out.add(a);
        }
        return out;
    }

    private void becomeMaster() {
        m.handle(new Input.Start(), T0);
        m.handleTimeout(m.pollTimeoutNanos());
        assertEquals(VrrpState.MASTER, m.state());
        drain();
    }

    private Input.AdvertReceived advert(int priority, String from) {
        VrrpPacket p = VrrpPacket.v2(51, priority, 1, VrrpPacket.AUTH_NONE, new byte[8], List.of(addr("192.0.2.254")));
        return new Input.AdvertReceived(p, addr(from), 255, ChecksumForm.MESSAGE);
    }

    @Test
    void startupAsBackupArmsTheDownTimerAtMasterDownInterval() {
        m.handle(new Input.Start(), T0);
        assertEquals(VrrpState.BACKUP, m.state());
        assertEquals(T0 + TimerMath.microsToNanos(TimerMath.masterDownMicros(2, 150, 100)), m.pollTimeoutNanos());
    }

    @Test
    void aSpuriousTimeoutDoesNothing() {
        m.handle(new Input.Start(), T0);
        drain();
        long deadline = m.pollTimeoutNanos();
        m.handleTimeout(deadline - 1);
        assertEquals(VrrpState.BACKUP, m.state());
        assertEquals(deadline, m.pollTimeoutNanos());
        assertNull(m.pollAction());
    }

    @Test
    void becomingMasterAddsTheVipsThenAdvertisesThenAnnouncesAllBeforeTheTransition() {
        m.handle(new Input.Start(), T0);
        drain();
        m.handleTimeout(m.pollTimeoutNanos());
        List<Action> actions = drain();
        assertInstanceOf(Action.AddAddresses.class, actions.get(0));
        assertInstanceOf(Action.SendAdvert.class, actions.get(1));
        // In the same step, not at the next timeout: the first burst's GARPs wait for no log line or listener.
        assertInstanceOf(Action.Announce.class, actions.get(2));
        for (Action a : actions.subList(2, actions.size() - 1)) {
            assertInstanceOf(Action.Announce.class, a, actions.toString());
        }
        assertInstanceOf(Action.Transition.class, actions.get(actions.size() - 1));
    }

    /** Steps the machine through its timers up to {@code untilNanos}; the times at which it sent an advert. */
    private List<Long> advertTimesUntil(long untilNanos) {
        List<Long> sent = new ArrayList<>();
        long t;
        while ((t = m.pollTimeoutNanos()) <= untilNanos) {
            m.handleTimeout(t);
            for (Action a : drain()) {
                if (a instanceof Action.SendAdvert) {
                    sent.add(t);
                }
            }
        }
        return sent;
    }

    @Test
    void withoutAnAdvertPhaseTheAdvertsFollowTheMomentOfBecomingMaster() {
        long interval = TimerMath.centisToNanos(config.advertIntervalCentis());
        m.handle(new Input.Start(), T0);
        long becameMaster = m.pollTimeoutNanos();
        m.handleTimeout(becameMaster);
        drain();
        assertEquals(List.of(becameMaster + interval, becameMaster + 2 * interval),
                advertTimesUntil(becameMaster + 2 * interval));
    }

    @Test
    void anAdvertPhaseShortensTheFirstIntervalAsMasterAndTheCadenceKeepsIt() {
        long interval = TimerMath.centisToNanos(config.advertIntervalCentis());
        long phase = T0 + 250_000_000L;
        m.setAdvertPhase(phase);
        m.handle(new Input.Start(), T0);
        long becameMaster = m.pollTimeoutNanos();
        m.handleTimeout(becameMaster);
        drain();
        // the last time on the phase (T0 + 250 ms + k intervals) within one interval of becoming master
        long first = phase;
        while (first + interval <= becameMaster + interval) {
            first += interval;
        }
        assertTrue(first > becameMaster && first < becameMaster + interval, "a shorter interval, never a longer one");
        assertEquals(List.of(first, first + interval, first + 2 * interval), advertTimesUntil(first + 2 * interval));
    }

    @Test
    void afterAPauseOfMoreThanAnIntervalTheAdvertsReturnToThePhase() {
        long interval = TimerMath.centisToNanos(config.advertIntervalCentis());
        long phase = T0 + 250_000_000L;
        m.setAdvertPhase(phase);
        becomeMaster();
        long due = m.pollTimeoutNanos();
        long woke = due + 2 * interval + interval / 2;
        m.handleTimeout(woke);
        assertInstanceOf(Action.SendAdvert.class, drain().get(0), "the overdue advert goes out at once");
        long next = m.pollTimeoutNanos();
        assertTrue(next > woke && next <= woke + interval, "next advert within one interval: " + (next - woke));
        assertEquals(0, Math.floorMod(next - phase, interval), "on the phase again");
    }

    @Test
    void masterAnswersAPriorityZeroAdvertAtOnce() {
        becomeMaster();
        long now = m.pollTimeoutNanos() - 1;
        m.handle(advert(0, "192.0.2.2"), now);
        List<Action> actions = drain();
        assertEquals(1, actions.size());
        assertEquals(150, ((Action.SendAdvert) actions.get(0)).packet().priority());
    }

    @Test
    void masterToFaultSendsPriorityZeroThenRemovesItsVips() {
        becomeMaster();
        m.handle(Input.FaultChanged.raised(new Reason.LinkDown("eth0")), T0 + 5);
        List<Action> actions = drain();
        assertEquals(0, ((Action.SendAdvert) actions.get(0)).packet().priority());
        assertInstanceOf(Action.RemoveAddresses.class, actions.get(1));
        Action.Transition t = (Action.Transition) actions.get(2);
        assertEquals(VrrpState.FAULT, t.to());
        assertEquals("link eth0 lost carrier", t.reason().toString());
        assertEquals(Long.MAX_VALUE, m.pollTimeoutNanos(), "no timer runs in FAULT");
    }

    @Test
    void masterStepsDownToAHigherPriorityWithoutResigning() {
        becomeMaster();
        m.handle(advert(200, "192.0.2.2"), T0 + 10);
        List<Action> actions = drain();
        Action.SendAdvert last = (Action.SendAdvert) actions.get(0);
        assertEquals(150, last.packet().priority(), "one advert at our own priority (higher_prio_send_advert), not 0");
        assertInstanceOf(Action.RemoveAddresses.class, actions.get(1));
        Action.Transition t = (Action.Transition) actions.get(2);
        assertEquals("higher priority 200 from 192.0.2.2", t.reason().toString());
        assertEquals(3, actions.size(), "no priority-0 advert when stepping down");
    }

    @Test
    void backupDropsAdvertsWithTtlBelow255AndCountsThem() {
        m.handle(new Input.Start(), T0);
        drain();
        long deadline = m.pollTimeoutNanos();
        VrrpPacket p = VrrpPacket.v2(51, 255, 1, VrrpPacket.AUTH_NONE, new byte[8], List.of(addr("192.0.2.254")));
        m.handle(new Input.AdvertReceived(p, addr("192.0.2.9"), 64, ChecksumForm.MESSAGE), T0 + 10);
        assertEquals(deadline, m.pollTimeoutNanos(), "the forged owner claim did not reset the timer");
        assertEquals(1, m.counters().ttlErrors());
        assertInstanceOf(Action.Warning.class, drain().get(0));
    }

    /** The step-down's entry data (the master heard) is applied inside changeState: typed reason, master known. */
    @Test
    void steppingDownEntersBackupHearingTheMasterThatCausedIt() {
        becomeMaster();
        m.handle(advert(200, "192.0.2.2"), T0 + 10);
        Action.Transition t = (Action.Transition) drain().get(2);
        assertEquals(new Reason.HigherPriority(200, addr("192.0.2.2")), t.reason());
        assertEquals(VrrpState.BACKUP, m.state());
        assertEquals(addr("192.0.2.2"), m.masterAddress());
        assertEquals(200, m.masterPriority());
        assertTrue(m.hearsMaster(T0 + 10), "the master that caused the step-down is heard");
        assertEquals(T0 + 10 + TimerMath.microsToNanos(m.masterDownMicros()), m.pollTimeoutNanos());
    }

    /** Input.PriorityChanged's reason is reported with the change, not dropped. */
    @Test
    void aPriorityChangeIsReportedWithItsReason() {
        becomeMaster();
        Reason why = new Reason.HealthFailed("db", 2);
        m.handle(new Input.PriorityChanged(120, why), T0 + 20);
        List<Action> actions = drain();
        assertEquals(new Action.PriorityChanged(150, 120, why), actions.get(0));
        assertEquals(120, ((Action.SendAdvert) actions.get(1)).packet().priority(), "a master tells at once");
        m.handle(new Input.PriorityChanged(120, why), T0 + 30);
        assertNull(m.pollAction(), "no change, nothing reported");
    }

    /** A unicast instance drops and counts an advert from a source that is not a peer, by address alone. */
    @Test
    void aUnicastInstanceCountsAStrangersAdvert() {
        InstanceConfig unicast = VrrpRouter.builder().instance("VI_51", i -> i.interfaceName("eth0")
                .virtualRouterId(51).priority(150).vip("192.0.2.254/24").unicastPeer("192.0.2.2"))
                .build().instances().get(0).protocol();
        VirtualRouterMachine u = new VirtualRouterMachine(unicast, addr("192.0.2.1"));
        u.handle(new Input.Start(), T0);
        long deadline = u.pollTimeoutNanos();
        u.handle(advert(200, "192.0.2.3"), T0 + 10);
        assertEquals(1, u.counters().unknownPeerErrors());
        assertEquals(deadline, u.pollTimeoutNanos(), "a stranger is no master");
        u.handle(advert(200, "192.0.2.2"), T0 + 20);
        assertEquals(1, u.counters().unknownPeerErrors());
        assertEquals(addr("192.0.2.2"), u.masterAddress(), "the peer is heard");
    }

    @Test
    void excludedAddressesAreAddedAndRemovedWithTheVipsButNotAdvertised() {
        InstanceConfig withExcluded = VrrpRouter.builder().interfaceName("eth0").virtualRouterId(51).priority(150)
                .vip("192.0.2.254/24").excludedVip("192.0.2.253/24").excludedVip("2001:db8::253/64")
                .build().instances().get(0).protocol();
        VirtualRouterMachine x = new VirtualRouterMachine(withExcluded, addr("192.0.2.1"));
        x.handle(new Input.Start(), T0);
        x.handleTimeout(x.pollTimeoutNanos());
        List<Action> actions = new ArrayList<>();
        for (Action a; (a = x.pollAction()) != null; ) {
            actions.add(a);
        }
        Action.AddAddresses add = (Action.AddAddresses) actions.stream()
                .filter(a -> a instanceof Action.AddAddresses).findFirst().orElseThrow();
        assertEquals(List.of("192.0.2.254", "192.0.2.253", "2001:db8:0:0:0:0:0:253"),
                add.addresses().stream().map(v -> v.address().getHostAddress()).toList());
        Action.SendAdvert advert = (Action.SendAdvert) actions.stream()
                .filter(a -> a instanceof Action.SendAdvert).findFirst().orElseThrow();
        assertEquals(List.of(addr("192.0.2.254")), advert.packet().addresses(), "only the VIP is advertised");
        x.handle(new Input.Shutdown(), T0 + 1);
        Action.RemoveAddresses rm = null;
        for (Action a; (a = x.pollAction()) != null; ) {
            if (a instanceof Action.RemoveAddresses r) {
                rm = r;
            }
        }
        assertEquals(add.addresses(), rm.addresses());
    }

    @Test
    void aMasterReportsEveryLowerPriorityAdvertItHears() {
        becomeMaster();
        for (int i = 0; i < 3; i++) {
            m.handle(advert(100, "192.0.2.2"), T0 + i);
            List<Action> actions = drain();
            assertTrue(actions.contains(new Action.HeardLowerPriority(addr("192.0.2.2"), 100, 150)), actions.toString());
        }
        m.handle(advert(150, "192.0.2.0"), T0 + 10); // equal priority, lower address: lower too, as keepalived
        assertTrue(drain().contains(new Action.HeardLowerPriority(addr("192.0.2.0"), 150, 150)));
        m.handle(advert(0, "192.0.2.2"), T0 + 20);   // priority 0 is a resign, not a rival
        assertTrue(drain().stream().noneMatch(a -> a instanceof Action.HeardLowerPriority));
    }
}
