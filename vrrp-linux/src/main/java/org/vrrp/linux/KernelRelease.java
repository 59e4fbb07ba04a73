package org.vrrp.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The running kernel's release (major.minor), read once from /proc/sys/kernel/osrelease, for features
 * that older kernels silently ignore rather than refuse (IFA_PROTO before 5.18).
 *
 * <p>Immutable and thread-safe.
 */
record KernelRelease(int major, int minor) {
    private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)");

    private static final class Running {
        static final KernelRelease RELEASE = read();
    }

    /** The running kernel, or 0.0 if /proc does not say (then every feature test answers false). */
    static KernelRelease running() {
        return Running.RELEASE;
    }

    /** Parses "6.18.44-fc-v657"; 0.0 for text that does not start with major.minor. */
    static KernelRelease parse(String release) {
        Matcher m = VERSION.matcher(release.trim());
        return m.find() ? new KernelRelease(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)))
                : new KernelRelease(0, 0);
    }

    boolean atLeast(int wantedMajor, int wantedMinor) {
        return major > wantedMajor || (major == wantedMajor && minor >= wantedMinor);
    }

    /** Whether the kernel stores IFA_PROTO on addresses (Linux 5.18). */
    boolean keepsAddressProtocol() {
        return atLeast(5, 18);
    }

    private static KernelRelease read() {
        try {
            return parse(Files.readString(Path.of("/proc/sys/kernel/osrelease")));
        } catch (IOException | RuntimeException e) {
            return new KernelRelease(0, 0);
        }
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
