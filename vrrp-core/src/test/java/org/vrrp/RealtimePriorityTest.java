package org.vrrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * {@link VrrpRouter.Builder#realtimePriority(int)}: its range, and that the protocol thread itself asks the network
 * adapter for it at start and on a reload, and runs on (at normal priority) when the adapter refuses.
 * Whether the kernel then schedules the thread SCHED_RR is vrrp-linux's RealtimePriorityIT.
 */
class RealtimePriorityTest {
    private final MockNetwork network = new MockNetwork();

    @Test
    void outOfRangeValuesAreRefusedNamingTheFieldTheValueAndTheRange() {
        for (int bad : new int[] {-1, 100, 150}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> VrrpRouter.builder().realtimePriority(bad));
            assertEquals("realtimePriority " + bad + " is out of range: use 1..99 (a SCHED_RR priority; higher"
                    + " preempts lower), or 0 for normal scheduling (the default)", e.getMessage());
        }
    }

    @Test
    void theDefaultIsOffAndTheEndsOfTheRangeAreKeptThroughToBuilder() {
        assertEquals(0, network.owner().build().realtimePriority());
        for (int ok : new int[] {1, 99}) {
            VrrpRouterConfig c = network.owner().realtimePriority(ok).build();
            assertEquals(ok, c.realtimePriority());
            assertEquals(c, c.toBuilder().build());
        }
    }

    @Test
    void theProtocolThreadAsksForItAtStartAndForAChangeOnReload() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        doAnswer(inv -> calls.add(Thread.currentThread().getName() + ":" + inv.getArgument(0)))
                .when(network.stack).setThreadRealtimePriority(anyInt());
        try (VrrpRouter router = network.owner().realtimePriority(10).start()) {
            assertEquals(List.of("vrrp-VI_51-protocol:10"), calls);
            router.reload(router.config().toBuilder().realtimePriority(10).build());
            assertEquals(List.of("vrrp-VI_51-protocol:10"), calls, "unchanged: not asked again");
            router.reload(router.config().toBuilder().realtimePriority(0).build());
            assertEquals(List.of("vrrp-VI_51-protocol:10", "vrrp-VI_51-protocol:0"), calls);
        }
    }

    @Test
    void withoutTheSettingTheAdapterIsNotAsked() throws Exception {
        try (VrrpRouter router = network.owner().start()) {
            assertEquals(VrrpState.MASTER, router.state());
        }
        verify(network.stack, never()).setThreadRealtimePriority(anyInt());
    }

    @Test
    void aRefusalLeavesTheRouterRunningAtNormalPriority() throws Exception {
        doThrow(new IOException("sched_setscheduler failed: Operation not permitted (EPERM, 1)"))
                .when(network.stack).setThreadRealtimePriority(10);
        try (VrrpRouter router = network.owner().realtimePriority(10).start()) {
            assertEquals(VrrpState.MASTER, router.state());
            router.reload(router.config().toBuilder().priority(254).build());
            verify(network.stack).setThreadRealtimePriority(10); // once: a reload does not try (and warn) again
        }
    }
}
