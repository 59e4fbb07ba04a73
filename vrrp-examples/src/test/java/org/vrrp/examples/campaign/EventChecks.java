package org.vrrp.examples.campaign;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.vrrp.examples.differential.AddressMonitor;

/**
 * The invariants judged from the kernel's address events (timestamped by {@code ip -ts monitor address}
 * in each router's namespace) and the client's neighbour samples over one round's window:
 * {@link Invariant#NO_LONG_DUAL_HOLDER}, {@link Invariant#NEIGHBOUR_FOLLOWS} (and
 * {@link Invariant#NEIGHBOUR_AFTER_HEAL}),
 * {@link Invariant#RESTART_REMOVES_LEFTOVERS} and {@link Invariant#FOREIGN_ADDRESS_KEPT}. Stateless.
 */
final class EventChecks {
    /** One advert interval, plus scheduling slack on a loaded 2-core machine. */
    static final long DUAL_LIMIT_MICROS = RouterConf.ADVERT_SECONDS * 1_000_000L + 250_000;
    /** 1 s, plus one sampling period and the time one `ip neigh` read takes. */
    static final long NEIGHBOUR_LIMIT_MICROS = 1_000_000 + Sampler.PERIOD_MILLIS * 1000 + 100_000;
    static final long LEFTOVER_LIMIT_MICROS = 1_000_000;
    /** How far before a takeover the routers that held the VIP count as involved in it. */
    private static final long HEAL_WINDOW_MICROS = 2_000_000;

    /** From {@code fromMicros} on, these routers hold the address (until the next segment). */
    record Segment(long fromMicros, Set<String> holders) {
    }

    private EventChecks() {
    }

    static void run(Lan lan, Sampler sampler, Tally tally, List<Round.Applied> history, long from, long to) {
        List<AddressMonitor.Event> events = new ArrayList<>();
        lan.monitors().values().forEach(m -> events.addAll(m.events()));
        events.sort(Comparator.comparingLong(AddressMonitor.Event::micros));
        for (String vip : RouterConf.ALL_VIPS) {
            List<Segment> segments = segments(events, vip);
            dualHolders(lan, tally, history, segments, vip, from, to);
            if (!vip.equals(RouterConf.EXTRA_VIP)) {
                neighbour(lan, sampler, tally, history, segments, vip, from, to);
            }
        }
        for (RouterSlot r : lan.slots()) {
            leftovers(r, tally, events, from, to);
            tally.checked(Invariant.FOREIGN_ADDRESS_KEPT);
            for (AddressMonitor.Event e : events) {
                if (!e.added() && e.router().equals(r.name) && e.micros() >= from && e.micros() <= to
                        && Lan.foreignAddresses(r).contains(e.address())) {
                    tally.violation(Invariant.FOREIGN_ADDRESS_KEPT, r + ": " + e.address()
                            + ", which the harness added, was deleted at " + e.micros());
                }
            }
        }
    }

    /** Who holds {@code vip} over time, from every router's events. */
    static List<Segment> segments(List<AddressMonitor.Event> events, String vip) {
        List<Segment> out = new ArrayList<>();
        Set<String> holders = new HashSet<>();
        for (AddressMonitor.Event e : events) {
            if (e.address().equals(vip)) {
                boolean changed = e.added() ? holders.add(e.router()) : holders.remove(e.router());
                if (changed) {
                    out.add(new Segment(e.micros(), Set.copyOf(holders)));
                }
            }
        }
        return out;
    }

