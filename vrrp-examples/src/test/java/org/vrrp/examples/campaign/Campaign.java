package org.vrrp.examples.campaign;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.vrrp.examples.differential.Clock;
import org.vrrp.linux.it.ScratchDirectory;

/**
 * The randomised fault campaign (issue 15): builds a {@link Lan}, then plays rounds of seeded random
 * overlapping faults ({@link Schedule}), each followed by the convergence check, until the duration or
 * the list of schedules runs out; prints per-invariant and per-fault counts. A round that breaks an
 * invariant has its seed and schedule printed and written to {@code OUT/failure-SEED.txt};
 * {@code --replay FILE} plays such a file again, {@code --shrink FILE} also drops faults while the
 * same invariant still breaks and writes the smallest schedule found.
 *
 * <pre>
 * campaign [--impl ours|keepalived|mixed] [--routers 3..5] [--duration 20m | --rounds N] [--seed N]
 *          [--active SECONDS] [--faults N] [--out DIR] [--replay FILE | --shrink FILE]
 * </pre>
 * Exit status 0: no violation; 1: at least one; 2: bad arguments. Run it as root (vrrp-examples/campaign/run.sh).
 */
public final class Campaign {
    /** The command line, parsed. */
    record Options(Lan.Impl impl, int routers, long durationMillis, int rounds, long seed, long activeMillis,
                   int faults, Path out, Path replay, boolean shrink, List<Long> seeds, List<Path> regressions) {
        static Options defaults() {
            return new Options(Lan.Impl.OURS, 4, -1, -1, System.nanoTime() & 0xffff_ffffL, 30_000, 12,
                    Path.of("campaign-out"), null, false, List.of(), List.of());
        }
    }

    /** What a campaign found. */
    record Result(Tally tally, List<Path> failures) {
    }

