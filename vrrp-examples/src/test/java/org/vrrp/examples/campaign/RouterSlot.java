package org.vrrp.examples.campaign;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.vrrp.examples.differential.Clock;
import org.vrrp.examples.differential.NotifyLog;
import org.vrrp.examples.differential.RouterProcess;
import org.vrrp.linux.it.Host;

/**
 * One router role of the campaign: its namespace, which implementation runs in it, its configured and
 * current conf, and the process now running (a new one after each restart), with what the campaign
 * expects of it (alive or not) and the resource samples of each process it ran. Fields the sampler
 * thread reads are volatile; only the fault thread changes them.
 */
final class RouterSlot implements AutoCloseable {
    /** Heap of each router JVM while GC pressure is on, MB/s, from BenchJvm's two allocator threads. */
    static final int GC_PRESSURE_MB_PER_S = 150;

    /** One process's life: when it was spawned, when it first printed, its /proc samples. */
    static final class Incarnation {
        final long spawnMicros;
        volatile long firstOutputMicros = -1;
        /** Addresses of the VIP pool on the interface when it was spawned (left by a killed predecessor). */
        final Set<String> leftovers;
        final List<long[]> samples = new ArrayList<>(); // {micros, fds, threads, rssKb}
        volatile boolean crashReported;
        volatile long endMicros = -1;

        Incarnation(long spawnMicros, Set<String> leftovers) {
            this.spawnMicros = spawnMicros;
            this.leftovers = leftovers;
        }
    }

    final String name;
    final int index;
    final Host host;
    final boolean keepalived;
    final RouterConf configured;
    private final NotifyLog check;
    private final Path allocateWhile;
    volatile RouterConf current;
    volatile RouterProcess process;
    /** False from a kill or SIGTERM until the restart: an exit then is no crash. */
    volatile boolean expectedAlive;
    /** A control-socket undo did not get through (router stopped or dead); set the priorities again at the end. */
    boolean controlRestorePending;
    final List<Incarnation> incarnations = new ArrayList<>();

    RouterSlot(String name, int index, Host host, boolean keepalived, Path dir) {
        this.name = name;
        this.index = index;
        this.host = host;
        this.keepalived = keepalived;
        this.configured = RouterConf.of(index);
        this.current = configured;
        this.check = NotifyLog.create(name, dir, true);
        this.allocateWhile = dir.resolve(name + "-allocate");
    }

    /** Starts a process on the current conf, noting which VIPs it finds on the interface. */
    void spawn(Set<String> leftovers) {
        Incarnation inc = new Incarnation(Clock.nowMicros(), leftovers);
        String conf = check.fill(current.text());
        process = keepalived ? RouterProcess.keepalived(host, conf)
                : RouterProcess.startOurs(host, conf, allocateWhile, GC_PRESSURE_MB_PER_S);
        synchronized (incarnations) {
            incarnations.add(inc);
        }
        expectedAlive = true;
    }

    Incarnation incarnation() {
        synchronized (incarnations) {
            return incarnations.get(incarnations.size() - 1);
        }
    }

    /** Whether the process has started working: ours logged "running", keepalived entered a state. */
    boolean ready() {
        String log = process.log();
        return keepalived ? log.contains("Entering ") : log.contains("] running ");
    }

    /**
     * Rewrites the conf and sends SIGHUP, once the process has printed something: before that it may not
     * handle the signal yet (a JVM's own SIGHUP action is to exit; so is the kernel's default before
     * the JVM has started), and it reads the rewritten file at start anyway.
     */
    void rewriteAndReload(RouterConf conf) {
        current = conf;
        if (process.isAlive()) {
            process.rewrite(check.fill(conf.text()));
            try {
                org.vrrp.linux.it.Poll.until(java.time.Duration.ofSeconds(30), this + " printing",
                        () -> !process.log().isEmpty() || !process.isAlive());
            } catch (AssertionError e) {
                return; // it does not start; the ready check reports it
            }
            process.signal("HUP");
        }
    }

    void setHealthy(boolean pass) {
        check.setHealthy(pass);
    }

    void setGcPressure(boolean on) {
        try {
            if (on) {
                Files.writeString(allocateWhile, "on\n");
            } else {
                Files.deleteIfExists(allocateWhile);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {fds, threads, rssKb} of the process and its children (keepalived's VRRP child), or null if gone. */
    long[] resources() {
        long pid = process.pid().getAsLong();
        List<Long> pids = new ArrayList<>(List.of(pid));
        ProcessHandle.of(pid).ifPresent(h -> h.children().forEach(c -> pids.add(c.pid())));
        long fds = 0;
        long threads = 0;
        long rss = 0;
        for (long p : pids) {
            try (Stream<Path> fd = Files.list(Path.of("/proc/" + p + "/fd"));
                 Stream<Path> task = Files.list(Path.of("/proc/" + p + "/task"))) {
                fds += fd.count();
                threads += task.count();
                for (String line : Files.readAllLines(Path.of("/proc/" + p + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        rss += Long.parseLong(line.replaceAll("\\D", ""));
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (p == pid) {
                    return null;
                }
            }
        }
        return new long[] {fds, threads, rss};
    }

    @Override
    public void close() {
        setGcPressure(false);
        if (process != null) {
            process.close();
        }
    }

    @Override
    public String toString() {
        return name + (keepalived ? " (keepalived)" : " (ours)");
    }
}
