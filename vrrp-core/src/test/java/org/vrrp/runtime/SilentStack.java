package org.vrrp.runtime;

import org.vrrp.spi.LinkListener;
import org.vrrp.spi.NetworkStack;
import org.vrrp.spi.VirtualAddress;

/**
 * A {@link NetworkStack} for the runtime's tests on which everything succeeds and nothing is kept: addresses are
 * added (and never found present), links are watched, interfaces exist. A test overrides what it looks at, and
 * {@link #openChannel} always (usually with a {@link StubChannel}).
 */
abstract class SilentStack implements NetworkStack {
    @Override
    public boolean addAddress(VirtualAddress address) {
        return true;
    }

    @Override
    public void removeAddress(VirtualAddress address) {
    }

    @Override
    public boolean hasAddress(VirtualAddress address) {
        return false;
    }

    @Override
    public void announce(VirtualAddress address) {
    }

    @Override
    public boolean watchLink(String interfaceName, LinkListener listener) {
        return true;
    }

    @Override
    public boolean interfaceExists(String interfaceName) {
        return true;
    }

    @Override
    public void close() {
    }
}
