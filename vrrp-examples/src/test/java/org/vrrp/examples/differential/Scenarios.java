package org.vrrp.examples.differential;

import static org.vrrp.examples.differential.Fault.Kind.CHECK_FAIL;
import static org.vrrp.examples.differential.Fault.Kind.CHECK_PASS;
import static org.vrrp.examples.differential.Fault.Kind.CONT;
import static org.vrrp.examples.differential.Fault.Kind.DROP_IN;
import static org.vrrp.examples.differential.Fault.Kind.DROP_OUT;
import static org.vrrp.examples.differential.Fault.Kind.HEAL;
import static org.vrrp.examples.differential.Fault.Kind.KILL;
import static org.vrrp.examples.differential.Fault.Kind.LINK_DOWN;
import static org.vrrp.examples.differential.Fault.Kind.LINK_UP;
import static org.vrrp.examples.differential.Fault.Kind.STOP;
import static org.vrrp.examples.differential.Fault.Kind.TERM;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The scenarios, each written once. Routers are named a, b (hosts 192.0.2.1, .2) or after the seed
 * scripts' roles; VIP 192.0.2.254 unless an owner's. Figures in the comments are keepalived's, from
 * RFC 3768 6.1 / RFC 9568 6.1: Skew_Time = (256 − P)/256 s (v2, whatever the interval) or
 * (256 − P) × interval / 256 (v3); Master_Down_Interval = 3 × interval + Skew_Time.
 */
final class Scenarios {
    private static final String VIP = Conf.VIP;
    private static final String CHECK_PHASE = "the health check runs every 1 s at its own phase: fall/rise"
            + " detection varies by up to one check interval between runs";

    private static final String PREEMPT_AT_DEADLINE = "ours preempts once preempt_delay has passed since it first"
            + " heard the lower-priority master, as keepalived's man page words preempt_delay; keepalived 2.2.7 keeps"
            + " following that master until the delay ends and then still waits for its down timer, armed by the last"
            + " lower advert before the deadline: up to Master_Down_Interval later (about 2.3 s here)";
    private static final String OWNER_KEEPS = "an owner's VIP is the interface's own address and is never deleted"
            + " (protocol-rules.md: remove only what this router added); keepalived 2.2.7 deletes it when it leaves"
            + " MASTER (and at start-up, which is why a also carries 192.0.2.11: without another address keepalived"
            + " finds no IPv4 address and stays in FAULT). So with ours a keeps 192.0.2.1 beside b's copy";

    /** ours − keepalived: the skew 0.61 s against Master_Down_Interval 3.61 s less the advert phase (0-1 s). */
    private static final Deviation GROUP_FOLLOWS_RESIGN = new Deviation("r1's VI_0 resigns with priority 0 on eth0."
            + " Ours (api.md, sync groups): a member that hears its master resign takes the group over after its"
            + " skew time, RFC 3768 6.4.2 (0.61 s at priority 100); keepalived 2.2.7 moves a sync group only once"
            + " every member's down timer has run out, here VI_1's Master_Down_Interval on eth1 (3.61 s)",
            null, -3_200, -1_800);

    private Scenarios() {
    }

