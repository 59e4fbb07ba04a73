package org.vrrp.examples.differential;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A router's transitions as its notify script saw them: keepalived and {@code vrrp run} both call the
 * generic {@code notify} script with {@code INSTANCE|GROUP NAME STATE PRIORITY}; the script appends them
 * to a file behind {@code date +%s%N}. Also the router's health check: a script that passes while a flag
 * file exists.
 */
public final class NotifyLog {
    private static final Pattern LINE = Pattern.compile("^(\\d+) INSTANCE (\\S+) (\\S+)");

    /** {@code router}'s instance {@code instance} entered {@code state} at {@code micros}. */
    record Transition(long micros, String router, String instance, String state) {
    }

    private final String router;
    private final Path log;
    private final Path notifyScript;
    private final Path checkScript;
    private final Path healthy;

    private NotifyLog(String router, Path dir) {
        this.router = router;
        this.log = dir.resolve(router + "-notify.log");
        this.notifyScript = dir.resolve(router + "-notify.sh");
        this.checkScript = dir.resolve(router + "-check.sh");
        this.healthy = dir.resolve(router + "-healthy");
    }

    /** Writes both scripts into {@code dir}. */
    public static NotifyLog create(String router, Path dir, boolean healthy) {
        NotifyLog n = new NotifyLog(router, dir);
        executable(n.notifyScript, "echo \"$(date +%s%N) $*\" >> " + n.log);
        executable(n.checkScript, "test -f " + n.healthy);
        n.setHealthy(healthy);
        return n;
    }

    /** The conf template with its {@code @NOTIFY@} and {@code @CHECK@} filled in. */
    public String fill(String template) {
        return template.replace("@NOTIFY@", notifyScript.toString()).replace("@CHECK@", checkScript.toString());
    }

    public void setHealthy(boolean pass) {
        try {
            if (pass) {
                Files.writeString(healthy, "ok\n");
            } else {
                Files.deleteIfExists(healthy);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Transition> transitions() {
        List<Transition> out = new ArrayList<>();
        try {
            if (!Files.exists(log)) {
                return out;
            }
            for (String line : Files.readAllLines(log)) {
                Matcher m = LINE.matcher(line);
                if (m.find()) {
                    out.add(new Transition(Long.parseLong(m.group(1)) / 1000, router, m.group(2), m.group(3)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Whether every instance that reported has {@code state} as its latest state. */
    boolean allIn(String state) {
        java.util.Map<String, String> latest = new java.util.HashMap<>();
        transitions().forEach(t -> latest.put(t.instance(), t.state()));
        return !latest.isEmpty() && latest.values().stream().allMatch(state::equals);
    }

    private static void executable(Path file, String body) {
        try {
            Files.writeString(file, "#!/bin/sh\n" + body + "\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
