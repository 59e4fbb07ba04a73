package org.vrrp.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vrrp.HealthCheckSpec;
import org.vrrp.StateChange;
import org.vrrp.VrrpListener;
import org.vrrp.VrrpRouter;
import org.vrrp.VrrpState;
import org.vrrp.protocol.Timing;

/**
 * Rules an RFC audit and runs beside keepalived found broken (issue 11), on the simulated LAN: each
 * test is named after its rule and, where the rule has a timing, runs at every {@link Timing}.
 */
class FidelityScenariosTest {
    private static final String VIP = "192.0.2.254";

    private final SimulatedLan lan = new SimulatedLan(1111);

    static Stream<Arguments> timingsAndPriorities() {
        return Timing.all().flatMap(t -> Stream.of(Arguments.of(t, 50), Arguments.of(t, 200)));
    }

    private static final String VIP_IN = "192.0.2.254";
    private static final String VIP_OUT = "198.51.100.254";

    /** A router with one instance per segment in sync group G, eth0 "inside" and eth1 "outside". */
    private SimulatedRouter gateway(String name, int hostByte, Timing t, int priority, String downAtStart) {
        VrrpRouter.Builder b = t.apply(VrrpRouter.builder().priority(priority)
                .instance("VI_IN", i -> i.interfaceName("eth0").virtualRouterId(10).vip(VIP_IN + "/24"))
                .instance("VI_OUT", i -> i.interfaceName("eth1").virtualRouterId(20).vip(VIP_OUT + "/24"))
                .syncGroup("G", "VI_IN", "VI_OUT"));
        SimulatedHost host = lan.host(name).attach("eth0", "inside", "192.0.2." + hostByte)
                .attach("eth1", "outside", "198.51.100." + hostByte);
        if (downAtStart != null) {
            lan.setLink(name, downAtStart, false);
        }
        return host.start(b);
    }

    static Stream<Arguments> timingsPrioritiesAndLinks() {
        return timingsAndPriorities().flatMap(a -> Stream.of(Arguments.of(a.get()[0], a.get()[1], "eth0"),
                Arguments.of(a.get()[0], a.get()[1], "eth1")));
    }

    private SimulatedRouter start(String host, String address, VrrpRouter.Builder b) {
        return lan.host(host).attach("eth0", "lan", address).start(b);
    }

    private static VrrpRouter.Builder router(Timing t, int priority) {
        return t.apply(VrrpRouter.builder().interfaceName("eth0").virtualRouterId(51).priority(priority)
                .vip(VIP + "/24"));
    }

    // RFC 3768 6.1 / RFC 9568 6.1: after a priority-0 advert a backup waits Skew_Time, no more.
    @ParameterizedTest(name = "{0}, backup priority {1}")
    @MethodSource("timingsAndPriorities")
    void backupTakesOverSkewTimeAfterTheMasterResigns(Timing t, int backupPriority) {
        SimulatedRouter master = start("a", "192.0.2.1", router(t, 254));
        SimulatedRouter backup = start("b", "192.0.2.2", router(t, backupPriority));
        lan.runFor(t.masterDown(1).multipliedBy(2));
        assertEquals(VrrpState.MASTER, master.state());
        Duration closedAt = lan.elapsed();
        master.close();
        Duration skew = t.skew(backupPriority);
        assertTrue(lan.runUntil(() -> backup.state() == VrrpState.MASTER, skew.plusMillis(1)),
                t + ": backup not master within its Skew_Time " + skew + "; seed " + lan.seed());
        assertTrue(lan.elapsed().minus(closedAt).compareTo(skew) >= 0, "it waited the whole Skew_Time");
        assertEquals(List.of("b"), lan.hostsHolding(VIP));
    }

