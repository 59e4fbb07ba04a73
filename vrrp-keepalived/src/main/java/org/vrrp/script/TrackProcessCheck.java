package org.vrrp.script;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.vrrp.HealthCheck;

/**
 * keepalived's {@code vrrp_track_process}: healthy while the number of matching processes is within
 * {@code quorum..quorumMax}, counted by reading /proc (no process is started).
 *
 * <p>Matching as keepalived (track_process.c): by default the process name, the {@code comm} field of
 * /proc/PID/stat (at most 15 characters, as the kernel keeps it), must equal {@code process}, and zombies do not
 * count. With parameters, {@code param_match} or {@code full_command}, the command line (/proc/PID/cmdline) is
 * compared instead: its first word must equal {@code process}; then the parameters: EXACT, the same ones and no
 * more; PARTIAL, these first; INITIAL, these first with the last one allowed to be longer; NONE, any.
 *
 * <p>{@code forkDelay} and {@code terminateDelay}: a change of quorum counts only once it has lasted that long
 * (keepalived times it from the process event; here from the first poll that saw it). The first result counts at
 * once, as keepalived counts processes at start. Thread-safe.
 */
public final class TrackProcessCheck implements HealthCheck {
    /** How the parameters after the process are compared. */
    public enum ParamMatch {
        /** any parameters */
        NONE,
        /** exactly these */
        EXACT,
        /** these first, more allowed */
        PARTIAL,
        /** these first, the last one may be longer, more allowed */
        INITIAL
    }

    private final Path proc;
    private final String process;
    private final List<String> params;
    private final ParamMatch match;
    private final boolean fullCommand;
    private final int quorum;
    private final int quorumMax;
    private final long forkDelayNanos;
    private final long terminateDelayNanos;
    private final LongSupplier clock;
    private Boolean reported;
    private long changeSeenNanos = -1;

    /**
     * A counter over /proc.
     *
     * @param process the process name, or with {@code fullCommand} the command's first word
     * @param params the parameters to compare
     * @param match how to compare them
     * @param fullCommand compare the command line instead of the process name
     * @param quorum fewest processes for success
     * @param quorumMax most processes for success
     * @param forkDelay how long quorum must hold before it counts
     * @param terminateDelay how long its loss must last before it counts
     */
    public TrackProcessCheck(String process, List<String> params, ParamMatch match, boolean fullCommand, int quorum,
                             int quorumMax, Duration forkDelay, Duration terminateDelay) {
        this(Path.of("/proc"), process, params, match, fullCommand, quorum, quorumMax, forkDelay, terminateDelay,
                System::nanoTime);
    }

    TrackProcessCheck(Path proc, String process, List<String> params, ParamMatch match, boolean fullCommand,
                      int quorum, int quorumMax, Duration forkDelay, Duration terminateDelay, LongSupplier clock) {
        this.proc = proc;
        this.process = Objects.requireNonNull(process, "process");
        this.params = List.copyOf(params);
        this.match = Objects.requireNonNull(match, "match");
        this.fullCommand = fullCommand;
        this.quorum = quorum;
        this.quorumMax = quorumMax;
        this.forkDelayNanos = forkDelay.toNanos();
        this.terminateDelayNanos = terminateDelay.toNanos();
        this.clock = clock;
    }

    /**
     * The same count with the opposite verdict, for an instance that tracks it with {@code reverse}.
     *
     * @return the inverted check
     */
    public HealthCheck inverted() {
        return () -> !check();
    }

    @Override
    public synchronized boolean check() throws IOException {
        long count = count();
        boolean now = count >= quorum && count <= quorumMax;
        long t = clock.getAsLong();
        if (reported == null || now == reported) {
            reported = now;
            changeSeenNanos = -1;
            return now;
        }
        if (changeSeenNanos < 0) {
            changeSeenNanos = t;
        }
        if (t - changeSeenNanos >= (now ? forkDelayNanos : terminateDelayNanos)) {
            reported = now;
            changeSeenNanos = -1;
        }
        return reported;
    }

    /** How many processes match now. */
    long count() throws IOException {
        long n = 0;
        try (Stream<Path> entries = Files.list(proc)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                String pid = p.getFileName().toString();
                if (pid.isEmpty() || pid.charAt(0) < '1' || pid.charAt(0) > '9' || !pid.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    if (fullCommand ? commandMatches(p) : nameMatches(p)) {
                        n++;
                    }
                } catch (IOException e) {
                    // the process ended while we looked: it does not count
                }
            }
        }
        return n;
    }

    private boolean nameMatches(Path pidDir) throws IOException {
        String stat = Files.readString(pidDir.resolve("stat"), StandardCharsets.ISO_8859_1);
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open) {
            return false;
        }
        boolean zombie = close + 2 < stat.length() && stat.charAt(close + 2) == 'Z';
        return !zombie && stat.substring(open + 1, close).equals(process);
    }

    private boolean commandMatches(Path pidDir) throws IOException {
        byte[] raw = Files.readAllBytes(pidDir.resolve("cmdline"));
        List<String> argv = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == 0) {
                argv.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < raw.length) {
            argv.add(new String(raw, start, raw.length - start, StandardCharsets.UTF_8));
        }
        if (argv.isEmpty() || !argv.get(0).equals(process)) {
            return false;
        }
        return paramsMatch(argv.subList(1, argv.size()));
    }

    boolean paramsMatch(List<String> actual) {
        switch (match) {
            case NONE:
                return true;
            case EXACT:
                return actual.equals(params);
            case PARTIAL:
                return actual.size() >= params.size() && actual.subList(0, params.size()).equals(params);
            default: // INITIAL
                if (params.isEmpty()) {
                    return true;
                }
                int last = params.size() - 1;
                return actual.size() >= params.size() && actual.subList(0, last).equals(params.subList(0, last))
                        && actual.get(last).startsWith(params.get(last));
        }
    }
}
