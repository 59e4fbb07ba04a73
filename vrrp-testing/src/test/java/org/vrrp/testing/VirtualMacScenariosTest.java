package org.vrrp.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vrrp.VirtualMac;
import org.vrrp.VrrpRouter;
import org.vrrp.VrrpState;

/**
 * Virtual MAC on a simulated LAN (virtual time): the macvlan is active exactly while its instance is MASTER, it
 * comes up before the VIPs are added and goes down only after they are removed, the VIPs live on it, and it is
 * removed on close. The builder's rules: default name, VIPs moved, options refused without virtualMac(true).
 */
class VirtualMacScenariosTest {
    private static final String VIP = "192.0.2.254";
    private final SimulatedLan lan = new SimulatedLan(17);

    private SimulatedRouter start(String host, String address, int priority) {
        return lan.host(host).attach("eth0", "lan", address)
                .start(TestRouters.router(priority, VIP + "/24").virtualMac(true));
    }

    @Test
    void activeExactlyWhileMasterAroundItsVipsAndRemovedOnClose() {
        SimulatedRouter a = start("a", "192.0.2.1", 150);
        SimulatedRouter b = start("b", "192.0.2.2", 100);
        assertTrue(lan.runUntil(() -> a.state() == VrrpState.MASTER, Duration.ofSeconds(10)), "seed " + lan.seed());
        lan.runFor(Duration.ofSeconds(3));
        assertEquals(true, lan.host("a").virtualMacActive("vrrp.51"));
        assertEquals(false, lan.host("b").virtualMacActive("vrrp.51"), "a backup's macvlan is inactive");
        assertEquals(List.of("create vrrp.51", "activate vrrp.51", "add 192.0.2.254 vrrp.51"),
                lan.host("a").virtualMacEvents(), "active before the VIP is added on it");
        assertEquals(List.of("create vrrp.51"), lan.host("b").virtualMacEvents());

        a.close();
        assertTrue(lan.runUntil(() -> b.state() == VrrpState.MASTER, Duration.ofSeconds(2)), "seed " + lan.seed());
        assertEquals(List.of("create vrrp.51", "activate vrrp.51", "add 192.0.2.254 vrrp.51",
                "del 192.0.2.254 vrrp.51", "deactivate vrrp.51", "remove vrrp.51"), lan.host("a").virtualMacEvents(),
                "on close: VIP off, then inactive, then removed");
        assertNull(lan.host("a").virtualMacActive("vrrp.51"));
        assertEquals(true, lan.host("b").virtualMacActive("vrrp.51"));
        b.close();
    }

    @Test
    void aBackupThatHearsAHigherPriorityGoesInactive() {
        SimulatedRouter b = start("b", "192.0.2.2", 100);
        assertTrue(lan.runUntil(() -> b.state() == VrrpState.MASTER, Duration.ofSeconds(10)), "seed " + lan.seed());
        SimulatedRouter a = start("a", "192.0.2.1", 150);
        assertTrue(lan.runUntil(() -> a.state() == VrrpState.MASTER && b.state() == VrrpState.BACKUP,
                Duration.ofSeconds(10)), "seed " + lan.seed());
        lan.runFor(Duration.ofSeconds(1));
        assertEquals(false, lan.host("b").virtualMacActive("vrrp.51"), "preempted: inactive");
        assertEquals(true, lan.host("a").virtualMacActive("vrrp.51"));
        List<String> events = lan.host("b").virtualMacEvents();
        assertEquals(List.of("del 192.0.2.254 vrrp.51", "deactivate vrrp.51"),
                events.subList(events.size() - 2, events.size()), "VIP off before the MAC goes inactive");
        a.close();
        b.close();
    }

    @Test
    void builderRules() {
        VrrpRouter.Builder plain = TestRouters.router(100, VIP + "/24").virtualMac(true);
        assertEquals(new VirtualMac("vrrp.51", false), plain.build().instances().get(0).virtualMac());
        assertEquals("vrrp.51", plain.build().instances().get(0).protocol().vips().get(0).device());
        VrrpRouter.Builder named = TestRouters.router(100, VIP + "/24").virtualMac(true).virtualMacName("gw0")
                .vmacTransmitBase(true);
        assertEquals(new VirtualMac("gw0", true), named.build().instances().get(0).virtualMac());
        IllegalArgumentException without = assertThrows(IllegalArgumentException.class,
                () -> TestRouters.router(100, VIP + "/24").virtualMacName("gw0").build());
        assertTrue(without.getMessage().contains("virtualMacName(\"gw0\") without virtualMac(true)"),
                without.getMessage());
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> TestRouters.router(100, VIP + "/24").virtualMac(true).virtualMacName("a-very-long-name0").build());
        assertTrue(tooLong.getMessage().contains("virtualMacName \"a-very-long-name0\""), tooLong.getMessage());
        assertNull(TestRouters.router(100, VIP + "/24").build().instances().get(0).virtualMac());
    }
}
