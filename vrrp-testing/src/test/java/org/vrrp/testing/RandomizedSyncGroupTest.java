package org.vrrp.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vrrp.VrrpRouter;

/**
 * Routers between two segments with a sync group, under random loss, delay, partitions, carrier
 * flaps and crashes. Once everything heals: each instance has one master, the same router for both
 * instances, and it is the highest-priority live router (preempt is on). A failure names its seed;
 * rerun one with {@code -Dvrrp.seed=N}.
 */
class RandomizedSyncGroupTest {
    @Test
    void afterAnyFaultsHealBothInstancesHaveTheSameSingleMasterTheHighestPriority() {
        Seeds.forEach(300, this::runOneSeed);
    }

    private void runOneSeed(long seed) {
        Random rnd = new Random(seed);
        SimulatedLan lan = new SimulatedLan(seed);
        int routers = 2 + rnd.nextInt(2);
        List<SimulatedRouter> all = new ArrayList<>();
        List<Integer> priorities = Seeds.distinctPriorities(rnd, routers);
        for (int i = 0; i < routers; i++) {
            int priority = priorities.get(i);
            VrrpRouter.Builder b = VrrpRouter.builder().priority(priority)
                    .instance("IN", x -> x.interfaceName("eth0").virtualRouterId(10).vip("192.0.2.254/24"))
                    .instance("OUT", x -> x.interfaceName("eth1").virtualRouterId(20).vip("198.51.100.254/24"))
                    .syncGroup("G", "IN", "OUT");
            all.add(lan.host("r" + i).attach("eth0", "inside", "192.0.2." + (i + 1))
                    .attach("eth1", "outside", "198.51.100." + (i + 1)).start(b));
        }
        lan.delay(Duration.ZERO, Duration.ofMillis(rnd.nextInt(40)));
        int crashed = -1;
        for (int round = 0; round < 8; round++) {
            lan.lossRate(rnd.nextDouble() * 0.3);
            int a = rnd.nextInt(routers);
            int b = rnd.nextInt(routers);
            switch (rnd.nextInt(4)) {
                case 0 -> {
                    if (a != b) {
                        lan.partition("r" + a, "r" + b);
                    }
                }
                case 1 -> {
                    if (a != b) {
                        lan.partitionOneWay("r" + a, "r" + b);
                    }
                }
                case 2 -> lan.setLink("r" + a, rnd.nextBoolean() ? "eth0" : "eth1", false);
                default -> {
                    if (crashed < 0 && routers > 2) {
                        crashed = a;
                        if (rnd.nextBoolean()) {
                            all.get(a).crash();
                        } else {
                            all.get(a).close();
                        }
                    }
                }
            }
            lan.runFor(Duration.ofMillis(rnd.nextInt(6000)));
            if (rnd.nextBoolean()) {
                lan.heal();
                for (int i = 0; i < routers; i++) {
                    lan.setLink("r" + i, "eth0", true);
                    lan.setLink("r" + i, "eth1", true);
                }
            }
        }
        lan.heal();
        lan.lossRate(0);
        for (int i = 0; i < routers; i++) {
            lan.setLink("r" + i, "eth0", true);
            lan.setLink("r" + i, "eth1", true);
        }
        lan.runFor(Duration.ofSeconds(15));
        int best = Seeds.highestExcept(priorities, crashed);
        String context = "priorities " + priorities + ", stopped r" + crashed;
        assertEquals(List.of("r" + best), lan.mastersOf("IN"), "IN masters; " + context);
        assertEquals(List.of("r" + best), lan.mastersOf("OUT"), "OUT masters; " + context);
        // A crashed router (kill -9) leaves its VIPs behind on its own host, as a real one would.
        String stopped = "r" + crashed;
        assertEquals(List.of("r" + best), lan.hostsHolding("192.0.2.254").stream().filter(h -> !h.equals(stopped))
                .toList(), "IN VIP holders; " + context);
        assertEquals(List.of("r" + best), lan.hostsHolding("198.51.100.254").stream().filter(h -> !h.equals(stopped))
                .toList(), "OUT VIP holders; " + context);
    }

}
