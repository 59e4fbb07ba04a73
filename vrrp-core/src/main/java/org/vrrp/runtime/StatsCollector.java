package org.vrrp.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vrrp.InstanceStats;
import org.vrrp.RouterStats;
import org.vrrp.protocol.InstanceCounters;
import org.vrrp.protocol.TrackingPolicy;
import org.vrrp.protocol.VirtualRouterMachine;

/**
 * Assembles a {@link RouterStats} snapshot from the machines' counters, the runtime's own per-instance counts, the
 * receive path's and the protocol loop's. Protocol thread only, so the figures agree with each other.
 */
final class StatsCollector {
    private StatsCollector() {
    }

    static RouterStats collect(List<RouterInstance> instances, TrackingPolicy tracking, ReceivePath receive,
                               LateWakeups lateWakeups, long nowNanos) {
        List<InstanceStats> list = new ArrayList<>();
        for (RouterInstance inst : instances) {
            list.add(instance(inst, tracking, nowNanos));
        }
        return new RouterStats(list, receive.receiveErrors(), receive.unknownVrid(), lateWakeups.count(),
                lateWakeups.maxLatenessNanos(), lateWakeups.histogram());
    }

    private static InstanceStats instance(RouterInstance inst, TrackingPolicy tracking, long nowNanos) {
        VirtualRouterMachine m = inst.machine;
        InstanceCounters c = m.counters();
        Map<String, Integer> contributions = new LinkedHashMap<>();
        inst.spec.trackedChecks().forEach((name, w) -> contributions.put(name, tracking.contribution(name, w)));
        Map<String, String> forms = new LinkedHashMap<>();
        c.peerChecksumForms().forEach((peer, form) -> forms.put(peer.getHostAddress(), form.wireName()));
        return InstanceStats.builder().name(inst.name()).state(m.state())
                .timeInState(Duration.ofNanos(nowNanos - inst.stateSinceNanos)).lastTransition(inst.lastTransition)
                .configuredPriority(inst.basePriority).effectivePriority(m.priority())
                .healthContributions(contributions).masterAddress(m.masterAddress())
                .masterPriority(m.masterPriority()).masterAdvertIntervalCentis(m.masterAdvertIntervalCentis())
                // A mastership a VIP failure took back was never carried out: the machine counted it anyway.
                .becameMaster(c.becameMaster() - inst.vipFault.droppedMasters())
                .advertsSent(c.advertsSent() - inst.vipFault.droppedAdverts())
                .advertsReceived(c.advertsReceived()).priorityZeroSent(c.priorityZeroSent())
                .priorityZeroReceived(c.priorityZeroReceived()).ttlErrors(c.ttlErrors())
                .versionErrors(c.versionErrors()).authErrors(c.authTypeMismatches() + c.authFailures())
                .intervalErrors(c.intervalErrors()).addressListErrors(c.addressListErrors())
                .peerChecksumForms(forms).peersNotHearingUs(c.peersNotHearingUs())
                .syncGroupHeldTakeovers(c.syncGroupHeldTakeovers()).transitions(inst.transitions)
                .vipAddErrors(inst.vipAddErrors).ownAddressAdverts(inst.ownAddressAdverts)
                .unknownPeerErrors(c.unknownPeerErrors()).build();
    }
}
