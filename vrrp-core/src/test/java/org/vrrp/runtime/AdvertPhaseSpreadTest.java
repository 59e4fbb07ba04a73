package org.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.vrrp.LowerPriorityAdvert;
import org.vrrp.StateChange;
import org.vrrp.VrrpRouter;
import org.vrrp.VrrpState;
import org.vrrp.packet.AddressFamily;
import org.vrrp.spi.PacketHandler;
import org.vrrp.spi.VrrpChannel;

/**
 * Many instances of one router that become master together: their adverts are spread over the interval, a few
 * per wake-up, not sent in one burst. A real {@link RouterEngine} on a virtual clock, driven as the protocol
 * loop does (to the next deadline, run the timers due).
 */
class AdvertPhaseSpreadTest {
    private static final long INTERVAL_NANOS = 100_000_000L;
    private static final int INSTANCES = 250;

    private long now = 5_000_000_000L;
    /** Per VRID, the times its adverts were sent. */
    private final Map<Integer, List<Long>> sentByVrid = new HashMap<>();
    /** Per send time, how many adverts went out then. */
    private final TreeMap<Long, Integer> burstSizes = new TreeMap<>();

    @Test
    void twoHundredFiftyMastersStartedTogetherSendAShareAtATimeAndEachOnAFixedCadence() throws Exception {
        RouterEngine engine = startAllMaster();
        long start = now;
        long end = start + 10 * INTERVAL_NANOS;
        while (engine.nextDeadlineNanos() <= end) {
            now = engine.nextDeadlineNanos();
            engine.onTimeout(now);
        }

        assertEquals(INSTANCES, sentByVrid.size());
        for (Map.Entry<Integer, List<Long>> e : sentByVrid.entrySet()) {
            List<Long> times = e.getValue();
            assertEquals(start, times.get(0), "VRID " + e.getKey() + " advertises at once on becoming master");
            long first = times.get(1) - times.get(0);
            assertTrue(first > 0 && first <= INTERVAL_NANOS, "VRID " + e.getKey() + ": first interval " + first
                    + " ns, never longer than the advert interval");
            for (int i = 2; i < times.size(); i++) {
                assertEquals(INTERVAL_NANOS, times.get(i) - times.get(i - 1), "VRID " + e.getKey() + " interval " + i);
            }
        }
        // Steady state (after the first interval): 250 over 20 phases 5 ms apart, 12 or 13 at a time.
        Map<Long, Integer> steady = burstSizes.tailMap(start + INTERVAL_NANOS, true);
        int largest = steady.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        assertEquals(13, largest, "adverts sent at one instant: " + steady.values());
        long timesInOneInterval = steady.keySet().stream().filter(t -> t < start + 2 * INTERVAL_NANOS).count();
        assertEquals(20, timesInOneInterval, "distinct send times in one interval");
    }

    private RouterEngine startAllMaster() throws Exception {
        VrrpRouter.Builder b = VrrpRouter.builder().priority(200).version(3).advertisementInterval(java.time.Duration.ofMillis(100))
                .initialState(VrrpState.MASTER).shutdownHook(false);
        for (int v = 1; v <= INSTANCES; v++) {
            int vrid = v;
            b.instance("V" + v, i -> i.interfaceName("eth0").virtualRouterId(vrid).vip("198.51.100." + vrid + "/32"));
        }
        RouterEngine engine = new RouterEngine(b.build(), new CountingStack(), () -> now, task -> { },
                new RouterEngine.TransitionSink() {
                    @Override
                    public void onTransition(StateChange change) {
                    }

                    @Override
                    public void onLowerPriority(LowerPriorityAdvert advert) {
                    }
                }, () -> Instant.EPOCH);
        engine.start();
        return engine;
    }

    /** A stack whose channel notes when each VRID's advert is sent. */
    private final class CountingStack extends SilentStack {
        @Override
        public VrrpChannel openChannel(String interfaceName, AddressFamily family, List<InetAddress> unicastPeers,
                                       PacketHandler handler) throws java.io.IOException {
            return new StubChannel(interfaceName, family, InetAddress.getByName("192.0.2.1"), message -> {
                int vrid = message.getUnsignedByte(message.readerIndex() + 1);
                sentByVrid.computeIfAbsent(vrid, k -> new ArrayList<>()).add(now);
                burstSizes.merge(now, 1, Integer::sum);
            });
        }
    }
}
