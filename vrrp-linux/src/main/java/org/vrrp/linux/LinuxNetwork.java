package org.vrrp.linux;

/**
 * Pre-flight check for the Linux adapter: is this Linux, does libc load through jnr-ffi, does this
 * process hold CAP_NET_RAW and CAP_NET_ADMIN in its effective set ({@link Capabilities}), and may it
 * open a raw IP socket and a netlink socket. The answer is computed once, on first use, in the JVM's
 * own network namespace; {@link LinuxNetworkProvider#open} checks the capabilities again each time.
 *
 * <p>Thread-safe.
 */
public final class LinuxNetwork {
    private LinuxNetwork() {
    }

    private static final class Probe {
        static final String CAUSE = probe();
    }

    /**
     * Whether {@link LinuxNetworkProvider} can work here.
     *
     * @return whether {@link LinuxNetworkProvider} can work here
     */
    public static boolean isAvailable() {
        return Probe.CAUSE.isEmpty();
    }

    /**
     * Why it cannot, with what to do about it; the empty string when it can.
     *
     * @return the unavailability cause
     */
    public static String unavailabilityCause() {
        return Probe.CAUSE;
    }

    private static String probe() {
        String os = System.getProperty("os.name", "");
        if (!os.toLowerCase(java.util.Locale.ROOT).startsWith("linux")) {
            return "vrrp-linux needs Linux; this is " + os;
        }
        if (Native.loadFailure() != null) {
            return "libc could not be loaded through jnr-ffi (" + Native.loadFailure()
                    + "); if /tmp is mounted noexec, point -Djffi.extract.dir at a directory that allows exec";
        }
        String capabilities = Capabilities.missing(Capabilities.effective());
        if (!capabilities.isEmpty()) {
            return capabilities;
        }
        try {
            Native.close(Native.socket(LinuxConstants.AF_INET, LinuxConstants.SOCK_RAW, LinuxConstants.IPPROTO_VRRP,
                    "AF_INET, SOCK_RAW, IPPROTO_VRRP", Advice::netRaw));
            Native.close(Native.socket(LinuxConstants.AF_NETLINK, LinuxConstants.SOCK_RAW,
                    LinuxConstants.NETLINK_ROUTE, "AF_NETLINK, NETLINK_ROUTE", null));
        } catch (ErrnoException e) {
            return e.getMessage();
        } catch (RuntimeException | LinkageError e) {
            return "native calls through jnr-ffi fail: " + e;
        }
        return "";
    }
}
