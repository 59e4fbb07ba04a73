package org.vrrp.examples.campaign;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The faults of one campaign round, in start order, from a seed: the same seed and topology give the
 * same schedule. A file holds the seed line, the round length and one {@link TimedFault#line()} per
 * fault; {@code --replay FILE} plays it again. Immutable.
 *
 * @param seed         what generated it (kept in the file for the record; replay does not regenerate)
 * @param activeMillis faults start within [0, activeMillis) of the round
 */
public record Schedule(long seed, long activeMillis, List<TimedFault> faults) {
    /** A fault is undone at most this long after the last one may start, so every round ends healed. */
    static final long LONGEST_FAULT_MILLIS = 8_000;

    public Schedule {
        faults = faults.stream().sorted(Comparator.comparingLong(TimedFault::atMillis)).toList();
    }

    /**
     * {@code count} faults drawn from {@code seed}: a kind among those each router supports (ours only:
     * control socket and GC pressure), a router, a start in [0, activeMillis), a duration per kind;
     * faults of one family on one router never overlap (draws that would are dropped). The
     * {@code longLived} router is never killed nor stopped with SIGTERM, so one process lives the whole
     * run and its file descriptors, threads and RSS can be watched for growth.
     */
    public static Schedule random(long seed, long activeMillis, int count, List<String> routers,
                                  Set<String> keepalived, String longLived) {
        Random rnd = new Random(seed);
        List<TimedFault> out = new ArrayList<>();
        TimedFault.Kind[] kinds = TimedFault.Kind.values();
        for (int draw = 0; draw < count * 4 && out.size() < count; draw++) {
            TimedFault.Kind kind = kinds[rnd.nextInt(kinds.length)];
            String router = routers.get(rnd.nextInt(routers.size()));
            long at = (long) (rnd.nextDouble() * activeMillis);
            long length = switch (kind) {
                case STOP -> 100 + rnd.nextInt(4_901); // 0.1 - 5 s
                case KILL, TERM -> 1_000 + rnd.nextInt(5_001); // down for 1 - 6 s
                default -> 500 + rnd.nextInt((int) LONGEST_FAULT_MILLIS - 499);
            };
            int value = switch (kind) {
                case LOSS -> 20 + rnd.nextInt(61);
                case SET_PRIORITY, RELOAD_PRIORITY -> 1 + rnd.nextInt(254);
                case RESIGN -> 1 + rnd.nextInt(2);
                case RELOAD_VIPS -> rnd.nextInt(2);
                default -> 0;
            };
            TimedFault f = new TimedFault(at, length, kind, router, value);
            boolean unsupported = kind.oursOnly() && keepalived.contains(router);
            boolean restartsLongLived = router.equals(longLived)
                    && (kind == TimedFault.Kind.KILL || kind == TimedFault.Kind.TERM);
            boolean overlaps = out.stream().anyMatch(o -> o.router().equals(router)
                    && o.kind().family() == kind.family() && o.atMillis() < f.endMillis() && f.atMillis() < o.endMillis());
            if (!unsupported && !restartsLongLived && !overlaps) {
                out.add(f);
            }
        }
        return new Schedule(seed, activeMillis, out);
    }

    /** This schedule without faults {@code from} (inclusive) to {@code to} (exclusive): a shrink step. */
    public Schedule without(int from, int to) {
        List<TimedFault> kept = new ArrayList<>(faults.subList(0, from));
        kept.addAll(faults.subList(to, faults.size()));
        return new Schedule(seed, activeMillis, kept);
    }

    public String text() {
        StringBuilder b = new StringBuilder("seed=" + seed + " active=" + activeMillis + "\n");
        faults.forEach(f -> b.append(f.line()).append('\n'));
        return b.toString();
    }

    public void write(Path file) {
        try {
            Files.writeString(file, text());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a file {@link #write} wrote; fails naming the file and the line. */
    public static Schedule read(Path file) {
        try {
            List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .toList();
            if (lines.isEmpty() || !lines.get(0).matches("seed=-?\\d+ active=\\d+")) {
                throw new IllegalArgumentException(file + ": first line must be 'seed=N active=MS'");
            }
            String[] head = lines.get(0).split("\\s+");
            List<TimedFault> faults = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                faults.add(TimedFault.parse(line));
            }
            return new Schedule(Long.parseLong(head[0].substring(5)), Long.parseLong(head[1].substring(7)), faults);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schedule " + file, e);
        }
    }
}