    static List<Scenario> all() {
        List<Scenario> all = new ArrayList<>();
        // v2 graceful stop at 1, 3, 5, 7 s: the backup takes over Skew_Time after the priority-0 advert.
        int[][] v2 = {{1, 150, 2_000}, {3, 150, 2_500}, {5, 120, 4_000}, {7, 50, 6_500}};
        for (int[] c : v2) {
            all.add(Scenario.named("v2 " + c[0] + "s: SIGTERM of master",
                            "v2 advert_int " + c[0] + ": b (" + c[1] + ") takes over (256-" + c[1] + ")/256 s after a's"
                                    + " priority-0 advert, whatever the interval (RFC 3768 6.1)")
                    .router(RouterSpec.on("a", Conf.v2(200, c[0]).master().text(), "MASTER"))
                    .router(RouterSpec.on("b", Conf.v2(c[1], c[0]).text(), "BACKUP"))
                    .role("b").vip(VIP).fault(Fault.at(1_000, TERM, "a")).tail(c[2])
                    .keepalivedHolders("a b"));
        }
        // v3 at 50 ms: graceful stop (Skew_Time (256-150)*5/256 = 2 cs) and kill -9 (3 * 5 + 2 cs); a kill -9
        // leaves a's VIP in its kernel.
        for (Fault.Kind kind : List.of(TERM, KILL)) {
            all.add(Scenario.named("v3 50ms: " + (kind == TERM ? "SIGTERM" : "kill -9") + " of master",
                            "v3 advert_int 0.05: b (150) takes over " + (kind == TERM ? "2 cs after the priority-0"
                                    + " advert" : "Master_Down_Interval 15 + 2 cs after a's last advert"))
                    .router(RouterSpec.on("a", Conf.v3(200, "0.05").master().text(), "MASTER"))
                    .router(RouterSpec.on("b", Conf.v3(150, "0.05").text(), "BACKUP"))
                    .role("b").vip(VIP).alignOffset(0).fault(Fault.at(1_000, kind, "a")).tail(1_000)
                    .keepalivedHolders(kind == TERM ? "a b" : "a a+b"));
        }
        all.add(Scenario.named("v3 1s: kill -9 of master",
                        "v3 advert_int 1: b (150) takes over after 3 s + 106/256 s from a's last advert")
                .router(RouterSpec.on("a", Conf.v3(200, "1").master().text(), "MASTER"))
                .router(RouterSpec.on("b", Conf.v3(150, "1").text(), "BACKUP"))
                .role("b").vip(VIP).fault(Fault.at(1_000, KILL, "a")).tail(4_500)
                .keepalivedHolders("a a+b"));
        all.add(pair("v2 1s: kill -9 of master", "b (150) takes over 3 s + 106/256 s after a's last advert;"
                + " kill -9 leaves a's VIP in its kernel", "b")
                .fault(Fault.at(1_000, KILL, "a")).tail(4_500).keepalivedHolders("a a+b"));
        all.add(pair("v2 1s: SIGSTOP then SIGCONT of master", "a (200) frozen: b takes over after"
                + " Master_Down_Interval; a resumes, adverts at once, b steps back", "a")
                .fault(Fault.at(1_000, STOP, "a")).fault(Fault.at(6_000, CONT, "a")).tail(2_000)
                .keepalivedHolders("a a+b a"));
        all.add(pair("v2 1s: link down then up on master", "a loses carrier: FAULT, VIP removed; b takes over"
                + " after Master_Down_Interval; carrier back: a BACKUP, preempts after 3 s + 56/256 s", "a")
                .fault(Fault.link(1_000, LINK_DOWN, "a", 0)).fault(Fault.link(6_000, LINK_UP, "a", 0)).tail(5_000)
                .keepalivedHolders("a b a"));
        all.add(Scenario.named("v2 1s: preempt_delay 4 after link returns",
                        "a (200, preempt_delay 4) comes back below b (150): preemption waits for the delay."
                                + " a starts in state BACKUP: keepalived clears preempt_delay under state MASTER")
                .router(RouterSpec.on("a", Conf.v2(200, 1).preemptDelay(4).text(), "MASTER"))
                .router(RouterSpec.on("b", Conf.v2(150, 1).text(), "BACKUP"))
                .role("a").vip(VIP).fault(Fault.link(1_000, LINK_DOWN, "a", 0).unmeasured())
                .fault(Fault.link(6_000, LINK_UP, "a", 0)).tail(8_000)
                .deviation(new Deviation(PREEMPT_AT_DEADLINE, null, -3_400, -1_500))
                .keepalivedHolders("a b a"));
        all.add(Scenario.named("v2 1s: reload raises backup's priority",
                        "b reloaded (SIGHUP) from 150 to 250 preempts a (200) when its down timer runs out,"
                                + " 3 s + 6/256 s after a's last advert")
                .router(RouterSpec.on("a", Conf.v2(200, 1).master().text(), "MASTER"))
                .router(RouterSpec.on("b", Conf.v2(150, 1).text(), "BACKUP"))
                .role("b").vip(VIP).fault(Fault.reload(1_000, "b", Conf.v2(250, 1).text())).tail(4_500)
                .keepalivedHolders("a b"));
        all.add(owner("owner 255: SIGTERM", "stopped, a sends priority 0; b (120) adds the address after"
                + " (256-120)/256 s")
                .fault(Fault.at(1_000, TERM, "a")).tail(2_000)
                .deviation(new Deviation(OWNER_KEEPS, "a a+b", -100, 100)).keepalivedHolders("a b"));
        all.add(owner("owner 255: link down", "a goes FAULT on carrier loss; b takes over after"
                + " Master_Down_Interval (3 s + 136/256 s)")
                .fault(Fault.link(1_000, LINK_DOWN, "a", 0)).tail(4_500)
                .deviation(new Deviation(OWNER_KEEPS, "a a+b", -150, 150)).keepalivedHolders("a b"));
        // fall 5: a check taken as healthy until it has failed 5 times (1 s apart) would let b, alone at
        // start-up, win the election after 3 s and fall to FAULT at 5 s; keepalived counts the first result.
        all.add(Scenario.named("health check failing from the start",
                        "b (245, weight-0 check, fall 5, failing from the start) starts alone and stays out of"
                                + " MASTER: an unknown check does, and its first result counts; a (240) then starts"
                                + " as master; once the check passes (rise 2) b preempts")
                .router(RouterSpec.on("b", Conf.v2(245, 1).check(0, 5).text(), "FAULT").unhealthy())
                .router(RouterSpec.on("a", Conf.v2(240, 1).master().text(), "MASTER"))
                .role("b").vip(VIP).fault(Fault.at(2_000, CHECK_PASS, "b")).tail(7_000)
                .tolerance(1_000, CHECK_PHASE).keepalivedHolders("a b"));
        all.add(Scenario.named("health check +60 never passes",
                        "b (200, +60 while healthy, fall 5) with a check that never passes stays at 200, below a"
                                + " (240): a positive weight is added only after a success")
                .router(RouterSpec.on("a", Conf.v2(240, 1).master().text(), "MASTER"))
                .router(RouterSpec.on("b", Conf.v2(200, 1).check(60, 5).text(), "BACKUP").unhealthy())
                .role("b").vip(VIP).tail(9_500).keepalivedHolders("a"));
        all.add(pair("healed dual master", "VRRP dropped both ways on a: b becomes master too; healed, b hears"
                + " a (200) and steps back: one master remains", "b")
                .fault(Fault.at(1_000, DROP_IN, "a").unmeasured()).fault(Fault.at(1_000, DROP_OUT, "a"))
                .fault(Fault.at(7_000, HEAL, "a")).tail(2_500)
                .tolerance(1_000, "two masters advertise at independent phases: the first advert that resolves"
                        + " them comes up to one interval after the heal")
                .keepalivedHolders("a a+b a"));
        all.add(pair("firewall drops VRRP into backup", "b hears nothing (nftables drops protocol 112 in):"
                + " it becomes master beside a; healed, it hears a and steps back", "b")
                .fault(Fault.at(1_000, DROP_IN, "b")).fault(Fault.at(6_000, HEAL, "b")).tail(2_500)
                .tolerance(1_000, "resolution waits for a's next advert, at a phase the heal does not align")
                .keepalivedHolders("a a+b a"));
        all.add(pair("firewall drops VRRP out of master", "a's adverts dropped on the way out: b becomes master;"
                + " a still hears b's lower priority and stays master; healed, b steps back", "a")
                .fault(Fault.at(1_000, DROP_OUT, "a")).fault(Fault.at(6_000, HEAL, "a")).tail(2_500)
                .tolerance(1_000, "resolution waits for a's next advert, at a phase the heal does not align")
                .reassertAfter(1).keepalivedHolders("a a+b a"));
        all.add(Scenario.named("v3: master reasserts at once after a heal",
                        "a (200, 1 s) drops its own adverts on the way out: b (150, 0.3 s) becomes master too; healed,"
                                + " a answers b's next advert at once (RFC 9568 6.4.3) rather than at its own next"
                                + " advert; b's adverts every 0.3 s usually come first, so the answer is usually seen")
                .router(RouterSpec.on("a", Conf.v3(200, "1").master().text(), "MASTER"))
                .router(RouterSpec.on("b", Conf.v3(150, "0.3").text(), "BACKUP"))
                .role("a").vip(VIP)
                .fault(Fault.at(1_000, DROP_OUT, "a").unmeasured()).fault(Fault.at(6_000, HEAL, "a"))
                .tail(2_500).tolerance(1_000, "resolution waits for the first advert either router sends after the heal")
                .reassertAfter(1).keepalivedHolders("a a+b a"));
        all.addAll(seeds());
        return all;
    }