    private Campaign() {
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("campaign: " + e.getMessage());
            System.exit(2);
            return;
        }
        Result r = run(o);
        System.exit(r.tally().violationCount() == 0 ? 0 : 1);
    }

    static Options parse(String[] args) {
        Options o = Options.defaults();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            String v = args[++i];
            o = switch (a) {
                case "--impl" -> with(o, Lan.Impl.valueOf(v.toUpperCase(Locale.ROOT)), o.routers(), o.durationMillis(),
                        o.rounds(), o.seed(), o.activeMillis(), o.faults(), o.out(), o.replay(), o.shrink());
                case "--routers" -> {
                    int n = Integer.parseInt(v);
                    if (n < 3 || n > 5) {
                        throw new IllegalArgumentException("--routers must be 3 to 5, got " + v);
                    }
                    yield with(o, o.impl(), n, o.durationMillis(), o.rounds(), o.seed(), o.activeMillis(), o.faults(),
                            o.out(), o.replay(), o.shrink());
                }
                case "--duration" -> with(o, o.impl(), o.routers(), duration(v), -1, o.seed(), o.activeMillis(),
                        o.faults(), o.out(), o.replay(), o.shrink());
                case "--rounds" -> with(o, o.impl(), o.routers(), -1, Integer.parseInt(v), o.seed(), o.activeMillis(),
                        o.faults(), o.out(), o.replay(), o.shrink());
                case "--seed" -> with(o, o.impl(), o.routers(), o.durationMillis(), o.rounds(), Long.parseLong(v),
                        o.activeMillis(), o.faults(), o.out(), o.replay(), o.shrink());
                case "--active" -> with(o, o.impl(), o.routers(), o.durationMillis(), o.rounds(), o.seed(),
                        Long.parseLong(v) * 1000, o.faults(), o.out(), o.replay(), o.shrink());
                case "--faults" -> with(o, o.impl(), o.routers(), o.durationMillis(), o.rounds(), o.seed(),
                        o.activeMillis(), Integer.parseInt(v), o.out(), o.replay(), o.shrink());
                case "--out" -> with(o, o.impl(), o.routers(), o.durationMillis(), o.rounds(), o.seed(),
                        o.activeMillis(), o.faults(), Path.of(v), o.replay(), o.shrink());
                case "--replay", "--shrink" -> with(o, o.impl(), o.routers(), o.durationMillis(), o.rounds(), o.seed(),
                        o.activeMillis(), o.faults(), o.out(), Path.of(v), a.equals("--shrink"));
                default -> throw new IllegalArgumentException("unknown option " + a + " (options: --impl --routers"
                        + " --duration --rounds --seed --active --faults --out --replay --shrink)");
            };
        }
        return o;
    }

    private static Options with(Options o, Lan.Impl impl, int routers, long duration, int rounds, long seed,
                                long active, int faults, Path out, Path replay, boolean shrink) {
        return new Options(impl, routers, duration, rounds, seed, active, faults, out, replay, shrink, o.seeds(),
                o.regressions());
    }

    /** {@code 90}, {@code 90s}, {@code 20m}, {@code 2h}. */
    static long duration(String v) {
        long unit = v.endsWith("h") ? 3_600_000 : v.endsWith("m") ? 60_000 : 1000;
        return Long.parseLong(v.replaceAll("[hms]$", "")) * unit;
    }

    /**
     * Runs the campaign {@code o} describes: the schedule files of {@code o.regressions()}, then the
     * schedules of {@code o.seeds()} if any, else seeds
     * {@code seed, seed+1, ...} until the duration or round count is reached (one round if neither
     * is given), or the one schedule of {@code --replay}/{@code --shrink}.
     */
    static Result run(Options o) throws Exception {
        Files.createDirectories(o.out());
        Tally tally = new Tally();
        List<Path> failures = new ArrayList<>();
        System.out.printf("campaign: impl %s, %d routers, base seed %d%n", o.impl(), o.routers(), o.seed());
        try (ScratchDirectory dir = ScratchDirectory.create("vrrp-campaign-");
             Lan lan = Lan.start(o.impl(), o.routers(), dir.path());
             Sampler sampler = new Sampler(lan, tally)) {
            List<String> names = lan.slots().stream().map(s -> s.name).toList();
            Set<String> keepalived = lan.slots().stream().filter(s -> s.keepalived).map(s -> s.name)
                    .collect(Collectors.toSet());
            String longLived = names.get(names.size() - 1);
            long started = System.currentTimeMillis();
            if (o.replay() != null) {
                Schedule s = Schedule.read(o.replay());
                Schedule smallest = o.shrink() ? shrink(lan, sampler, tally, s) : s;
                if (o.shrink()) {
                    Path file = o.out().resolve("shrunk-" + s.seed() + ".txt");
                    smallest.write(file);
                    System.out.println("shrunk to " + smallest.faults().size() + " faults: " + file + "\n"
                            + smallest.text());
                } else {
                    playAndRecord(lan, sampler, tally, s, o.out(), failures);
                }
            } else {
                for (Path regression : o.regressions()) {
                    Schedule s = Schedule.read(regression);
                    System.out.printf("regression schedule %s: %d faults%n", regression.getFileName(), s.faults().size());
                    playAndRecord(lan, sampler, tally, s, o.out(), failures);
                }
                List<Long> seeds = new ArrayList<>(o.seeds());
                for (int round = 0; ; round++) {
                    boolean more = !seeds.isEmpty() ? round < seeds.size()
                            : o.durationMillis() > 0 ? System.currentTimeMillis() - started < o.durationMillis()
                            : round < Math.max(1, o.rounds());
                    if (!more) {
                        break;
                    }
                    long seed = !seeds.isEmpty() ? seeds.get(round) : o.seed() + round;
                    Schedule s = Schedule.random(seed, o.activeMillis(), o.faults(), names, keepalived, longLived);
                    System.out.printf("round %d: seed %d, %d faults%n", round, seed, s.faults().size());
                    playAndRecord(lan, sampler, tally, s, o.out(), failures);
                    sampler.forgetBefore(Clock.nowMicros() - 60_000_000);
                }
            }
            checkResources(lan, tally);
            System.out.printf("campaign ran %d s%n%s", (System.currentTimeMillis() - started) / 1000, tally.report());
        }
        return new Result(tally, failures);
    }

    private static void playAndRecord(Lan lan, Sampler sampler, Tally tally, Schedule s, Path out, List<Path> failures)
            throws InterruptedException {
        int before = tally.violations().size();
        long from = Clock.nowMicros();
        int broken = Round.play(lan, sampler, tally, s);
        if (broken > 0) {
            Path evidence = out.resolve("failure-" + s.seed() + "-evidence.txt");
            try {
                Files.writeString(evidence, RoundEvidence.collect(lan, from, Clock.nowMicros()));
            } catch (java.io.IOException | RuntimeException e) {
                System.out.println("could not write " + evidence + ": " + e);
            }
            Path file = out.resolve("failure-" + s.seed() + ".txt");
            StringBuilder text = new StringBuilder();
            tally.violations().subList(before, tally.violations().size()).forEach(v -> text.append("# ")
                    .append(v.invariant()).append(": ").append(v.detail().replace("\n", "\n# ")).append('\n'));
            text.append(s.text());
            try {
                Files.writeString(file, text);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            failures.add(file);
            System.out.println("round with seed " + s.seed() + " broke " + broken + " invariant(s); schedule in "
                    + file + " (replay: --replay " + file + "), evidence in " + evidence + "\n" + s.text());
        }
    }

    /**
     * Removes halves, then quarters, ... then single faults while the same first invariant still
     * breaks; each try is a full round on the same network.
     */
    static Schedule shrink(Lan lan, Sampler sampler, Tally tally, Schedule s) throws InterruptedException {
        Invariant target = firstBroken(lan, sampler, s);
        if (target == null) {
            System.out.println("shrink: the schedule does not fail here; nothing to shrink");
            return s;
        }
        System.out.println("shrink: target " + target);
        Schedule current = s;
        for (int chunk = Math.max(1, current.faults().size() / 2); chunk >= 1; chunk /= 2) {
            for (int from = 0; from < current.faults().size(); ) {
                Schedule candidate = current.without(from, Math.min(current.faults().size(), from + chunk));
                if (target == firstBroken(lan, sampler, candidate)) {
                    current = candidate;
                    System.out.println("shrink: " + current.faults().size() + " faults still break " + target);
                } else {
                    from += chunk;
                }
            }
        }
        return current;
    }

    private static Invariant firstBroken(Lan lan, Sampler sampler, Schedule s) throws InterruptedException {
        Tally t = new Tally();
        Round.play(lan, sampler, t, s);
        return t.violations().isEmpty() ? null : t.violations().get(0).invariant();
    }

    /**
     * Each process life of 5 min or more: fds and threads at the end (the least of the last 3 samples)
     * against the most in its second and third minute; its largest RSS. Also counts process lives
     * for {@link Invariant#NO_CRASH}.
     */
    static void checkResources(Lan lan, Tally tally) {
        for (RouterSlot r : lan.slots()) {
            List<RouterSlot.Incarnation> incs;
            synchronized (r.incarnations) {
                incs = List.copyOf(r.incarnations);
            }
            for (RouterSlot.Incarnation inc : incs) {
                tally.checked(Invariant.NO_CRASH);
                List<long[]> s;
                synchronized (inc.samples) {
                    s = List.copyOf(inc.samples);
                }
                if (s.isEmpty()) {
                    continue;
                }
                long maxRss = s.stream().mapToLong(x -> x[3]).max().orElse(0);
                long life = s.get(s.size() - 1)[0] - inc.spawnMicros;
                long[] base = s.stream().filter(x -> x[0] - inc.spawnMicros >= 60_000_000
                        && x[0] - inc.spawnMicros <= 180_000_000).reduce((a, b) -> new long[] {0,
                        Math.max(a[1], b[1]), Math.max(a[2], b[2]), 0}).orElse(null);
                long[] end = s.subList(Math.max(0, s.size() - 3), s.size()).stream().reduce((a, b) -> new long[] {0,
                        Math.min(a[1], b[1]), Math.min(a[2], b[2]), 0}).orElseThrow();
                System.out.printf("%s process of %d s: fds %d -> %d, threads %d -> %d, max RSS %d MB%n", r,
                        life / 1_000_000, s.get(0)[1], s.get(s.size() - 1)[1], s.get(0)[2], s.get(s.size() - 1)[2],
                        maxRss / 1024);
                if (life < 300_000_000L || base == null) {
                    continue;
                }
                tally.checked(Invariant.RESOURCES_BOUNDED);
                if (end[1] - base[1] > 8 || end[2] - base[2] > 10 || maxRss > 400 * 1024) {
                    tally.violation(Invariant.RESOURCES_BOUNDED, String.format("%s over %d s: fds %d -> %d,"
                            + " threads %d -> %d, max RSS %d MB", r, life / 1_000_000, base[1], end[1], base[2], end[2],
                            maxRss / 1024));
                }
            }
        }
    }
}