    private static void dualHolders(Lan lan, Tally tally, List<Round.Applied> history, List<Segment> segments,
                                    String vip, long from, long to) {
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).holders().size() < 2) {
                continue;
            }
            int j = i;
            while (j + 1 < segments.size() && segments.get(j + 1).holders().size() >= 2) {
                j++;
            }
            long start = Math.max(segments.get(i).fromMicros(), from);
            long end = j + 1 < segments.size() ? segments.get(j + 1).fromMicros() : to;
            Set<String> who = new HashSet<>();
            for (int k = i; k <= j; k++) {
                who.addAll(segments.get(k).holders());
            }
            i = j;
            if (end <= from || start >= to) {
                continue;
            }
            tally.checked(Invariant.NO_LONG_DUAL_HOLDER);
            long gap = longestUndisturbed(lan, history, vip, start, end, to);
            if (gap > DUAL_LIMIT_MICROS) {
                tally.violation(Invariant.NO_LONG_DUAL_HOLDER, vip + " on " + who + " for " + (end - start) / 1000
                        + " ms (from +" + (start - from) / 1000 + " ms of the round), " + gap / 1000
                        + " ms of it with no fault cutting or silencing any router");
            }
        }
    }

    /**
     * The longest stretch of [start, end] during which no fault that splits {@code vip}'s routers was active on any
     * router: a disturbing fault, or a reload that gives VRID 52 another address list. While the lists differ,
     * each side drops the other's adverts (RFC 3768 and 9568 section 7.1, keepalived's {@code addr_list_err}, ours
     * since issue 14), so two masters of VRID 52 are the expected outcome until the reload is undone.
     */
    static long longestUndisturbed(Lan lan, List<Round.Applied> history, String vip, long start, long end,
                                   long roundEnd) {
        boolean vipOfVrid52 = !vip.equals(RouterConf.VIP1);
        List<long[]> cover = new ArrayList<>();
        for (Round.Applied a : history) {
            if (a.fault.kind().disturbs() || (vipOfVrid52 && a.fault.kind() == TimedFault.Kind.RELOAD_VIPS)) {
                cover.add(new long[] {a.startMicros, disturbedUntil(lan, a, roundEnd)});
            }
        }
        cover.sort(Comparator.comparingLong(c -> c[0]));
        long longest = 0;
        long cursor = start;
        for (long[] c : cover) {
            if (c[1] <= cursor) {
                continue;
            }
            if (c[0] >= end) {
                break;
            }
            longest = Math.max(longest, c[0] - cursor);
            cursor = Math.max(cursor, c[1]);
        }
        return Math.max(longest, end - cursor);
    }

    /**
     * When a disturbing fault stopped disturbing: its undo; for a kill or SIGTERM, 1 s after the
     * restarted process first printed (it may take that long to delete what its predecessor left).
     */
    private static long disturbedUntil(Lan lan, Round.Applied a, long roundEnd) {
        if (a.endMicros < 0) {
            return roundEnd;
        }
        if (a.fault.kind() != TimedFault.Kind.KILL && a.fault.kind() != TimedFault.Kind.TERM) {
            return a.endMicros;
        }
        RouterSlot r = lan.slot(a.fault.router());
        synchronized (r.incarnations) {
            return r.incarnations.stream().filter(inc -> inc.spawnMicros >= a.endMicros).findFirst()
                    .map(inc -> inc.firstOutputMicros < 0 ? roundEnd : inc.firstOutputMicros + LEFTOVER_LIMIT_MICROS)
                    .orElse(roundEnd);
        }
    }

    /**
     * Each time {@code vip} gets one sole holder X (and keeps it for 1.2 s), the client's neighbour entry
     * must name X's MAC within {@link #NEIGHBOUR_LIMIT_MICROS}; not judged while X's link is cut or X
     * is stopped, killed or restarting (it cannot announce itself then), nor when VRRP between X and
     * the routers that held the VIP in the 2 s before was being dropped ({@link #cut}). A split brain
     * that heals after SIGCONT is judged.
     */
    private static void neighbour(Lan lan, Sampler sampler, Tally tally, List<Round.Applied> history,
                                  List<Segment> segments, String vip, long from, long to) {
        for (int i = 1; i < segments.size(); i++) {
            Segment s = segments.get(i);
            long t = s.fromMicros();
            if (s.holders().size() != 1 || s.holders().equals(segments.get(i - 1).holders()) || t < from
                    || t + NEIGHBOUR_LIMIT_MICROS > to) {
                continue;
            }
            long until = i + 1 < segments.size() ? segments.get(i + 1).fromMicros() : to;
            RouterSlot x = lan.slot(s.holders().iterator().next());
            Set<String> involved = new HashSet<>(Set.of(x.name));
            for (int k = i - 1; k >= 0 && (k == i - 1 || segments.get(k + 1).fromMicros() >= t - HEAL_WINDOW_MICROS);
                 k--) {
                involved.addAll(segments.get(k).holders());
            }
            if (until - t < 1_200_000 || muted(history, x.name, t, t + NEIGHBOUR_LIMIT_MICROS)
                    || cut(history, involved, t - HEAL_WINDOW_MICROS, t + NEIGHBOUR_LIMIT_MICROS)) {
                continue;
            }
            Invariant which = segments.get(i - 1).holders().contains(x.name)
                    && !toldOfTheOtherMaster(lan, history, segments, i, vip, x) ? Invariant.NEIGHBOUR_AFTER_HEAL
                    : Invariant.NEIGHBOUR_FOLLOWS;
            tally.checked(which);
            String mac = x.host.mac();
            long seen = sampler.neighbours(t, t + NEIGHBOUR_LIMIT_MICROS).stream()
                    .filter(n -> mac.equals(n.macs().get(vip))).mapToLong(Sampler.Neighbours::micros).min()
                    .orElse(-1);
            if (seen < 0) {
                List<Sampler.Neighbours> after = sampler.neighbours(t, t + NEIGHBOUR_LIMIT_MICROS);
                tally.violation(which, vip + (which == Invariant.NEIGHBOUR_FOLLOWS ? " moved to " : " left only on ")
                        + x + " (" + mac + ") at +"
                        + (t - from) / 1000 + " ms of the round; the client's entry then: "
                        + after.stream().map(n -> String.valueOf(n.macs().get(vip))).distinct().toList());
            } else {
                tally.figure(which == Invariant.NEIGHBOUR_FOLLOWS ? "client neighbour entry follows a takeover"
                        : "client neighbour entry follows a healed split brain", Math.max(0, seen - t) / 1000);
            }
        }
    }

    /**
     * For a healed split brain ending at segment {@code i}: whether the client saw, during the dual
     * streak, an advert from another holder with a lower priority than {@code x} advertised, at a time
     * {@code x} could receive it (no link fault, VRRP drop or loss on {@code x} then). {@code x} then
     * had to reassert and announce itself, so the client's entry must follow: judged as a takeover.
     */
    private static boolean toldOfTheOtherMaster(Lan lan, List<Round.Applied> history, List<Segment> segments, int i,
                                                String vip, RouterSlot x) {
        int first = i - 1;
        while (first > 0 && segments.get(first - 1).holders().size() >= 2) {
            first--;
        }
        long from = segments.get(first).fromMicros();
        long to = segments.get(i).fromMicros();
        int vrid = vip.equals(RouterConf.VIP1) ? 51 : 52;
        Set<String> others = new HashSet<>();
        for (int k = first; k < i; k++) {
            segments.get(k).holders().stream().filter(h -> !h.equals(x.name)).map(h -> lan.slot(h).host.ipv4())
                    .forEach(others::add);
        }
        List<org.vrrp.examples.hardening.WireAdverts.Advert> adverts = lan.adverts().stream()
                .filter(a -> a.vrid() == vrid && a.epochMicros() >= from && a.epochMicros() <= to).toList();
        int ours = adverts.stream().filter(a -> a.source().equals(x.host.ipv4())).mapToInt(a -> a.priority()).max()
                .orElse(-1);
        return adverts.stream().anyMatch(a -> others.contains(a.source()) && a.priority() > 0 && a.priority() < ours
                && !deafAt(history, x.name, a.epochMicros()));
    }

    /** Whether {@code router} could not receive VRRP at {@code micros}: a link fault, VRRP drop or loss on it. */
    private static boolean deafAt(List<Round.Applied> history, String router, long micros) {
        return history.stream().anyMatch(a -> a.fault.router().equals(router)
                && (a.fault.kind().family() == TimedFault.Family.LINK || a.fault.kind() == TimedFault.Kind.DROP_VRRP_IN
                    || a.fault.kind() == TimedFault.Kind.LOSS)
                && a.startMicros <= micros && (a.endMicros < 0 || a.endMicros >= micros));
    }

    /** Whether a link, SIGSTOP, kill or SIGTERM fault on {@code router} is active in [from, to]: it cannot announce. */
    private static boolean muted(List<Round.Applied> history, String router, long from, long to) {
        return history.stream().anyMatch(a -> a.fault.router().equals(router)
                && (a.fault.kind().family() == TimedFault.Family.LINK
                    || a.fault.kind().family() == TimedFault.Family.PROCESS)
                && a.startMicros < to && (a.endMicros < 0 || a.endMicros > from));
    }

    /**
     * Whether a link or firewall fault on any of {@code routers} overlaps [from, to]: the new holder
     * moves the client back only when it hears the other master's advert (it then reasserts and
     * announces itself); adverts that are dropped cannot tell it.
     */
    private static boolean cut(List<Round.Applied> history, Set<String> routers, long from, long to) {
        return history.stream().anyMatch(a -> routers.contains(a.fault.router())
                && (a.fault.kind().family() == TimedFault.Family.LINK
                    || a.fault.kind().family() == TimedFault.Family.FIREWALL)
                && a.startMicros < to && (a.endMicros < 0 || a.endMicros > from));
    }

    private static void leftovers(RouterSlot r, Tally tally, List<AddressMonitor.Event> events, long from, long to) {
        List<RouterSlot.Incarnation> incs;
        synchronized (r.incarnations) {
            incs = List.copyOf(r.incarnations);
        }
        for (RouterSlot.Incarnation inc : incs) {
            if (inc.spawnMicros < from || inc.spawnMicros > to || inc.leftovers.isEmpty()) {
                continue;
            }
            tally.checked(Invariant.RESTART_REMOVES_LEFTOVERS);
            long started = inc.firstOutputMicros >= 0 ? inc.firstOutputMicros : inc.spawnMicros;
            for (String vip : inc.leftovers) {
                long deleted = events.stream().filter(e -> !e.added() && e.router().equals(r.name)
                        && e.address().equals(vip) && e.micros() >= inc.spawnMicros)
                        .mapToLong(AddressMonitor.Event::micros).min().orElse(-1);
                if (deleted < 0 || deleted - started > LEFTOVER_LIMIT_MICROS) {
                    tally.violation(Invariant.RESTART_REMOVES_LEFTOVERS, r + " restarted with " + vip + " left on eth0;"
                            + (deleted < 0 ? " never deleted" : " deleted " + (deleted - started) / 1000
                            + " ms after its first output"));
                } else {
                    tally.figure("leftover VIP deleted, after process spawn", (deleted - inc.spawnMicros) / 1000);
                }
            }
        }
    }
}
