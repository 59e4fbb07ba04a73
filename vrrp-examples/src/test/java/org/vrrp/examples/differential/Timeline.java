package org.vrrp.examples.differential;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.vrrp.examples.hardening.WireAdverts;

/**
 * Everything one run observed from outside, cut at {@code endMicros}: VIP additions and removals per
 * router (kernel), transitions (notify scripts), adverts on the wire (tcpdump), and the instants the
 * harness applied each fault. Answers the two questions the comparison asks: who held each VIP, in what
 * order; and how long after each fault the holders changed.
 */
record Timeline(List<AddressMonitor.Event> vipEvents, List<NotifyLog.Transition> transitions,
                List<WireAdverts.Advert> adverts, Map<String, String> routerOfAddress, List<Long> faultMicros,
                long endMicros) {
    /** A holder set shorter than this is a handover overlap (both briefly hold it), not a holder. */
    static final long DWELL_MICROS = 150_000;

    /** Holders of {@code vip} from {@code startMicros}: the set as it stood, per kernel event. */
    record Holding(long startMicros, Set<String> routers) {
        @Override
        public String toString() {
            return routers.isEmpty() ? "none" : String.join("+", routers);
        }
    }

    /** The raw sequence of holder sets of {@code vip}, one per change, up to the end of the run. */
    List<Holding> raw(String vip) {
        List<Holding> out = new ArrayList<>();
        Set<String> now = new TreeSet<>();
        List<AddressMonitor.Event> events = vipEvents.stream().filter(e -> e.address().equals(vip))
                .filter(e -> e.micros() <= endMicros).sorted(Comparator.comparingLong(AddressMonitor.Event::micros))
                .toList();
        for (AddressMonitor.Event e : events) {
            Set<String> next = new TreeSet<>(now);
            if (e.added()) {
                next.add(e.router());
            } else {
                next.remove(e.router());
            }
            if (!next.equals(now)) {
                out.add(new Holding(e.micros(), next));
                now = next;
            }
        }
        return out;
    }

    /**
     * Holders that lasted: raw sets held at least {@link #DWELL_MICROS} (or held at the end), no empty
     * set (a VIP between routers), consecutive equal sets merged keeping the first start.
     */
    List<Holding> holdings(String vip) {
        List<Holding> raw = raw(vip);
        List<Holding> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            long until = i + 1 < raw.size() ? raw.get(i + 1).startMicros() : endMicros;
            Holding h = raw.get(i);
            boolean lasted = until - h.startMicros() >= DWELL_MICROS || i + 1 == raw.size();
            if (lasted && !h.routers().isEmpty()
                    && (out.isEmpty() || !out.get(out.size() - 1).routers().equals(h.routers()))) {
                out.add(h);
            }
        }
        return out;
    }

    /** e.g. {@code "r1 r2 r1"}; {@code r1+r2} when both hold it (two masters). */
    String holders(String vip) {
        return holdings(vip).stream().map(Holding::toString).collect(Collectors.joining(" "));
    }

    /**
     * Milliseconds from fault {@code index} to the change of holders of {@code vip} it caused: to the
     * first addition on a router joining the holders or, when routers only leave (a dual master
     * healed), to the first removal from one leaving. Null if the holders did not change before the
     * next fault (or the end).
     */
    Double takeoverMillis(String vip, int index) {
        return change(vip, index, true);
    }

    /** The same measured to the first advert (priority > 0) on the wire from a router joining the holders. */
    Double wireMillis(String vip, int index) {
        return change(vip, index, false);
    }

    private Double change(String vip, int index, boolean kernel) {
        long fault = faultMicros.get(index);
        long limit = index + 1 < faultMicros.size() ? faultMicros.get(index + 1) : endMicros;
        Set<String> before = Set.of();
        Holding after = null;
        for (Holding h : holdings(vip)) {
            if (h.startMicros() <= fault) {
                before = h.routers();
            } else if (after == null && h.startMicros() <= limit && !h.routers().equals(before)) {
                after = h;
            }
        }
        if (after == null) {
            return null;
        }
        Set<String> joining = new TreeSet<>(after.routers());
        joining.removeAll(before);
        Set<String> leaving = new TreeSet<>(before);
        leaving.removeAll(after.routers());
        if (!kernel) {
            return adverts.stream().filter(a -> a.epochMicros() > fault && a.priority() > 0)
                    .filter(a -> joining.contains(routerOfAddress.get(a.source()))).findFirst()
                    .map(a -> (a.epochMicros() - fault) / 1000.0).orElse(null);
        }
        boolean adding = !joining.isEmpty();
        Set<String> movers = adding ? joining : leaving;
        return vipEvents.stream().filter(e -> e.address().equals(vip) && e.micros() > fault && e.added() == adding)
                .filter(e -> movers.contains(e.router())).mapToLong(AddressMonitor.Event::micros).min()
                .stream().mapToObj(t -> (t - fault) / 1000.0).findFirst().orElse(null);
    }

    /**
     * Milliseconds from the first advert after fault {@code index} that another router sends with a lower
     * priority than {@code role}'s last advert, to {@code role}'s next advert; null if there is none.
     */
    Double reassertMillis(String role, int index) {
        long fault = faultMicros.get(index);
        int rolePriority = -1;
        WireAdverts.Advert lower = null;
        for (WireAdverts.Advert a : adverts) {
            boolean fromRole = role.equals(routerOfAddress.get(a.source()));
            if (lower != null) {
                if (fromRole) {
                    return (a.epochMicros() - lower.epochMicros()) / 1000.0;
                }
            } else if (fromRole) {
                rolePriority = a.priority();
            } else if (a.epochMicros() > fault && a.priority() > 0 && a.priority() < rolePriority) {
                lower = a;
            }
        }
        return null;
    }

    /**
     * {@code router}'s transitions after the first fault, per instance, consecutive repeats dropped:
     * e.g. {@code "VI_1: MASTER>BACKUP"}. Start-up is left out: it shows in the holders.
     */
    String transitionsAfterFirstFault(String router) {
        long from = faultMicros.isEmpty() ? endMicros : faultMicros.get(0);
        Map<String, List<String>> perInstance = new TreeMap<>();
        for (NotifyLog.Transition t : transitions) {
            if (t.router().equals(router) && t.micros() >= from && t.micros() <= endMicros) {
                List<String> states = perInstance.computeIfAbsent(t.instance(), k -> new ArrayList<>());
                if (states.isEmpty() || !states.get(states.size() - 1).equals(t.state())) {
                    states.add(t.state());
                }
            }
        }
        return perInstance.entrySet().stream().map(e -> e.getKey() + ": " + String.join(">", e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
