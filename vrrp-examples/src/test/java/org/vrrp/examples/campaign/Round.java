package org.vrrp.examples.campaign;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vrrp.examples.differential.Clock;

/**
 * Plays one {@link Schedule} on a running {@link Lan}: each fault at its time and its undo
 * {@code forMillis} later (faults overlap), then waits until every router runs again and checks
 * {@link Invariant#CONVERGED}; then the event checks of the round's window ({@link EventChecks}).
 * From the fault thread only.
 */
final class Round {
    /** How often the convergence check reads the routers' addresses. */
    private static final long POLL_MILLIS = 100;

    /** A fault as it happened: when it was applied and undone (wall-clock micros; -1: not yet). */
    static final class Applied {
        final TimedFault fault;
        final long startMicros;
        final String table;
        volatile long endMicros = -1;

        Applied(TimedFault fault, long startMicros, String table) {
            this.fault = fault;
            this.startMicros = startMicros;
            this.table = table;
        }
    }

    private record Step(long atMillis, int index, boolean undo) {
    }

    private Round() {
    }

    /** Plays {@code schedule}; returns the number of violations it added to {@code tally}. */
    static int play(Lan lan, Sampler sampler, Tally tally, Schedule schedule) throws InterruptedException {
        int before = tally.violationCount();
        FaultActions actions = new FaultActions(lan, tally);
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < schedule.faults().size(); i++) {
            TimedFault f = schedule.faults().get(i);
            steps.add(new Step(f.atMillis(), i, false));
            steps.add(new Step(f.endMillis(), i, true));
        }
        steps.sort(Comparator.comparingLong(Step::atMillis).thenComparing(Step::undo));
        Map<Integer, Applied> applied = new HashMap<>();
        List<Applied> history = new ArrayList<>();
        long start = Clock.nowMicros();
        for (Step s : steps) {
            Clock.sleepUntil(start + s.atMillis() * 1000);
            TimedFault f = schedule.faults().get(s.index());
            if (!s.undo()) {
                long at = Clock.nowMicros();
                String table;
                try {
                    table = actions.apply(f);
                } catch (AssertionError | RuntimeException e) {
                    // e.g. a signal to a process that just exited on its own (the sampler reports that)
                    System.out.println("could not apply " + f + ": " + e.getMessage());
                    table = null;
                }
                tally.fault(f.kind(), table != null);
                if (table != null) {
                    Applied a = new Applied(f, at, table);
                    applied.put(s.index(), a);
                    history.add(a);
                }
            } else {
                Applied a = applied.remove(s.index());
                if (a != null) {
                    try {
                        actions.undo(f, a.table);
                    } catch (AssertionError | RuntimeException e) {
                        // what stays undone shows in the convergence check
                        System.out.println("could not undo " + f + ": " + e.getMessage());
                    }
                    a.endMicros = Clock.nowMicros();
                }
            }
        }
        actions.restorePending();
        lan.awaitReady(tally);
        long quiet = Clock.nowMicros();
        checkConverged(lan, tally, quiet);
        EventChecks.run(lan, sampler, tally, history, start, Clock.nowMicros());
        return tally.violationCount() - before;
    }

    /**
     * Master_Down_Interval of the slowest backup (the lowest priority of any instance) plus one
     * advert interval: RFC 3768 section 6.1, Skew_Time (256 - priority) / 256 s whatever the interval.
     */
    static long boundMillis(Lan lan) {
        int lowest = lan.slots().stream().mapToInt(r -> Math.min(r.configured.priority1(), r.configured.priority2()))
                .min().orElseThrow();
        return 3_000L * RouterConf.ADVERT_SECONDS + (256 - lowest) * 1000L / 256 + 1000L * RouterConf.ADVERT_SECONDS;
    }

    /**
     * From {@code quietMicros} (every fault undone, every router running) until the bound, reads every
     * router's addresses; the last read must show the state the RFC and the conf call for. Records how
     * long after {@code quietMicros} it held from then on.
     */
    private static void checkConverged(Lan lan, Tally tally, long quietMicros) throws InterruptedException {
        long deadline = quietMicros + boundMillis(lan) * 1000;
        long heldSince = -1;
        String last;
        do {
            Map<RouterSlot, Set<String>> held = new HashMap<>();
            for (RouterSlot r : lan.slots()) {
                held.put(r, lan.vipsOn(r));
            }
            last = wrong(lan, held);
            long now = Clock.nowMicros();
            if (last == null && heldSince < 0) {
                heldSince = now;
            } else if (last != null) {
                heldSince = -1;
            }
            Thread.sleep(POLL_MILLIS);
        } while (Clock.nowMicros() < deadline);
        tally.checked(Invariant.CONVERGED);
        if (last != null) {
            tally.violation(Invariant.CONVERGED, boundMillis(lan) + " ms after the last fault was undone and every"
                    + " router ran: " + last);
        } else {
            tally.figure("convergence after the last undo", (heldSince - quietMicros) / 1000);
        }
    }

    /** What is wrong with who holds what, or null if it is as it should be. */
    static String wrong(Lan lan, Map<RouterSlot, Set<String>> held) {
        List<String> problems = new ArrayList<>();
        RouterSlot top = lan.slots().stream().max(Comparator.comparingInt((RouterSlot r) -> r.configured.priority1())
                .thenComparingInt(r -> r.index)).orElseThrow();
        for (int instance = 1; instance <= 2; instance++) {
            List<String> vips = RouterConf.of(1).vips(instance);
            List<RouterSlot> full = new ArrayList<>();
            Set<String> partial = new HashSet<>();
            for (RouterSlot r : lan.slots()) {
                Set<String> mine = new HashSet<>(held.get(r));
                mine.retainAll(vips);
                if (mine.size() == vips.size()) {
                    full.add(r);
                } else if (!mine.isEmpty()) {
                    partial.add(r.name + " " + mine);
                }
            }
            if (full.size() != 1 || !partial.isEmpty()) {
                problems.add("VRID " + (50 + instance) + " held in full by " + full + (partial.isEmpty() ? ""
                        : ", in part by " + partial));
            } else if (instance == 1 && full.get(0) != top) {
                problems.add("VRID 51 (preempt) held by " + full.get(0) + ", not by " + top + " (highest priority)");
            }
        }
        for (RouterSlot r : lan.slots()) {
            if (held.get(r).contains(RouterConf.EXTRA_VIP)) {
                problems.add(r + " holds " + RouterConf.EXTRA_VIP + ", which no conf lists any more");
            }
        }
        return problems.isEmpty() ? null : String.join("; ", problems);
    }
}
