package org.vrrp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vrrp.HealthCheckSpec;
import org.vrrp.InstanceConfig;
import org.vrrp.Reason;
import org.vrrp.TrackedLink;
import org.vrrp.VrrpRouter;
import org.vrrp.VrrpState;
import org.vrrp.packet.AddressFamily;
import org.vrrp.packet.ChecksumForm;
import org.vrrp.packet.VrrpPacket;

/**
 * The rules docs/protocol-conformance.md listed under "Gaps" (no test proved them), each proved here on the
 * sans-I/O machine or the pure tracking policy and named after its rule; timed rules run at every {@link Timing}.
 */
class ConformanceGapsTest {
    private static final long T0 = 1_000_000_000L;
    private static final String VIP = "192.0.2.254";
    private static final String LOCAL = "192.0.2.1";
    private static final String PEER = "192.0.2.2";

    private static InetAddress addr(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    private static InstanceConfig config(Timing t, int priority, UnaryOperator<VrrpRouter.Builder> more) {
        VrrpRouter.Builder b = VrrpRouter.builder().interfaceName("eth0").virtualRouterId(51).priority(priority)
                .vip(VIP + "/24");
        return more.apply(t.apply(b)).build().instances().get(0).protocol();
    }

    private static VirtualRouterMachine machine(Timing t, int priority, UnaryOperator<VrrpRouter.Builder> more)
            throws UnknownHostException {
        return new VirtualRouterMachine(config(t, priority, more), addr(LOCAL));
    }

    private static List<Action> drain(VirtualRouterMachine m) {
        List<Action> out = new ArrayList<>();
        for (Action a = m.pollAction(); a != null; a = m.pollAction()) {
            out.add(a);
        }
        return out;
    }

    private static List<Action> sends(List<Action> actions) {
        return actions.stream().filter(a -> a instanceof Action.SendAdvert).toList();
    }

    private static Input.AdvertReceived advert(Timing t, int priority) throws UnknownHostException {
        List<InetAddress> vips = List.of(addr(VIP));
        VrrpPacket p = t.version() == 2
                ? VrrpPacket.v2(51, priority, t.intervalCentis() / 100, VrrpPacket.AUTH_NONE, new byte[8], vips)
                : VrrpPacket.v3(AddressFamily.IPV4, 51, priority, t.intervalCentis(), vips);
        return new Input.AdvertReceived(p, addr(PEER), 255, ChecksumForm.MESSAGE);
    }

    private static long nanos(Timing t) {
        return TimerMath.centisToNanos(t.intervalCentis());
    }

    // P3 / K5: keepalived's vrrp_set_effective_priority leaves an owner alone; so do ours, checks and links alike.
    @Test
    void ownersPriorityIsNeverWeightedByHealthChecksOrTrackedLinks() {
        HealthState.Status[] failingAndHealthy = {HealthState.Status.FAILING, HealthState.Status.HEALTHY};
        assertEquals(255, PriorityCalculator.effectivePriority(255, new int[] {-50, 30}, failingAndHealthy),
                "owner with a failing -50 check and a healthy +30 one");

        TrackingPolicy policy = new TrackingPolicy(List.of(HealthCheckSpec.pushed("down"), HealthCheckSpec.pushed("up")));
        policy.healthResult("down", false, true);
        policy.linkChanged("eth1", false);
        policy.linkChanged("eth2", true);
        Map<String, TrackedLink> links = Map.of("eth1", new TrackedLink("eth1", -40, false),
                "eth2", new TrackedLink("eth2", 20, false));
        Map<String, Integer> checks = Map.of("down", -50, "up", 30);
        assertEquals(255, policy.evaluate(List.of("eth1", "eth2"), links, checks, 255, null).priority(),
                "owner tracking a failing -50 check, a healthy +30 one, a down -40 link and an up +20 link");
        assertEquals(100 - 50 + 30 - 40 + 20,
                policy.evaluate(List.of("eth1", "eth2"), links, checks, 100, null).priority(),
                "the same tracking does weigh a non-owner");
    }

    // K5: the weighted sum is clamped to 1..254 for a non-owner, however large the weights.
    @Test
    void effectivePriorityIsClampedToOneThrough254ForANonOwner() {
        HealthState.Status[] healthy = {HealthState.Status.HEALTHY, HealthState.Status.HEALTHY};
        HealthState.Status[] failing = {HealthState.Status.FAILING, HealthState.Status.FAILING};
        assertEquals(254, PriorityCalculator.effectivePriority(200, new int[] {253, 253}, healthy), "huge positive");
        assertEquals(254, PriorityCalculator.effectivePriority(254, new int[] {1, 0}, healthy), "254 + 1");
        assertEquals(1, PriorityCalculator.effectivePriority(10, new int[] {-254, -254}, failing), "huge negative");
        assertEquals(1, PriorityCalculator.effectivePriority(1, new int[] {-1, 0}, failing), "1 - 1 is not 0");

        TrackingPolicy policy = new TrackingPolicy(List.of(HealthCheckSpec.pushed("a"), HealthCheckSpec.pushed("b")));
        Map<String, Integer> positive = Map.of("a", 200, "b", 200);
        assertEquals(254, policy.evaluate(List.of(), positive, 200, null).priority(), "both healthy, +400");
        policy.healthResult("a", false, true);
        policy.healthResult("b", false, true);
        assertEquals(1, policy.evaluate(List.of(), Map.of("a", -200, "b", -200), 100, null).priority(),
                "both failing, -400");
    }

    // RFC 9568 6.4.1 / I1: INITIALIZE and FAULT ignore adverts (keepalived's vrrp_dispatcher_read skips them).
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.vrrp.protocol.Timing#all")
    void advertsReceivedInInitializeOrFaultAreIgnored(Timing t) throws UnknownHostException {
        VirtualRouterMachine init = machine(t, 100, b -> b);
        assertAdvertsIgnored(t, init, VrrpState.INITIALIZE);

        VirtualRouterMachine fault = machine(t, 100, b -> b);
        fault.handle(new Input.Start(), T0);
        fault.handle(Input.FaultChanged.raised(new Reason.LinkDown("eth0")), T0 + 1);
        drain(fault);
        assertAdvertsIgnored(t, fault, VrrpState.FAULT);
    }

    private static void assertAdvertsIgnored(Timing t, VirtualRouterMachine m, VrrpState state)
            throws UnknownHostException {
        assertEquals(state, m.state());
        long timerBefore = m.pollTimeoutNanos();
        int i = 0;
        for (int p : new int[] {0, 50, 100, 200, 255}) {
            m.handle(advert(t, p), T0 + 10 + ++i * nanos(t));
            assertEquals(List.of(), drain(m), state + ": no action for an advert with priority " + p);
            assertEquals(state, m.state(), state + ": no state change for priority " + p);
            assertEquals(timerBefore, m.pollTimeoutNanos(), state + ": no timer change for priority " + p);
            assertEquals(0, m.masterPriority(), state + ": no master taken from priority " + p);
        }
    }

    // RFC 9568 6.4.2 / B2: Shutdown in BACKUP cancels the down timer and goes to INITIALIZE; nothing is sent.
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.vrrp.protocol.Timing#all")
    void backupSendsNothingOnShutdown(Timing t) throws UnknownHostException {
        VirtualRouterMachine m = machine(t, 100, b -> b);
        m.handle(new Input.Start(), T0);
        m.handle(advert(t, 200), T0 + nanos(t));
        drain(m);
        m.handle(new Input.Shutdown(), T0 + 2 * nanos(t));
        List<Action> actions = drain(m);
        assertEquals(List.of(new Action.Transition(VrrpState.BACKUP, VrrpState.INITIALIZE, new Reason.Shutdown(), 100)),
                actions, "only the transition: no advert, no priority 0");
        assertEquals(Long.MAX_VALUE, m.pollTimeoutNanos(), "the down timer is cancelled");
    }

    // M6: with reassertOnLowerPriority(false) a master discards a lower-priority advert (RFC 5798) and keeps
    // its Adver_Timer; it advertises at the interval as usual.
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.vrrp.protocol.Timing#all")
    void masterWithoutReassertSendsNothingAtOnceOnALowerPriorityAdvert(Timing t) throws UnknownHostException {
        VirtualRouterMachine m = machine(t, 150, b -> b.instance("VI_1", i -> i.reassertOnLowerPriority(false)));
        m.handle(new Input.Start(), T0);
        long masterAt = m.pollTimeoutNanos();
        m.handleTimeout(masterAt);
        assertEquals(VrrpState.MASTER, m.state());
        drain(m);
        long timerBefore = m.pollTimeoutNanos();

        m.handle(advert(t, 100), masterAt + nanos(t) / 2);
        List<Action> actions = drain(m);
        assertEquals(List.of(), sends(actions), "no advert sent at once: " + actions);
        assertInstanceOf(Action.HeardLowerPriority.class, actions.get(0), "the lower master is still reported");
        assertEquals(VrrpState.MASTER, m.state());
        assertEquals(timerBefore, m.pollTimeoutNanos(), "no timer moved");
        m.handleTimeout(masterAt + nanos(t));
        assertEquals(1, sends(drain(m)).size(), "the next advert goes out at the interval");
    }

    // X4: v3/IPv4 sends keepalived's checksum with the IPv4 pseudo-header by default;
    // checksumWithIpv4PseudoHeader(false) gives RFC 9568's message-only form.
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.vrrp.protocol.Timing#v3")
    void defaultV3Ipv4ChecksumFormIsKeepalivedsPseudoHeaderForm(Timing t) {
        InstanceConfig byDefault = config(t, 100, b -> b);
        assertEquals(ChecksumForm.IPV4_PSEUDO_HEADER, byDefault.v3Ipv4ChecksumForm());
        assertEquals(ChecksumForm.IPV4_PSEUDO_HEADER, byDefault.sendChecksumForm());
        assertEquals(ChecksumForm.IPV4_PSEUDO_HEADER,
                config(t, 100, b -> b.instance("VI_1", i -> { })).sendChecksumForm(), "an instance's default");

        InstanceConfig messageOnly = config(t, 100, b -> b.checksumWithIpv4PseudoHeader(false));
        assertEquals(ChecksumForm.MESSAGE, messageOnly.v3Ipv4ChecksumForm());
        assertEquals(ChecksumForm.MESSAGE, messageOnly.sendChecksumForm());
        assertEquals(ChecksumForm.MESSAGE, config(t, 100,
                b -> b.instance("VI_1", i -> i.checksumWithIpv4PseudoHeader(false))).sendChecksumForm());
    }

    // K5 (deliberate): a backup's running down timer keeps its deadline when its priority changes; the new
    // Master_Down_Interval applies from the next advert (keepalived shifts the running timer instead).
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.vrrp.protocol.Timing#all")
    void backupsRunningDownTimerKeepsItsDeadlineWhenItsPriorityChanges(Timing t) throws UnknownHostException {
        for (int newPriority : new int[] {1, 50, 200, 254}) {
            VirtualRouterMachine m = machine(t, 100, b -> b);
            m.handle(new Input.Start(), T0);
            long heardAt = T0 + nanos(t);
            m.handle(advert(t, 255), heardAt);
            long deadline = heardAt + t.masterDownMicros(100) * 1_000L;
            assertEquals(deadline, m.pollTimeoutNanos());

            m.handle(new Input.PriorityChanged(newPriority, new Reason.PrioritySet(newPriority)), heardAt + 1);
            assertEquals(deadline, m.pollTimeoutNanos(), "priority 100 -> " + newPriority + ": deadline kept");
            assertEquals(t.masterDownMicros(newPriority), m.masterDownMicros(), "the new Master_Down_Interval");
            assertEquals(VrrpState.BACKUP, m.state());

            long nextAt = heardAt + nanos(t);
            m.handle(advert(t, 255), nextAt);
            assertEquals(nextAt + t.masterDownMicros(newPriority) * 1_000L, m.pollTimeoutNanos(),
                    "the next advert arms the new Master_Down_Interval " + t.masterDown(newPriority));
        }
    }
}
