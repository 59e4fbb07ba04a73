package org.vrrp.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vrrp.VrrpRouter;
import org.vrrp.VrrpState;

/**
 * Many seeds of loss, delay, partitions (one- and two-way) and crashes; after healing, the invariants
 * must hold: one master, the highest-priority live router (preempt is on), the VIP on it alone. A
 * failure names its seed; rerun one with {@code -Dvrrp.seed=N}.
 */
class RandomizedInvariantsTest {
    private static final String VIP = "192.0.2.254";

    @Test
    void afterAnyLossAndPartitionsHealOneMasterTheHighestPriorityHoldsTheVip() {
        Seeds.forEach(1000, this::runOneSeed);
    }

    private void runOneSeed(long seed) {
        Random rnd = new Random(seed);
        SimulatedLan lan = new SimulatedLan(seed);
        int routers = 2 + rnd.nextInt(3);
        int version = rnd.nextBoolean() ? 2 : 3;
        Duration interval = version == 2 ? Duration.ofSeconds(1) : Duration.ofMillis(10L * (5 + rnd.nextInt(96)));
        List<SimulatedRouter> all = new ArrayList<>();
        List<Integer> priorities = Seeds.distinctPriorities(rnd, routers);
        for (int i = 0; i < routers; i++) {
            int priority = priorities.get(i);
            all.add(lan.host("r" + i).attach("eth0", "lan", "192.0.2." + (i + 1)).start(VrrpRouter.builder()
                    .interfaceName("eth0").virtualRouterId(51).priority(priority).version(version)
                    .advertisementInterval(interval).vip(VIP + "/24")));
        }
        lan.delay(Duration.ZERO, Duration.ofMillis(rnd.nextInt(20)));
        int crashed = -1;
        for (int round = 0; round < 10; round++) {
            lan.lossRate(rnd.nextDouble() * 0.3);
            int a = rnd.nextInt(routers);
            int b = rnd.nextInt(routers);
            if (a != b) {
                if (rnd.nextBoolean()) {
                    lan.partition("r" + a, "r" + b);
                } else {
                    lan.partitionOneWay("r" + a, "r" + b);
                }
            }
            if (crashed < 0 && routers > 2 && rnd.nextInt(10) == 0) {
                crashed = rnd.nextInt(routers);
                all.get(crashed).close();
            }
            lan.runFor(Duration.ofMillis(rnd.nextInt(5000)));
            if (rnd.nextBoolean()) {
                lan.heal();
            }
        }
        lan.heal();
        lan.lossRate(0);
        // Long enough for any backup's Master_Down_Interval and a preempting takeover.
        lan.runFor(interval.multipliedBy(10));
        int best = Seeds.highestExcept(priorities, crashed);
        List<String> masters = lan.mastersOf("VI_51");
        assertEquals(List.of("r" + best), masters, "masters with priorities " + priorities + ", closed r" + crashed);
        assertEquals(List.of("r" + best), lan.hostsHolding(VIP), "VIP holders");
        for (int i = 0; i < routers; i++) {
            if (i != best && i != crashed) {
                assertEquals(VrrpState.BACKUP, all.get(i).state(), "r" + i);
            }
        }
    }
}
