package org.vrrp.linux;

import java.io.IOException;
import org.vrrp.spi.NetworkProvider;
import org.vrrp.spi.NetworkStack;

/**
 * The network SPI on Linux, found by {@link java.util.ServiceLoader} under the name {@code "linux"}.
 * Each {@link #open} returns an independent stack with its own I/O thread and sockets, optionally in a
 * named network namespace (/var/run/netns/NAME); stacks in several namespaces can run in one JVM.
 *
 * <p>Needs CAP_NET_RAW and CAP_NET_ADMIN, plus CAP_SYS_ADMIN to open a stack in another namespace
 * (docs/operations.md). Thread-safe and stateless.
 */
public final class LinuxNetworkProvider implements NetworkProvider {
    /** For {@link java.util.ServiceLoader}. */
    public LinuxNetworkProvider() {
    }

    @Override
    public String name() {
        return "linux";
    }

    @Override
    public boolean isAvailable() {
        return LinuxNetwork.isAvailable();
    }

    @Override
    public String unavailabilityCause() {
        return LinuxNetwork.unavailabilityCause();
    }

    /**
     * Opens a stack. On failure it leaves no descriptor and no thread behind.
     *
     * @param networkNamespace a name under /var/run/netns, or null for the JVM's own namespace
     * @throws IOException naming the missing namespace, or the missing capability and how to grant it
     */
    @Override
    public NetworkStack open(String networkNamespace) throws IOException {
        if (!LinuxNetwork.isAvailable() && Native.loadFailure() != null) {
            throw new IOException(LinuxNetwork.unavailabilityCause());
        }
        String capabilities = Capabilities.missing(Capabilities.effective());
        if (!capabilities.isEmpty()) {
            throw new IOException(capabilities);
        }
        return LinuxNetworkStack.open(networkNamespace);
    }
}
