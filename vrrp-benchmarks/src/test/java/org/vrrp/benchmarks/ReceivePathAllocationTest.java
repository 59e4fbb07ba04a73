package org.vrrp.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vrrp.VrrpState;

/**
 * The receive path allocates nothing per advert (issue 17 item 4), from the bytes the adapter hands over to the
 * machine's input: counted with the thread's allocated-bytes counter over many adverts after a warm-up (a count
 * of bytes, not a timing, so the machine's load does not matter). Before the reused views, each advert cost
 * 248 to 496 bytes of decoded packet alone, plus its task and input objects.
 */
class ReceivePathAllocationTest {
    private static final int ROUNDS = 50_000;

    @ParameterizedTest
    @ValueSource(strings = {"v2-auth-pass", "v2-noauth-3vips", "v3-ipv4-50cs", "v3-ipv6"})
    void anAdvertFromTheMasterAllocatesNothingOnItsWayToTheMachine(String capture) throws Exception {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported() && t.isThreadAllocatedMemoryEnabled(),
                "this JVM cannot count a thread's allocations");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        ReceiveRig rig = ReceiveRig.backupFor(capture);
        for (int i = 0; i < ROUNDS; i++) { // warm up: class loading, the JIT, the view's arrays grown once
            rig.receive();
        }
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < ROUNDS; i++) {
            rig.receive();
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        assertEquals(VrrpState.BACKUP, rig.state());
        assertEquals(1 + 2L * ROUNDS, rig.stats().advertsReceived(), "every advert reached the machine");
        assertEquals(0, rig.stats().addressListErrors());
        // Any object per advert would be at least 16 bytes x 50,000 = 800 KB; the bound leaves room for one-off
        // allocations on this thread (the JIT recompiling, the measuring itself) and nothing more.
        assertTrue(allocated < 65_536, allocated + " bytes allocated by " + ROUNDS + " adverts ("
                + allocated / ROUNDS + " B each)");
    }
}