    /** The seed setups of {@code scenarios/}, with their own conf files. */
    private static List<Scenario> seeds() {
        List<Scenario> out = new ArrayList<>();
        for (String role : List.of("r1", "r2")) {
            out.add(Scenario.named("seed sync group link fails (" + role + ")",
                            "sync-group.conf, nopreempt: r1 (150) loses eth1, the group goes FAULT and r2 (100) takes"
                                    + " both VIPs after VI_1's Master_Down_Interval; link back, r1 stays BACKUP")
                    .router(RouterSpec.on("r1", Conf.seed("sync-group.conf", Map.of("NAME", "R1", "PRIO", "150")),
                            "MASTER").alsoOnSegment1())
                    .router(RouterSpec.on("r2", Conf.seed("sync-group.conf", Map.of("NAME", "R2", "PRIO", "100")),
                            "BACKUP").alsoOnSegment1())
                    .role(role).vip(VIP).vip("198.51.100.254").fault(Fault.link(1_000, LINK_DOWN, "r1", 1))
                    .fault(Fault.link(6_000, LINK_UP, "r1", 1)).tail(4_500)
                    .deviation(role.equals("r2") ? GROUP_FOLLOWS_RESIGN : null)
                    .keepalivedHolders("r1 r2"));
        }
        for (String role : List.of("gw", "rfc")) {
            out.add(Scenario.named("seed health gateway check fails (" + role + ")",
                            "health-gateway.conf (245, check fall 2 rise 2) beside rfc3768-router.conf (240, no auth):"
                                    + " the check fails, gw FAULT, rfc takes over; it passes again, gw preempts")
                    .router(RouterSpec.on("rfc", Conf.seed("rfc3768-router.conf", Map.of("NAME", "RFC")), "MASTER"))
                    .router(RouterSpec.on("gw", Conf.seed("health-gateway.conf", Map.of("NAME", "GW")), "MASTER"))
                    .role(role).vip(VIP).fault(Fault.at(1_000, CHECK_FAIL, "gw"))
                    .fault(Fault.at(5_000, CHECK_PASS, "gw")).tail(6_500).tolerance(1_000, CHECK_PHASE)
                    .keepalivedHolders("rfc gw rfc gw"));
        }
        out.add(Scenario.named("seed notify planned handover",
                        "notify-service.conf: r1's priority lowered 150 -> 50 by reload; r2 (100, preempt) takes over"
                                + " when its down timer runs out (3 s + 156/256 s after r1's last advert at 150)")
                .router(RouterSpec.on("r1", notifyService("R1", 150), "MASTER"))
                .router(RouterSpec.on("r2", notifyService("R2", 100), "BACKUP"))
                .role("r1").vip(VIP).fault(Fault.reload(1_000, "r1", notifyService("R1", 50))).tail(5_000)
                .keepalivedHolders("r1 r2"));
        out.add(Scenario.named("seed firewall drops VRRP on one segment",
                        "sync-group.conf: r1 (100, backup) drops protocol 112 coming in on eth1 only; VI_0 still"
                                + " hears r2 on eth0, so r1 stays BACKUP (keepalived 2.2.7 too): no VIP moves")
                .router(RouterSpec.on("r2", Conf.seed("sync-group.conf", Map.of("NAME", "R2", "PRIO", "150")),
                        "MASTER").alsoOnSegment1())
                .router(RouterSpec.on("r1", Conf.seed("sync-group.conf", Map.of("NAME", "R1", "PRIO", "100")),
                        "BACKUP").alsoOnSegment1())
                .role("r1").vip(VIP).vip("198.51.100.254").fault(Fault.link(1_000, DROP_IN, "r1", 1))
                .fault(Fault.at(6_000, HEAL, "r1")).tail(2_000)
                .keepalivedHolders("r2"));
        return out;
    }

    /** a (200, MASTER at start) and b (150), v2 at 1 s: the pair most process and firewall faults use. */
    private static Scenario.Builder pair(String name, String why, String role) {
        return Scenario.named(name, why)
                .router(RouterSpec.on("a", Conf.v2(200, 1).master().text(), "MASTER"))
                .router(RouterSpec.on("b", Conf.v2(150, 1).text(), "BACKUP"))
                .role(role).vip(VIP);
    }

    /** a owns 192.0.2.1, its own address (priority 255); b (120) backs it up. Role: the owner. */
    private static Scenario.Builder owner(String name, String why) {
        String owned = "192.0.2.1";
        return Scenario.named(name, "a owns " + owned + " (priority 255): " + why)
                .router(RouterSpec.on("a", Conf.v2(255, 1).vip(owned).text(), "MASTER").withAddress("192.0.2.11/24"))
                .router(RouterSpec.on("b", Conf.v2(120, 1).vip(owned).text(), "BACKUP"))
                .role("a").vip(owned);
    }

    private static String notifyService(String name, int priority) {
        return Conf.seed("notify-service.conf", Map.of("NAME", name, "PRIO", Integer.toString(priority),
                "SERVICE", "/bin/true"));
    }
}