    // RFC 9568 6.1: 255 is the owner's; setPriority(255) on another router is refused, naming the rule.
    @Test
    void setPriority255IsRefusedOnARouterThatDoesNotOwnTheAddress() {
        SimulatedRouter a = start("a", "192.0.2.1", router(new Timing(2, 100), 254));
        lan.runFor(Duration.ofSeconds(5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.setPriority(255));
        assertTrue(e.getMessage().contains("255 is reserved for the address owner (RFC 9568 6.1)")
                && e.getMessage().contains("1..254"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> a.setPriority("VI_51", 255));
        assertEquals(254, a.stats().instances().get(0).configuredPriority(), "nothing changed");
        assertEquals(254, a.stats().instances().get(0).effectivePriority());
    }

    // keepalived: a sync group member already in FAULT at start-up holds the whole group out of MASTER.
    @ParameterizedTest(name = "{0}, priority {1}, {2} down")
    @MethodSource("timingsPrioritiesAndLinks")
    void syncGroupMemberInFaultAtStartupHoldsTheWholeGroupOutOfMaster(Timing t, int priority, String deadLink) {
        SimulatedRouter r1 = gateway("r1", 1, t, priority, deadLink);
        lan.runFor(t.masterDown(priority).multipliedBy(3));
        assertEquals(List.of(), lan.transitions().stream().filter(c -> c.to() == VrrpState.MASTER).toList(),
                "no member may become MASTER while " + deadLink + " is down");
        assertEquals(VrrpState.FAULT, r1.state("VI_IN"));
        assertEquals(VrrpState.FAULT, r1.state("VI_OUT"));
        assertEquals(List.of(), lan.hostsHolding(VIP_IN));
        assertEquals(List.of(), lan.hostsHolding(VIP_OUT));

        lan.setLink("r1", deadLink, true);
        assertTrue(lan.runUntil(() -> r1.state("VI_IN") == VrrpState.MASTER && r1.state("VI_OUT") == VrrpState.MASTER,
                t.masterDown(priority).plusMillis(1)), "with the link back the group takes over; seed " + lan.seed());
        assertEquals(List.of("r1"), lan.hostsHolding(VIP_IN));
        assertEquals(List.of("r1"), lan.hostsHolding(VIP_OUT));
    }

    static Stream<Arguments> timingsAndLeaders() {
        return Timing.all().flatMap(t -> Stream.of(Arguments.of(t, "VI_IN"), Arguments.of(t, "VI_OUT")));
    }

    // StateChange.sequence(): callbacks come in the order things happened, so a member that the sync
    // group forces is delivered after the transition that forced it.
    @ParameterizedTest(name = "{0}, {1} leads")
    @MethodSource("timingsAndLeaders")
    void syncGroupCallbacksArriveInCausalOrder(Timing t, String leader) {
        List<StateChange> delivered = new ArrayList<>();
        VrrpRouter.Builder b = t.apply(VrrpRouter.builder()
                .instance("VI_IN", i -> i.interfaceName("eth0").virtualRouterId(10).vip(VIP_IN + "/24")
                        .priority(leader.equals("VI_IN") ? 200 : 50))
                .instance("VI_OUT", i -> i.interfaceName("eth1").virtualRouterId(20).vip(VIP_OUT + "/24")
                        .priority(leader.equals("VI_OUT") ? 200 : 50))
                .syncGroup("G", "VI_IN", "VI_OUT")
                .listener(new VrrpListener() {
                    @Override
                    public void stateChanged(StateChange c) {
                        delivered.add(c);
                    }
                }));
        SimulatedRouter r = lan.host("r1").attach("eth0", "inside", "192.0.2.1")
                .attach("eth1", "outside", "198.51.100.1").start(b);
        lan.runFor(t.masterDown(50).multipliedBy(2));
        r.resign(leader);
        lan.runFor(t.masterDown(50).multipliedBy(2));

        List<StateChange> all = lan.transitions();
        assertTrue(all.stream().anyMatch(c -> c.reason().toString().startsWith("sync group G: " + leader + " became MASTER")
                || c.reason().toString().startsWith("sync group G: " + leader + " became BACKUP")), "the group forced a member: " + all);
        for (int i = 0; i < all.size(); i++) {
            StateChange c = all.get(i);
            if (!c.reason().toString().startsWith("sync group G: ")) {
                continue;
            }
            String[] cause = c.reason().toString().substring("sync group G: ".length()).split(" became ");
            boolean causeBefore = all.subList(0, i).stream()
                    .anyMatch(e -> e.instance().equals(cause[0]) && e.to().name().equals(cause[1]));
            assertTrue(causeBefore, t + ": " + c + " delivered before its cause; order " + all);
        }
        for (int i = 1; i < all.size(); i++) {
            assertTrue(all.get(i).sequence() > all.get(i - 1).sequence(), "sequence numbers rise: " + all);
        }
        assertEquals(all, delivered, "the listener sees the same order");
    }

    // Remove only what this router added: an owner's VIP that is the interface's own address was never
    // added, so FAULT, losing to another owner and stop must leave it; its other VIPs come and go.
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.vrrp.protocol.Timing#all")
    void leavingMasterRemovesOnlyAddressesThisRouterAdded(Timing t) {
        String own = "192.0.2.1";
        String extra = "192.0.2.200";
        SimulatedRouter owner = start("a", own, t.apply(VrrpRouter.builder().interfaceName("eth0").virtualRouterId(51)
                .priority(255).vip(own + "/24").vip(extra + "/24")));
        assertEquals(VrrpState.MASTER, owner.state());
        assertEquals(List.of("a"), lan.hostsHolding(extra), "the owner adds its other VIP");
        assertTrue(owner.host().addresses().stream().noneMatch(v -> v.address().getHostAddress().equals(own)),
                "it does not add its interface's own address: " + owner.host().addresses());

        lan.setLink("a", "eth0", false);
        lan.runFor(t.interval());
        assertEquals(VrrpState.FAULT, owner.state());
        assertEquals(List.of("a"), lan.hostsHolding(own), "FAULT left the interface's own address");
        assertEquals(List.of(), lan.hostsHolding(extra), "FAULT removed the VIP it had added");
        lan.setLink("a", "eth0", true);
        lan.runFor(t.interval());
        assertEquals(VrrpState.MASTER, owner.state());

        SimulatedRouter otherOwner = start("c", "192.0.2.3", t.apply(VrrpRouter.builder().interfaceName("eth0")
                .virtualRouterId(51).priority(255).vip(own + "/24").vip(extra + "/24")));
        assertTrue(lan.runUntil(() -> owner.state() == VrrpState.BACKUP, t.interval().multipliedBy(2)),
                "equal priority 255 from the higher address wins; seed " + lan.seed());
        assertTrue(lan.hostsHolding(own).contains("a"), "losing to another owner left the interface's own address");
        assertEquals(List.of("c"), lan.hostsHolding(extra));
        otherOwner.close();
        assertTrue(lan.runUntil(() -> owner.state() == VrrpState.MASTER, t.masterDown(255)), "seed " + lan.seed());

        owner.close();
        assertEquals(List.of("a"), lan.hostsHolding(own), "stop left the interface's own address");
        assertEquals(List.of(), lan.hostsHolding(extra));
    }

    // The engine's half of the same rule: an address the host had before (a secondary address the
    // administrator put there, which an owner lists as its VIP) was not added by us, so stays on stop.
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.vrrp.protocol.Timing#all")
    void stopLeavesAnOwnersVipThatTheHostAlreadyHad(Timing t) {
        SimulatedHost host = lan.host("a").attach("eth0", "lan", "192.0.2.1");
        host.leaveAddress("192.0.2.50", 24, "eth0");
        SimulatedRouter owner = host.start(t.apply(VrrpRouter.builder().interfaceName("eth0").virtualRouterId(51)
                .priority(255).vip("192.0.2.50/24").vip(VIP + "/24")));
        assertEquals(VrrpState.MASTER, owner.state());
        owner.close();
        assertEquals(List.of("a"), lan.hostsHolding("192.0.2.50"), "not ours to remove");
        assertEquals(List.of(), lan.hostsHolding(VIP), "ours: removed");
    }

    /** A polled check run every advert interval that fails {@code fall} times before it counts, as a user might set it. */
    private static HealthCheckSpec neverPasses(Timing t, int weight) {
        return HealthCheckSpec.polled("app", () -> false).withInterval(t.interval()).withFall(5).withWeight(weight);
    }

    // keepalived vrrp_script: a check starts not yet known, runs at once, and its first result counts
    // whatever fall is; a weight-0 check that is not yet known keeps the instance out of MASTER. So a
    // check failing from the start never lets the instance win and then fall to FAULT (no VIP flap).
    @ParameterizedTest(name = "{0}, priority {1}")
    @MethodSource("timingsAndPriorities")
    void aWeightZeroCheckThatNeverPassesKeepsTheInstanceOutOfMasterFromTheStart(Timing t, int priority) {
        SimulatedRouter a = start("a", "192.0.2.1", router(t, priority).healthCheck(neverPasses(t, 0)));
        lan.runFor(t.masterDown(priority).multipliedBy(4));
        assertEquals(List.of(), lan.transitions().stream().filter(c -> c.to() == VrrpState.MASTER).toList(),
                t + ": never MASTER; transitions " + lan.transitions());
        assertEquals(VrrpState.FAULT, a.state());
        assertEquals(List.of(), a.host().announcements(), "the VIP was never announced");
        assertEquals(List.of(), lan.hostsHolding(VIP));
    }

    // A positive weight is added only after a success: a +60 check that never passed is not advertised.
    @ParameterizedTest(name = "{0}, priority {1}")
    @MethodSource("timingsAndPriorities")
    void aPositiveWeightIsAddedOnlyAfterTheCheckHasPassed(Timing t, int priority) {
        SimulatedRouter a = start("a", "192.0.2.1", router(t, priority).healthCheck(neverPasses(t, 60)));
        SimulatedRouter b = start("b", "192.0.2.2", router(t, priority + 50));
        assertEquals(priority, a.stats().instances().get(0).effectivePriority(), "not yet known: no +60");
        lan.runFor(t.masterDown(priority).multipliedBy(4));
        assertEquals(priority, a.stats().instances().get(0).effectivePriority(), "failed: no +60");
        assertEquals(List.of(), lan.transitions().stream()
                .filter(c -> c.to() == VrrpState.MASTER && c.priority() == priority + 60).toList(),
                "priority " + (priority + 60) + " was never claimed: " + lan.transitions());
        assertEquals(VrrpState.BACKUP, a.state());
        assertEquals(VrrpState.MASTER, b.state());
        assertEquals(List.of(), a.host().announcements(), "a never took the VIP");
    }

    // The first result counts whatever rise is: a check that passes at once adds its weight at once,
    // and a weight-0 one lets the instance out of FAULT at once.
    @ParameterizedTest(name = "{0}, priority {1}")
    @MethodSource("timingsAndPriorities")
    void aChecksFirstResultCountsWhateverRiseIs(Timing t, int priority) {
        SimulatedRouter a = start("a", "192.0.2.1", router(t, priority)
                .healthCheck(HealthCheckSpec.polled("up", () -> true).withInterval(t.interval()).withRise(5).withWeight(0))
                .healthCheck(HealthCheckSpec.polled("bonus", () -> true).withInterval(t.interval()).withRise(5)
                        .withWeight(40)));
        lan.runFor(Duration.ofMillis(1));
        assertEquals(VrrpState.BACKUP, a.state(), "out of FAULT on the first success");
        assertEquals(Math.min(254, priority + 40), a.stats().instances().get(0).effectivePriority(),
                "+40 on the first success");
    }

    // A reload that changes a check's fall or rise keeps what the check is known to be: a master whose
    // weight-0 check passes does not drop to FAULT (keepalived's reload does not reset scripts either).
    @ParameterizedTest(name = "{0}, priority {1}")
    @MethodSource("timingsAndPriorities")
    void reloadKeepsAKnownCheckKnownWhenItsFallOrRiseChange(Timing t, int priority) {
        HealthCheckSpec up = HealthCheckSpec.polled("up", () -> true).withInterval(t.interval());
        SimulatedRouter a = start("a", "192.0.2.1", router(t, priority).healthCheck(up));
        lan.runFor(t.masterDown(priority).multipliedBy(2));
        assertEquals(VrrpState.MASTER, a.state());
        int before = lan.transitions().size();
        a.reload(router(t, priority).healthCheck(up.withFall(3).withRise(4)));
        lan.runFor(t.interval().multipliedBy(3));
        assertEquals(VrrpState.MASTER, a.state());
        assertEquals(before, lan.transitions().size(), "no transition on reload: " + lan.transitions());
    }
}
