package org.vrrp.linux.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vrrp.linux.it.ThreadScheduling.SCHED_OTHER;
import static org.vrrp.linux.it.ThreadScheduling.SCHED_RR;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vrrp.VrrpRouter;
import org.vrrp.VrrpState;
import org.vrrp.linux.it.ThreadScheduling.Sched;

/**
 * {@code realtimePriority} judged by the kernel: the protocol thread, and it alone, runs SCHED_RR at the asked
 * priority (/proc/self/task/TID/stat), threads it starts later (the listener thread) do not inherit it, a reload
 * to 0 returns it to SCHED_OTHER, and without the setting it stays SCHED_OTHER. The refusal for lack of
 * CAP_SYS_NICE, in a JVM of its own run by another user, is in {@link CapabilityIT}.
 */
@RequiresRoot
@Timeout(60)
class RealtimePriorityIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void theProtocolThreadAloneRunsSchedRrAtThePriorityAskedFor() throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            try (VrrpRouter router = Routers.on(a, 62, 255, List.of("192.0.2.62/24")).realtimePriority(10).start()) {
                assertTrue(router.awaitState(VrrpState.MASTER, WAIT));
                Sched protocol = ThreadScheduling.thread("self", "vrrp-VI_62-protocol");
                assertEquals("vrrp-VI_62-prot", protocol.comm(), "the kernel cuts thread names to 15 bytes");
                assertEquals(SCHED_RR, protocol.policy(), protocol.toString());
                assertEquals(10, protocol.rtPriority(), protocol.toString());
                // The listener thread is started by the protocol thread (on the first state change): not inherited.
                Sched listener = ThreadScheduling.thread("self", "vrrp-VI_62-listener");
                assertEquals(SCHED_OTHER, listener.policy(), listener.toString());
                List<Sched> others = ThreadScheduling.of("self").stream()
                        .filter(t -> t.tid() != protocol.tid() && t.policy() != SCHED_OTHER).toList();
                assertEquals(List.of(), others, "no other thread of the JVM is real-time");

                router.reload(router.config().toBuilder().realtimePriority(0).build());
                Sched after = ThreadScheduling.thread("self", "vrrp-VI_62-protocol");
                assertEquals(protocol.tid(), after.tid());
                assertEquals(SCHED_OTHER, after.policy(), after.toString());
                assertEquals(0, after.rtPriority(), after.toString());
            }
        }
    }

    @Test
    void withoutTheSettingTheProtocolThreadStaysSchedOther() throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            try (VrrpRouter router = Routers.on(a, 63, 255, List.of("192.0.2.63/24")).start()) {
                assertTrue(router.awaitState(VrrpState.MASTER, WAIT));
                Sched protocol = ThreadScheduling.thread("self", "vrrp-VI_63-protocol");
                assertEquals(SCHED_OTHER, protocol.policy(), protocol.toString());
                assertEquals(0, protocol.rtPriority(), protocol.toString());
            }
        }
    }
}
