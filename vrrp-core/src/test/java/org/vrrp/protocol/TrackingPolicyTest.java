package org.vrrp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vrrp.HealthCheckSpec;
import org.vrrp.Reason;
import org.vrrp.spi.VirtualAddress;

/** The tracking policy on its own: links, health checks with fall/rise and weights, FAULT and its reasons. */
class TrackingPolicyTest {
    private static final HealthCheckSpec POLLED = HealthCheckSpec.polled("db", () -> true);
    private static final HealthCheckSpec PUSHED = HealthCheckSpec.pushed("app");

    private static Map<String, Integer> checks(Object... nameWeight) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < nameWeight.length; i += 2) {
            m.put((String) nameWeight[i], (Integer) nameWeight[i + 1]);
        }
        return m;
    }

    @Test
    void nothingTrackedIsTheBasePriorityWithoutFault() {
        TrackingPolicy policy = new TrackingPolicy(List.of());
        TrackingPolicy.Verdict v = policy.evaluate(List.of("eth0"), Map.of(), 150, null);
        assertEquals(new TrackingPolicy.Verdict(150, new Reason.PrioritySet(150), null), v);
    }

    @Test
    void aLinkWithoutCarrierIsAFaultAndItsReturnClearsItAsLinkUp() {
        TrackingPolicy policy = new TrackingPolicy(List.of());
        assertTrue(policy.linkChanged("eth0", true), "first report");
        assertFalse(policy.linkChanged("eth0", true), "no change");
        assertTrue(policy.linkChanged("eth1", false));
        TrackingPolicy.Verdict down = policy.evaluate(List.of("eth0", "eth1"), Map.of(), 100, null);
        assertEquals(new Reason.LinkDown("eth1"), down.fault());
        assertEquals("link eth1 lost carrier", down.fault().toString());

        assertTrue(policy.linkChanged("eth1", true));
        TrackingPolicy.Verdict up = policy.evaluate(List.of("eth0", "eth1"), Map.of(), 100, null);
        assertNull(up.fault());
        Input.FaultChanged cleared = TrackingPolicy.faultInput(down.fault(), up.fault());
        assertEquals(new Input.FaultChanged(false, new Reason.LinkUp("eth1")), cleared);
        assertEquals("link eth1 carrier back", cleared.reason().toString());
    }

    @Test
    void anUnreportedLinkCountsAsUp() {
        TrackingPolicy policy = new TrackingPolicy(List.of());
        assertNull(policy.evaluate(List.of("eth9"), Map.of(), 100, null).fault());
        assertFalse(policy.watchesLink("eth9"));
    }

    @Test
    void aPolledWeightZeroCheckHoldsFaultUntilItsFirstRunThenClearsAsPassedItsFirstRun() {
        TrackingPolicy policy = new TrackingPolicy(List.of(POLLED));
        TrackingPolicy.Verdict before = policy.evaluate(List.of(), checks("db", 0), 100, null);
        assertEquals(new Reason.HealthNotYetKnown("db"), before.fault());
        assertEquals("health check db has not run yet", before.fault().toString());

        assertEquals(new Reason.HealthFirstRunPassed("db"), policy.healthResult("db", true, false));
        TrackingPolicy.Verdict after = policy.evaluate(List.of(), checks("db", 0), 100, null);
        assertNull(after.fault());
        assertEquals("health check db passed its first run",
                TrackingPolicy.faultInput(before.fault(), after.fault()).reason().toString());
    }

    @Test
    void fallCountsFailuresInARowAndRiseSuccessesBeforeTheStatusFlips() {
        TrackingPolicy policy = new TrackingPolicy(List.of(POLLED.withFall(2).withRise(3)));
        assertEquals(new Reason.HealthFirstRunPassed("db"), policy.healthResult("db", true, false));
        assertNull(policy.healthResult("db", false, false), "1 of fall 2");
        assertNull(policy.healthResult("db", true, false), "a success resets the streak");
        assertNull(policy.healthResult("db", false, false));
        Reason failed = policy.healthResult("db", false, false);
        assertEquals(new Reason.HealthFailed("db", 2), failed);
        assertEquals("health check db failed 2 times", failed.toString());
        assertNull(policy.healthResult("db", true, false));
        assertNull(policy.healthResult("db", true, false));
        assertEquals(new Reason.HealthRecovered("db"), policy.healthResult("db", true, false), "rise 3");
    }

    @Test
    void aPushedResultActsAtOnceWhateverFallSays() {
        TrackingPolicy policy = new TrackingPolicy(List.of(PUSHED.withFall(3)));
        assertNull(policy.evaluate(List.of(), checks("app", 0), 100, null).fault(), "pushed checks start healthy");
        assertEquals(new Reason.HealthFailed("app", 3), policy.healthResult("app", false, true));
        assertEquals(new Reason.HealthFailed("app", 3), policy.evaluate(List.of(), checks("app", 0), 100, null).fault());
    }

    @Test
    void weightsAddWhileHealthySubtractWhileFailingAndClampTo1Through254() {
        TrackingPolicy policy = new TrackingPolicy(List.of(HealthCheckSpec.pushed("up"), HealthCheckSpec.pushed("down")));
        Map<String, Integer> tracked = checks("up", 30, "down", -50);
        assertEquals(230, policy.evaluate(List.of(), tracked, 200, null).priority(), "down is healthy: no minus");
        assertEquals(254, policy.evaluate(List.of(), tracked, 240, null).priority(), "clamped");
        policy.healthResult("down", false, true);
        TrackingPolicy.Verdict v = policy.evaluate(List.of(), tracked, 200, null);
        assertEquals(180, v.priority());
        assertEquals(new Reason.HealthFailed("down", 1), v.priorityReason(), "the last change names the priority");
        assertNull(v.fault(), "a weighted check is no fault");
        assertEquals(-50, policy.contribution("down", -50));
        assertEquals(30, policy.contribution("up", 30));
        assertEquals(1, policy.evaluate(List.of(), checks("down", -50), 20, null).priority(), "clamped");
        assertEquals(255, policy.evaluate(List.of(), tracked, 255, null).priority(), "the owner is never weighted");
    }

    @Test
    void aLinkFaultIsNamedBeforeACheckFaultAndAVipFaultOnlyWhenNothingElse() throws Exception {
        TrackingPolicy policy = new TrackingPolicy(List.of(POLLED));
        VirtualAddress vip = new VirtualAddress(InetAddress.getByName("192.0.2.9"), 24, "eth0");
        Reason.VipNotAdded vipFault = new Reason.VipNotAdded(vip, "Operation not permitted");
        assertEquals(new Reason.HealthNotYetKnown("db"),
                policy.evaluate(List.of(), checks("db", 0), 100, vipFault).fault());
        policy.linkChanged("eth0", false);
        assertEquals(new Reason.LinkDown("eth0"), policy.evaluate(List.of("eth0"), checks("db", 0), 100, vipFault).fault());
        policy.linkChanged("eth0", true);
        policy.healthResult("db", true, false);
        TrackingPolicy.Verdict v = policy.evaluate(List.of("eth0"), checks("db", 0), 100, vipFault);
        assertEquals(vipFault, v.fault());
        assertEquals("could not add 192.0.2.9/24 dev eth0: Operation not permitted", v.fault().toString());
        assertEquals("retrying to add the VIPs", TrackingPolicy.faultInput(vipFault, null).reason().toString());
    }

    @Test
    void faultInputRaisesClearsOrSaysNothing() {
        Reason.Fault down = new Reason.LinkDown("eth0");
        assertEquals(Input.FaultChanged.raised(down), TrackingPolicy.faultInput(null, down));
        assertEquals(Input.FaultChanged.raised(down), TrackingPolicy.faultInput(new Reason.HealthFailed("x", 1), down));
        assertEquals(new Input.FaultChanged(false, new Reason.HealthRecovered("x")),
                TrackingPolicy.faultInput(new Reason.HealthFailed("x", 1), null));
        assertNull(TrackingPolicy.faultInput(null, null));
    }

    @Test
    void aReloadKeepsWhatAKnownCheckIsAndStartsANewOneUnknown() {
        TrackingPolicy policy = new TrackingPolicy(List.of(POLLED));
        policy.healthResult("db", true, false);
        policy.reconfigure(List.of(POLLED.withFall(5).withInterval(Duration.ofSeconds(2)),
                HealthCheckSpec.polled("cache", () -> true)));
        assertNull(policy.evaluate(List.of(), checks("db", 0), 100, null).fault(), "db stays healthy");
        assertEquals(new Reason.HealthNotYetKnown("cache"),
                policy.evaluate(List.of(), checks("db", 0, "cache", 0), 100, null).fault());
        assertEquals(List.of("db", "cache"), List.copyOf(policy.checkNames()));
    }

    @Test
    void anUnknownCheckIsRefusedWithTheDeclaredNames() {
        TrackingPolicy policy = new TrackingPolicy(List.of(POLLED));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> policy.healthResult("nope", true, false));
        assertEquals("no health check named \"nope\"; declared: [db]", e.getMessage());
    }
}
