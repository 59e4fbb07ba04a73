package org.vrrp.examples.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The comparison without namespaces, on made-up timelines: it passes when ours behaves like keepalived
 * and fails on each kind of difference, so the differential IT cannot pass by comparing nothing.
 */
class ComparisonTest {
    private static final String VIP = "192.0.2.254";
    private static final long FAULT = 10_000_000;

    /** a holds the VIP, SIGTERM at FAULT, a removes it at once, b adds it {@code takeoverMillis} later. */
    private static Runner.Result graceful(boolean ours, long takeoverMillis, String... extra) {
        List<AddressMonitor.Event> events = new ArrayList<>(List.of(
                new AddressMonitor.Event(1_000_000, "a", VIP, true),
                new AddressMonitor.Event(FAULT + 2_000, "a", VIP, false),
                new AddressMonitor.Event(FAULT + takeoverMillis * 1000, "b", VIP, true)));
        long t = FAULT + takeoverMillis * 1000;
        for (String router : extra) { // each extra router takes the VIP back, one second apart
            t += 1_000_000;
            events.add(new AddressMonitor.Event(t, "b", VIP, false));
            events.add(new AddressMonitor.Event(t + 1_000, router, VIP, true));
        }
        return new Runner.Result(ours, new Timeline(events, List.of(), List.of(), Map.of(), List.of(FAULT),
                FAULT + 8_000_000), Map.of("b", ""));
    }

    private static Scenario.Builder scenario() {
        return Scenario.named("test", "made-up")
                .router(RouterSpec.on("a", "", "MASTER")).router(RouterSpec.on("b", "", "BACKUP"))
                .role("b").vip(VIP).fault(Fault.at(1_000, Fault.Kind.TERM, "a"));
    }

    @Test
    void theSameTimelineWithinToleranceAgrees() {
        Comparison c = Comparison.of(scenario().keepalivedHolders("a b"), graceful(false, 414), graceful(true, 480));
        assertTrue(c.passed(), c.report());
        assertEquals("a b", c.keepalived().timeline().holders(VIP));
    }

    @Test
    void aTakeoverLaterThanTheToleranceFails() {
        // v2 at 3 s with the skew scaled by the interval: 3 x 414 ms instead of 414 ms.
        Comparison c = Comparison.of(scenario().keepalivedHolders("a b"), graceful(false, 414), graceful(true, 1_242));
        assertFalse(c.passed());
        assertTrue(c.failures().get(0).contains("later by 828 ms, tolerance 100 ms"), c.report());
    }

    @Test
    void anotherHolderSequenceFails() {
        Comparison c = Comparison.of(scenario().keepalivedHolders("a b"), graceful(false, 414),
                graceful(true, 414, "a"));
        assertFalse(c.passed());
        assertTrue(c.failures().get(0).contains("ours 'a b a', expected 'a b'"), c.report());
    }

    @Test
    void aScenarioThatKeepalivedDoesNotShowFailsAsTheOracle() {
        Comparison c = Comparison.of(scenario().keepalivedHolders("a b a"), graceful(false, 414), graceful(true, 414));
        assertFalse(c.passed());
        assertTrue(c.failures().get(0).startsWith("the oracle"), c.report());
    }

    @Test
    void aStatedDeviationMustBeSeen() {
        Deviation faster = new Deviation("made up: ours 300 to 400 ms earlier", null, -400, -300);
        Scenario s = scenario().deviation(faster).keepalivedHolders("a b");
        assertTrue(Comparison.of(s, graceful(false, 800), graceful(true, 450)).passed());
        Comparison same = Comparison.of(s, graceful(false, 800), graceful(true, 800));
        assertFalse(same.passed(), "a deviation that does not show fails");
        assertTrue(same.failures().get(0).contains("the deviation (made up"), same.report());
    }

    @Test
    void aHandoverOverlapShorterThanTheDwellIsNoHolderButAStaleVipIs() {
        List<AddressMonitor.Event> events = List.of(
                new AddressMonitor.Event(1_000_000, "a", VIP, true),
                new AddressMonitor.Event(FAULT + 3_000_000, "b", VIP, true),
                new AddressMonitor.Event(FAULT + 3_010_000, "a", VIP, false));
        Timeline handover = new Timeline(events, List.of(), List.of(), Map.of(), List.of(FAULT), FAULT + 5_000_000);
        assertEquals("a b", handover.holders(VIP));
        assertEquals(3_000.0, handover.takeoverMillis(VIP, 0));
        Timeline killed = new Timeline(events.subList(0, 2), List.of(), List.of(), Map.of(), List.of(FAULT),
                FAULT + 5_000_000);
        assertEquals("a a+b", killed.holders(VIP), "kill -9 leaves the VIP on a: both hold it");
    }

    /** a (master, 200) hears b's lower advert 100 ms after the heal at FAULT and answers {@code answerMillis} later. */
    private static Runner.Result reassert(boolean ours, long answerMillis) {
        List<AddressMonitor.Event> events = List.of(new AddressMonitor.Event(1_000_000, "a", VIP, true));
        long lower = FAULT + 100_000;
        List<org.vrrp.examples.hardening.WireAdverts.Advert> adverts = List.of(
                new org.vrrp.examples.hardening.WireAdverts.Advert(2_000_000, "192.0.2.1", 51, 200),
                new org.vrrp.examples.hardening.WireAdverts.Advert(lower, "192.0.2.2", 51, 150),
                new org.vrrp.examples.hardening.WireAdverts.Advert(lower + answerMillis * 1000, "192.0.2.1", 51, 200));
        return new Runner.Result(ours, new Timeline(events, List.of(), adverts,
                Map.of("192.0.2.1", "a", "192.0.2.2", "b"), List.of(FAULT), FAULT + 3_000_000), Map.of("a", ""));
    }

    @Test
    void aMasterThatDoesNotAnswerALowerAdvertAtOnceFails() {
        Scenario s = Scenario.named("test", "made-up").router(RouterSpec.on("a", "", "MASTER"))
                .router(RouterSpec.on("b", "", "BACKUP")).role("a").vip(VIP)
                .fault(Fault.at(1_000, Fault.Kind.TERM, "b").unmeasured()).reassertAfter(0).keepalivedHolders("a");
        assertTrue(Comparison.of(s, reassert(false, 1), reassert(true, 2)).passed());
        Comparison late = Comparison.of(s, reassert(false, 1), reassert(true, 700));
        assertFalse(late.passed(), "waiting for the next periodic advert is not a reassert");
        assertTrue(late.failures().get(0).contains("a answered a lower-priority advert after 700 ms, keepalived"
                + " after 1 ms"), late.report());
    }
}
