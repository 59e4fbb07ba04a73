package org.vrrp.examples.hardening;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends {@link HostileTraffic} from a namespace at a fixed rate for a fixed time, on a thread of its own
 * (which {@link RawIpv4Sender} moves into the namespace and which ends with the flood). Paced by the
 * clock, not by sleeps per packet: it catches up after a late wake-up, so the average rate holds.
 */
final class Flooder {
    /**
     * What was sent: per kind, the packets the kernel took; those it refused (ENOBUFS); how long it took
     * and the CPU time the flooding thread used (building packets and the sendto calls).
     */
    record Result(Map<HostileTraffic.Kind, Long> sent, long refused, Duration took, Duration cpu) {
        long total() {
            return sent.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private Flooder() {
    }

    /** Starts flooding 224.0.0.18 on {@code ifname} of {@code namespace}; the future completes when done. */
    static CompletableFuture<Result> start(String namespace, String ifname, HostileTraffic traffic,
                                           int packetsPerSecond, Duration duration) {
        CompletableFuture<Result> done = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (RawIpv4Sender sender = RawIpv4Sender.open(namespace, ifname, InetAddress.getByName("224.0.0.18"))) {
                Map<HostileTraffic.Kind, Long> sent = HostileTraffic.emptyCounts();
                long refused = 0;
                long start = System.nanoTime();
                long end = start + duration.toNanos();
                long count = 0;
                while (true) {
                    long now = System.nanoTime();
                    if (now >= end) {
                        break;
                    }
                    long due = (now - start) * packetsPerSecond / 1_000_000_000L;
                    while (count < due) {
                        HostileTraffic.Packet p = traffic.next();
                        count++;
                        if (sender.send(p.datagram())) {
                            sent.merge(p.kind(), 1L, Long::sum);
                        } else {
                            refused++;
                        }
                    }
                    LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(500));
                }
                done.complete(new Result(sent, refused, Duration.ofNanos(System.nanoTime() - start),
                        Duration.ofNanos(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime())));
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, "flooder-" + namespace);
        t.setDaemon(true);
        t.start();
        return done;
    }
}
