package org.vrrp.linux.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vrrp.linux.it.Routers.holdsAll;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vrrp.InstanceStats;
import org.vrrp.VrrpRouter;
import org.vrrp.VrrpState;

/**
 * Issue 13 item 3 in namespaces. In one JVM a second router for the same namespace, interface, VRID and
 * family is refused, naming the first, and the first keeps its VIP in the kernel. Across processes or
 * hosts, adverts for our VRID from our own source address (here: a host whose link-local address
 * duplicates ours, which is how a second router on our host looks from the wire) are counted and dropped.
 */
@RequiresRoot
@Timeout(90)
class OneRouterPerVridIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static VrrpRouter.Builder v3(Host host, int priority) {
        return Routers.on(host, 51, priority, List.of("fe80::64/64", "2001:db8::64/64")).version(3)
                .advertisementInterval(Duration.ofMillis(100));
    }

    @Test
    void aSecondRouterForTheSameVridInOneJvmIsRefusedAndTheFirstKeepsItsVips() {
        List<String> vips = List.of("fe80::64", "2001:db8::64");
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            try (VrrpRouter first = v3(a, 100).start()) {
                Poll.until(WAIT, "the first router to hold its VIPs", () -> holdsAll(a, vips));
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> v3(a, 200).start());
                assertEquals("VRID 51 on eth0 (IPV6) in network namespace " + a.namespace() + " is already run by"
                        + " router " + first + " (instance VI_51) in this JVM: two routers for one VRID would both"
                        + " become master, and closing one would remove the VIPs the other still claims. Close "
                        + first + " first, or use another virtualRouterId", e.getMessage());
                assertTrue(holdsAll(a, vips), "the refused start took nothing away: " + a.addresses("eth0"));
                assertEquals(VrrpState.MASTER, first.state());
            }
        }
    }

    @Test
    void advertsForOurVridFromOurOwnAddressAreCountedAndDropped() {
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            Host b = net.addHost("b");
            String aLinkLocal = a.addresses("eth0").stream().map(IpJson.KernelAddress::address)
                    .filter(x -> x.startsWith("fe80:")).findFirst().orElseThrow();
            b.ip("-6", "addr", "flush", "dev", "eth0", "scope", "link");
            b.ip("-6", "addr", "add", aLinkLocal + "/64", "dev", "eth0", "nodad");
            try (VrrpRouter ra = v3(a, 100).start(); VrrpRouter rb = v3(b, 200).start()) {
                InstanceStats s = Poll.until(WAIT, "a to see adverts from its own address " + aLinkLocal,
                        () -> ra.stats().instances().get(0), i -> i.ownAddressAdverts() >= 3);
                assertEquals(0, s.advertsReceived(), "none reached the protocol machine");
            }
        }
    }
}
