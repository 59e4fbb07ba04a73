package org.vrrp.examples.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vrrp.examples.differential.Clock;

/**
 * A daemon thread reading, every {@value #PERIOD_MILLIS} ms: the client's neighbour entries for the
 * VIPs (with the time the read finished), whether each router that should run does (an exit nobody
 * asked for is a {@link Invariant#NO_CRASH} violation), when each new process first printed; and
 * every 10 s each process's fds, threads and RSS from /proc. Its lists are read under its lock.
 */
final class Sampler implements AutoCloseable {
    static final long PERIOD_MILLIS = 200;
    private static final long RESOURCES_EVERY_MICROS = 10_000_000;

    /** The client's neighbour table at {@code micros}: VIP -> MAC. */
    record Neighbours(long micros, Map<String, String> macs) {
    }

    private final Lan lan;
    private final Tally tally;
    private final List<Neighbours> neighbours = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private long lastResources;

    Sampler(Lan lan, Tally tally) {
        this.lan = lan;
        this.tally = tally;
        this.thread = new Thread(this::loop, "campaign-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                sampleOnce();
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | AssertionError e) {
                // a namespace command that failed (e.g. while closing): try again next period
            }
        }
    }

    private void sampleOnce() {
        Map<String, String> macs = lan.clientNeighbours();
        long now = Clock.nowMicros();
        synchronized (neighbours) {
            neighbours.add(new Neighbours(now, macs));
        }
        boolean resources = now - lastResources >= RESOURCES_EVERY_MICROS;
        if (resources) {
            lastResources = now;
        }
        for (RouterSlot r : lan.slots()) {
            RouterSlot.Incarnation inc = r.incarnation();
            if (inc.firstOutputMicros < 0 && !r.process.log().isEmpty()) {
                inc.firstOutputMicros = Clock.nowMicros();
            }
            if (r.expectedAlive && !r.process.isAlive() && !inc.crashReported) {
                inc.crashReported = true;
                tally.violation(Invariant.NO_CRASH, r + " exited on its own\n" + Lan.tail(r.process.log()));
            }
            if (resources && r.expectedAlive) {
                long[] res = r.resources();
                if (res != null) {
                    synchronized (inc.samples) {
                        inc.samples.add(new long[] {now, res[0], res[1], res[2]});
                    }
                }
            }
        }
    }

    /** The neighbour samples taken within [fromMicros, toMicros]. */
    List<Neighbours> neighbours(long fromMicros, long toMicros) {
        synchronized (neighbours) {
            return neighbours.stream().filter(n -> n.micros() >= fromMicros && n.micros() <= toMicros).toList();
        }
    }

    /** Drops samples before {@code micros}: the long run keeps only what the next checks need. */
    void forgetBefore(long micros) {
        synchronized (neighbours) {
            neighbours.removeIf(n -> n.micros() < micros);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5_000);
    }
}
