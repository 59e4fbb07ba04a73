package org.vrrp.examples.campaign;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of a campaign: checks and violations per invariant, faults applied and skipped per kind,
 * convergence times. Thread-safe (the sampler thread reports crashes while the fault thread plays).
 */
final class Tally {
    /** A broken invariant: when, and what was seen. */
    record Violation(Invariant invariant, long atMicros, String detail) {
    }

    private final Map<Invariant, long[]> checks = new EnumMap<>(Invariant.class); // {checked, violated}
    private final Map<String, long[]> faults = new TreeMap<>(); // {applied, skipped}
    private final List<Violation> violations = new ArrayList<>();
    private final Map<String, List<Long>> figures = new TreeMap<>();

    synchronized void checked(Invariant i) {
        checks.computeIfAbsent(i, k -> new long[2])[0]++;
    }

    synchronized void violation(Invariant i, String detail) {
        checks.computeIfAbsent(i, k -> new long[2])[1]++;
        Violation v = new Violation(i, org.vrrp.examples.differential.Clock.nowMicros(), detail);
        violations.add(v);
        System.out.println("VIOLATION " + i + ": " + detail);
    }

    synchronized void fault(TimedFault.Kind kind, boolean applied) {
        faults.computeIfAbsent(kind.name(), k -> new long[2])[applied ? 0 : 1]++;
    }

    /** A measured time, e.g. how long convergence took: the report gives median and max per name. */
    synchronized void figure(String name, long millis) {
        figures.computeIfAbsent(name, k -> new ArrayList<>()).add(millis);
    }

    synchronized List<Violation> violations() {
        return List.copyOf(violations);
    }

    synchronized int violationCount() {
        return violations.size();
    }

    synchronized long faultsApplied() {
        return faults.values().stream().mapToLong(c -> c[0]).sum();
    }

    /** The table the long run prints and docs/failure-modes.md quotes. */
    synchronized String report() {
        StringBuilder b = new StringBuilder("invariant                    checked  violated\n");
        for (Invariant i : Invariant.values()) {
            long[] c = checks.getOrDefault(i, new long[2]);
            b.append(String.format("%-28s %7d  %8d%n", i, c[0], c[1]));
        }
        b.append("fault                        applied   skipped\n");
        faults.forEach((k, c) -> b.append(String.format("%-28s %7d  %8d%n", k, c[0], c[1])));
        b.append(String.format("faults applied in all: %d%n", faultsApplied()));
        figures.forEach((name, values) -> {
            List<Long> sorted = values.stream().sorted().toList();
            b.append(String.format("%s (ms): median %d, max %d, n %d%n", name, sorted.get(sorted.size() / 2),
                    sorted.get(sorted.size() - 1), sorted.size()));
        });
        return b.toString();
    }
}
