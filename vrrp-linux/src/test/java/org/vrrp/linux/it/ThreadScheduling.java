package org.vrrp.linux.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The kernel's view of a process's threads: each thread's name ({@code /proc/PID/task/TID/comm}, which the
 * kernel cuts to 15 bytes) with its scheduling policy and real-time priority (fields 41 and 40 of
 * {@code /proc/PID/task/TID/stat}, proc(5)).
 */
public final class ThreadScheduling {
    /** The kernel's TASK_COMM_LEN is 16 with the NUL: longer names are cut. */
    public static final int COMM_BYTES = 15;
    public static final int SCHED_OTHER = 0;
    public static final int SCHED_RR = 2;

    private ThreadScheduling() {
    }

    /** One thread's name and scheduling. */
    public record Sched(long tid, String comm, int policy, int rtPriority) {
    }

    /** {@code threadName} as it appears in comm. */
    public static String comm(String threadName) {
        return threadName.length() <= COMM_BYTES ? threadName : threadName.substring(0, COMM_BYTES);
    }

    /**
     * Every live thread of process {@code pid}.
     *
     * @param pid a process id, or "self"
     */
    public static List<Sched> of(String pid) {
        List<Sched> threads = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", pid, "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String comm = Files.readString(task.resolve("comm")).strip();
                    String stat = Files.readString(task.resolve("stat"));
                    // Field 2 is "(comm)", which may hold spaces and parentheses: count from the last ')'.
                    String[] rest = stat.substring(stat.lastIndexOf(')') + 2).strip().split(" ");
                    int rtPriority = Integer.parseInt(rest[40 - 3]);
                    int policy = Integer.parseInt(rest[41 - 3]);
                    threads.add(new Sched(Long.parseLong(task.getFileName().toString()), comm, policy, rtPriority));
                } catch (NoSuchFileException ended) {
                    // the thread ended while we listed
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return threads;
    }

    /** The one thread of {@code pid} named {@code threadName} (cut as comm is). */
    public static Sched thread(String pid, String threadName) {
        List<Sched> named = of(pid).stream().filter(t -> t.comm().equals(comm(threadName))).toList();
        if (named.size() != 1) {
            throw new AssertionError(named.size() + " threads named " + comm(threadName) + " in " + of(pid));
        }
        return named.get(0);
    }
}
