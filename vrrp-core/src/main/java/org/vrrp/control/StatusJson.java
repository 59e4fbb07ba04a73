package org.vrrp.control;

import java.util.List;
import java.util.Map;
import org.vrrp.InstanceStats;
import org.vrrp.LatenessHistogram;
import org.vrrp.RouterStats;
import org.vrrp.StateChange;

/**
 * {@code status json}: JSON Lines, one flat object per line so that {@code jq} or a line reader needs no
 * nesting. First the router (kind {@code "router"}), then each instance (kind {@code "instance"}) in
 * declaration order. Map-valued stats become one field per entry under a dotted prefix:
 * {@code "health.api":-20}, {@code "peer_checksum_form.192.0.2.2":"pseudo-header"},
 * {@code "receive_errors.bad-checksum":0}; the protocol thread's timer wake-ups by lateness
 * ({@link org.vrrp.RouterStats#timerLateness()}) one field per bucket, named by its bound in microseconds:
 * {@code "timer_lateness_micros.lt_100"} ... {@code "timer_lateness_micros.ge_25000"}. Fields that have no
 * value (no master heard, no transition yet) are left out. Field names are stable; new ones may be added.
 */
public final class StatusJson {
    private StatusJson() {}

    /**
     * The whole response, each line ending in a newline.
     *
     * @param stats the stats
     * @return the whole response, each line ending in a newline
     */
    public static String format(RouterStats stats) {
        StringBuilder out = new StringBuilder();
        out.append(router(stats)).append('\n');
        for (InstanceStats i : stats.instances()) {
            out.append(instance(i)).append('\n');
        }
        return out.toString();
    }

    private static JsonWriter router(RouterStats s) {
        JsonWriter json = new JsonWriter().field("kind", "router")
                .field("checksum_errors", s.checksumErrors())
                .field("version_errors", s.versionErrors())
                .field("vrid_errors", s.vridErrors())
                .field("length_errors", s.lengthErrors())
                .field("unknown_vrid_packets", s.unknownVridPackets())
                .field("late_wakeups", s.lateWakeups())
                .field("max_timer_lateness_micros", s.maxTimerLatenessNanos() / 1_000);
        LatenessHistogram lateness = s.timerLateness();
        List<Long> bounds = lateness.upperBoundsMicros();
        for (int b = 0; b < bounds.size(); b++) {
            json.field("timer_lateness_micros.lt_" + bounds.get(b), lateness.counts().get(b));
        }
        json.field("timer_lateness_micros.ge_" + bounds.get(bounds.size() - 1), lateness.counts().get(bounds.size()));
        s.receiveErrors().forEach((rule, count) -> json.field("receive_errors." + rule, count));
        return json;
    }

    private static JsonWriter instance(InstanceStats i) {
        JsonWriter json = new JsonWriter().field("kind", "instance")
                .field("instance", i.name())
                .field("state", i.state().name())
                .field("time_in_state_millis", i.timeInState().toMillis());
        StateChange last = i.lastTransition();
        if (last != null) {
            json.field("last_transition_from", last.from().name())
                    .field("last_transition_to", last.to().name())
                    .field("last_transition_reason", last.reason().toString())
                    .field("last_transition_time", last.time().toString());
        }
        json.field("configured_priority", i.configuredPriority())
                .field("effective_priority", i.effectivePriority());
        i.healthContributions().forEach((check, weight) -> json.field("health." + check, weight));
        if (i.masterAddress() != null) {
            json.field("master_address", i.masterAddress().getHostAddress());
        }
        json.field("master_priority", i.masterPriority())
                .field("master_advert_interval_centis", i.masterAdvertIntervalCentis())
                .field("transitions", i.transitions())
                .field("became_master", i.becameMaster())
                .field("adverts_sent", i.advertsSent())
                .field("adverts_received", i.advertsReceived())
                .field("priority_zero_sent", i.priorityZeroSent())
                .field("priority_zero_received", i.priorityZeroReceived())
                .field("ttl_errors", i.ttlErrors())
                .field("version_errors", i.versionErrors())
                .field("auth_errors", i.authErrors())
                .field("interval_errors", i.intervalErrors())
                .field("address_list_errors", i.addressListErrors())
                .field("peers_not_hearing_us", i.peersNotHearingUs())
                .field("sync_group_held_takeovers", i.syncGroupHeldTakeovers())
                .field("vip_add_errors", i.vipAddErrors())
                .field("own_address_adverts", i.ownAddressAdverts())
                .field("unknown_peer_errors", i.unknownPeerErrors());
        for (Map.Entry<String, String> peer : i.peerChecksumForms().entrySet()) {
            json.field("peer_checksum_form." + peer.getKey(), peer.getValue());
        }
        return json;
    }
}
