package org.vrrp.linux.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vrrp.VrrpRouter;
import org.vrrp.VrrpState;

/**
 * Remove only what this router added: an address owner (priority 255) whose VIP is its interface's
 * own address never added it, so leaving MASTER (FAULT on carrier loss, losing to another owner with a
 * higher address, close) must leave it in the kernel, seen with `ip -j addr`; its other VIP comes and goes.
 */
@RequiresRoot
@Timeout(90)
class AddressOwnerIT {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void leavingMasterRemovesOnlyAddressesThisRouterAdded() throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            Host c = net.addHost("c");
            String own = a.ipv4();
            String extra = "192.0.2.200";
            List<String> vips = List.of(own + "/24", extra + "/24");
            VrrpRouter.Builder owner = Routers.on(a, 51, 255, vips).version(2);
            try (VrrpRouter ra = owner.start()) {
                assertTrue(ra.state() == VrrpState.MASTER, "an owner is master at once");
                Poll.until(WAIT, "the owner to add " + extra, () -> a.address("eth0", extra).isPresent());

                net.setCarrier(a, 0, false);
                Poll.until(WAIT, "FAULT on carrier loss", () -> ra.state() == VrrpState.FAULT);
                Poll.until(WAIT, "FAULT to remove " + extra, () -> a.address("eth0", extra).isEmpty());
                assertTrue(a.address("eth0", own).isPresent(), "FAULT left " + own + ": " + a.addresses("eth0"));
                net.setCarrier(a, 0, true);
                Poll.until(WAIT, "MASTER again with carrier", () -> ra.state() == VrrpState.MASTER);

                // A second owner of the same addresses (a misconfiguration) with the higher address wins.
                try (VrrpRouter rc = Routers.on(c, 51, 255, vips).version(2).start()) {
                    Poll.until(WAIT, "the owner at " + own + " to lose to " + c.ipv4(),
                            () -> ra.state() == VrrpState.BACKUP);
                    assertTrue(a.address("eth0", own).isPresent(), "losing left " + own + ": " + a.addresses("eth0"));
                    assertTrue(a.address("eth0", extra).isEmpty(), "losing removed " + extra);
                }
                Poll.until(WAIT, "MASTER again once the other owner stopped", () -> ra.state() == VrrpState.MASTER);
            }
            assertTrue(a.address("eth0", own).isPresent(), "close left " + own + ": " + a.addresses("eth0"));
            assertTrue(a.address("eth0", extra).isEmpty(), "close removed " + extra + ": " + a.addresses("eth0"));
        }
    }
}
