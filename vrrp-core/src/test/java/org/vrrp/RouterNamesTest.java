package org.vrrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A router's name (threads, logs, the refusal of a second router for a VRID) is its instances' and unique in the JVM. */
class RouterNamesTest {
    private final MockNetwork network = new MockNetwork();

    @Test
    void twoRoutersOfTheSameInstanceNameGetTwoNamesAndClosingOneKeepsTheOthersVrid() {
        try (VrrpRouter first = network.owner().networkNamespace("ns1").start()) {
            try (VrrpRouter second = network.owner().networkNamespace("ns2").start()) {
                assertEquals("vrrp-VI_51", first.toString());
                assertEquals("vrrp-VI_51#2", second.toString());
                assertTrue(Thread.getAllStackTraces().keySet().stream()
                        .anyMatch(t -> t.getName().equals("vrrp-VI_51#2-protocol")));
            }
            // Closing the second must not have released the first's VRID in ns1 (they shared a name before).
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> network.owner().networkNamespace("ns1").start());
            assertTrue(e.getMessage().contains("is already run by router vrrp-VI_51 (instance VI_51)"), e.getMessage());
        }
    }

    @Test
    void severalInstancesAreJoinedWithPlus() {
        try (VrrpRouter router = network.owner()
                .instance("IN", i -> i.virtualRouterId(1).vip("192.0.2.10/24"))
                .instance("OUT", i -> i.virtualRouterId(2).vip("192.0.2.20/24"))
                .start()) {
            assertEquals("vrrp-IN+OUT", router.toString());
        }
    }

    /**
     * The slot of each instance names its router, and a router's name joins all its instances' names: one copy of
     * that name per slot grew as the square of the instances (1,000 instances held 9.6 MB of it, half the heap).
     */
    @Test
    void aRoutersSlotsShareOneCopyOfItsName() {
        VrrpRouter.Builder builder = network.owner();
        for (int v = 1; v <= 200; v++) {
            int vrid = v;
            builder.instance("V" + v, i -> i.virtualRouterId(vrid).vip("198.51.100." + vrid + "/32"));
        }
        try (VrrpRouter router = builder.start()) {
            java.util.List<RunningRouters.Holder> mine = RunningRouters.holders().stream()
                    .filter(h -> h.router().equals(router.toString())).toList();
            assertEquals(200, mine.size());
            String name = mine.get(0).router();
            assertTrue(mine.stream().allMatch(h -> h.router() == name), "one String for the router's name");
        }
    }
}
