package org.vrrp.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jnr.ffi.Pointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vrrp.linux.NetlinkMessages.Link;
import org.vrrp.linux.NetlinkMessages.Message;
import org.vrrp.spi.LinkListener;

/**
 * Reports carrier changes of watched interfaces from the kernel's RTNLGRP_LINK notifications. "Up"
 * means IFF_UP and IFF_LOWER_UP together: a cable pull or a peer going down clears only LOWER_UP
 * (pitfall 8). Listeners hear the state once when they start watching, then each change, in order,
 * on the I/O thread. If the kernel drops notifications (ENOBUFS), the watcher re-reads every link and
 * reports what changed.
 *
 * <p>Thread-safety: the watch table is touched on the I/O thread only; {@link #watch} hops onto it.
 */
final class LinkWatcher {
    private static final Logger LOG = LoggerFactory.getLogger(LinkWatcher.class);
    private static final int ENOBUFS = 105;
    private static final int RECEIVE_BUFFER_BYTES = 64 * 1024;

    private final int fd;
    private final IoLoop loop;
    private final LinkTable links;
    private final Runnable onAnyChange;
    private final Pointer receiveBuffer = Native.allocate(RECEIVE_BUFFER_BYTES);
    private final Map<String, List<Watch>> watches = new HashMap<>();

    /** Reads the kernel's current links; used for the initial state and after lost notifications. */
    @FunctionalInterface
    interface LinkTable {
        List<Link> links() throws IOException;
    }

    private static final class Watch {
        final LinkListener listener;
        boolean up;

        Watch(LinkListener listener, boolean up) {
            this.listener = listener;
            this.up = up;
        }
    }

    /**
     * @param onAnyChange told (on the I/O thread) of every link notification, watched link or not, and of lost
     *                    ones: whatever the stack keeps of the links may be stale
     */
    LinkWatcher(int fd, IoLoop loop, LinkTable links, Runnable onAnyChange) {
        this.fd = fd;
        this.loop = loop;
        this.links = links;
        this.onAnyChange = onAnyChange;
        loop.register(fd, this::drain);
    }

    /** A non-blocking netlink socket subscribed to link notifications, in the calling thread's namespace. */
    static int openSocket() throws ErrnoException {
        return Native.socket(LinuxConstants.AF_NETLINK, LinuxConstants.SOCK_RAW | LinuxConstants.SOCK_NONBLOCK,
                LinuxConstants.NETLINK_ROUTE, "AF_NETLINK, NETLINK_ROUTE (link notifications)", null, fd -> {
            RawVrrpChannel.setReceiveBuffer(fd, RawVrrpChannel.SO_RCVBUF_BYTES);
            Pointer address = Native.allocate(LinuxConstants.SIZEOF_SOCKADDR_NL);
            SocketAddresses.writeSockaddrNl(address, LinuxConstants.RTMGRP_LINK);
            Native.bind(fd, address, LinuxConstants.SIZEOF_SOCKADDR_NL, "netlink RTMGRP_LINK");
        });
    }

    /**
     * Starts watching; the listener is told the current state (on the I/O thread) before any change.
     *
     * @return the current state
     * @throws IOException if the interface does not exist (the message lists those that do)
     */
    boolean watch(String interfaceName, LinkListener listener, InterfaceNotFound notFound) throws IOException {
        return loop.call(() -> {
            // Read the state on the I/O thread: any notification after this read is processed after it.
            Link link = find(links.links(), interfaceName);
            if (link == null) {
                throw notFound.exception(interfaceName);
            }
            boolean up = link.upWithCarrier();
            watches.computeIfAbsent(interfaceName, n -> new ArrayList<>()).add(new Watch(listener, up));
            notify(listener, interfaceName, up);
            return up;
        });
    }

    /** Builds the "no such interface" error, which lists the interfaces there are. */
    @FunctionalInterface
    interface InterfaceNotFound {
        IOException exception(String interfaceName) throws IOException;
    }

    private static Link find(List<Link> all, String name) {
        for (Link l : all) {
            if (l.name().equals(name)) {
                return l;
            }
        }
        return null;
    }

    private void drain() throws IOException {
        while (true) {
            long n;
            try {
                n = Native.recvNonBlocking(fd, receiveBuffer, RECEIVE_BUFFER_BYTES, "netlink link notifications");
            } catch (ErrnoException e) {
                if (e.errno() != ENOBUFS) {
                    throw e;
                }
                LOG.warn("link notifications were lost (socket buffer full); re-reading all links");
                onAnyChange.run();
                resynchronise();
                continue;
            }
            if (n < 0) {
                return;
            }
            byte[] bytes = new byte[(int) n];
            receiveBuffer.get(0, bytes, 0, bytes.length);
            for (Message m : NetlinkMessages.parse(ByteBuffer.wrap(bytes))) {
                if (m.type() == LinuxConstants.RTM_NEWLINK || m.type() == LinuxConstants.RTM_DELLINK) {
                    onAnyChange.run();
                }
                if (m.type() == LinuxConstants.RTM_NEWLINK) {
                    Link link = NetlinkMessages.link(m);
                    update(link.name(), link.upWithCarrier());
                } else if (m.type() == LinuxConstants.RTM_DELLINK) {
                    update(NetlinkMessages.link(m).name(), false);
                }
            }
        }
    }

    private void resynchronise() throws IOException {
        List<Link> all = links.links();
        for (String name : List.copyOf(watches.keySet())) {
            Link link = find(all, name);
            update(name, link != null && link.upWithCarrier());
        }
    }

    private void update(String name, boolean up) {
        List<Watch> list = watches.get(name);
        if (list == null) {
            return;
        }
        for (Watch w : list) {
            if (w.up != up) {
                w.up = up;
                notify(w.listener, name, up);
            }
        }
    }

    private static void notify(LinkListener listener, String name, boolean up) {
        try {
            listener.onLinkChange(name, up);
        } catch (RuntimeException e) {
            LOG.error("link listener for {} threw; continuing", name, e);
        }
    }
}
