package org.vrrp.linux.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vrrp.linux.it.Routers.holdsAll;
import static org.vrrp.linux.it.Routers.holdsNone;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vrrp.VrrpRouter;
import org.vrrp.VrrpState;

/**
 * Issue 13 item 2 through the kernel: a router removes only addresses that a router of this library
 * added (marked with IFA_PROTO), so the host's own address survives every path (start, FAULT, stop) for
 * an owner and a non-owner, a hand-added address equal to a VIP is never deleted, and a non-owner VIP
 * equal to an interface address is refused at start() with both named. kill -9 of an owner then a
 * restart leaves the host's address; for a non-owner the leftover VIP is removed at the next start
 * ({@link StaleVipIT}). Every check reads `ip -n NS addr`.
 */
@RequiresRoot
@Timeout(120)
class AddressOwnershipIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static VrrpRouter.Builder fast(Host host, int priority, String... vips) {
        return Routers.on(host, 51, priority, List.of(vips)).version(3).advertisementInterval(Duration.ofMillis(100));
    }

    private static boolean hostAddressIntact(Host host) {
        return host.address("eth0", host.ipv4()).map(a -> a.prefixLength() == 24).orElse(false)
                && host.address("eth0", host.ipv6()).isPresent();
    }

    @Test
    void aNonOwnerVipEqualToTheInterfaceAddressIsRefusedAtStartAndTheAddressStays() {
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> fast(a, 100, a.ipv4() + "/24").start());
            assertTrue(e.getMessage().startsWith("instance \"VI_51\": vip 192.0.2.1/24 dev eth0 is already an address of"
                    + " eth0 (192.0.2.1, which no VRRP router added"), e.getMessage());
            assertTrue(hostAddressIntact(a), "the host keeps its address: " + a.addresses("eth0"));

            a.ip("addr", "add", "192.0.2.77/24", "dev", "eth0"); // by hand, before any router
            IllegalArgumentException byHand = assertThrows(IllegalArgumentException.class,
                    () -> fast(a, 100, "192.0.2.77/24").start());
            assertTrue(byHand.getMessage().contains("vip 192.0.2.77/24 dev eth0 is already an address of eth0"),
                    byHand.getMessage());
            assertTrue(a.address("eth0", "192.0.2.77").isPresent(), "left alone: " + a.addresses("eth0"));
        }
    }

    @Test
    void anOwnerNeverRemovesTheInterfaceAddressOnFaultOrStop() {
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            try (VrrpRouter owner = fast(a, 255, a.ipv4() + "/24").start()) {
                assertEquals(VrrpState.MASTER, owner.state());
                assertTrue(hostAddressIntact(a), "start: " + a.addresses("eth0"));
                net.setCarrier(a, 0, false);
                Poll.until(WAIT, "the owner to go to FAULT on carrier loss", () -> owner.state() == VrrpState.FAULT);
                assertTrue(hostAddressIntact(a), "FAULT: " + a.addresses("eth0"));
                net.setCarrier(a, 0, true);
                Poll.until(WAIT, "the owner to be master again", () -> owner.state() == VrrpState.MASTER);
                assertTrue(hostAddressIntact(a), "back: " + a.addresses("eth0"));
            }
            assertTrue(hostAddressIntact(a), "stop: " + a.addresses("eth0"));
        }
    }

    @Test
    void anOwnerKilledWithSigkillThenRestartedLeavesTheInterfaceAddress() throws Exception {
        Path log = Files.createTempFile("vrrp-it-owner", ".log");
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            try (BackgroundProcess owner = new BackgroundProcess(a, "owner", log,
                    StaleVipIT.standaloneCommand(2, 255, List.of(a.ipv4() + "/24")))) {
                owner.awaitLog(StandaloneRouter.MASTER_LINE, WAIT);
                ProcessHandle.of(owner.pid()).orElseThrow().destroyForcibly(); // SIGKILL
                owner.awaitExit(WAIT);
            }
            assertTrue(hostAddressIntact(a), "after kill -9: " + a.addresses("eth0"));
            try (VrrpRouter restarted = Routers.on(a, 51, 255, List.of(a.ipv4() + "/24")).start()) {
                assertEquals(VrrpState.MASTER, restarted.state());
                assertTrue(hostAddressIntact(a), "restart did not take it as a leftover: " + a.addresses("eth0"));
            }
            assertTrue(hostAddressIntact(a), "stop: " + a.addresses("eth0"));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    @Test
    void aNonOwnerTakesItsVipOnAndOffAndNeverTheHostsAddress() {
        List<String> vips = List.of("192.0.2.60/24");
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            try (VrrpRouter r = fast(a, 100, "192.0.2.60/24").start()) {
                assertTrue(holdsNone(a, vips), "a backup at start holds nothing: " + a.addresses("eth0"));
                Poll.until(WAIT, "master with its VIP", () -> holdsAll(a, vips) && r.state() == VrrpState.MASTER);
                net.setCarrier(a, 0, false);
                Poll.until(WAIT, "FAULT without the VIP", () -> holdsNone(a, vips) && r.state() == VrrpState.FAULT);
                assertTrue(hostAddressIntact(a), "FAULT: " + a.addresses("eth0"));
                net.setCarrier(a, 0, true);
                Poll.until(WAIT, "master with its VIP again", () -> holdsAll(a, vips));
            }
            assertTrue(holdsNone(a, vips), "stop removed the VIP: " + a.addresses("eth0"));
            assertTrue(hostAddressIntact(a), "stop: " + a.addresses("eth0"));
        }
    }

    @Test
    void aVipSomeoneElseAddedWhileTheRouterWasBackupIsUsedButNotRemoved() {
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            Host b = net.addHost("b");
            try (VrrpRouter master = fast(b, 200, "192.0.2.60/24").start();
                 VrrpRouter backup = fast(a, 100, "192.0.2.60/24").start()) {
                Poll.until(WAIT, "b to be master", () -> master.state() == VrrpState.MASTER);
                a.ip("addr", "add", "192.0.2.60/24", "dev", "eth0"); // an operator, by hand, on the backup
                master.close();
                Poll.until(WAIT, "a to take over", () -> backup.state() == VrrpState.MASTER);
            }
            assertTrue(a.address("eth0", "192.0.2.60").isPresent(),
                    "the hand-added address survives the router's stop: " + a.addresses("eth0"));
        }
    }
}
