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
}
