package org.vrrp.linux;

import static org.vrrp.linux.LinuxConstants.EADDRNOTAVAIL;
import static org.vrrp.linux.LinuxConstants.EEXIST;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import jnr.ffi.Pointer;
import org.vrrp.linux.NetlinkMessages.Address;
import org.vrrp.linux.NetlinkMessages.Link;
import org.vrrp.linux.NetlinkMessages.Message;

/**
 * A NETLINK_ROUTE request socket: dumps links and addresses, adds and removes addresses, and turns the
 * kernel's errors, with their extended-ack text, into exceptions.
 *
 * <p>Thread-safety: requests are serialised on this object (one request in flight per socket, so
 * replies cannot be mixed up). The socket is blocking with a receive timeout, so a request never hangs.
 */
final class RtNetlink implements AutoCloseable {
    private static final int RECEIVE_BUFFER_BYTES = 64 * 1024;
    private static final int REPLY_TIMEOUT_SECONDS = 5;

    private final int fd;
    private final Pointer receiveBuffer = Native.allocate(RECEIVE_BUFFER_BYTES);
    private static final int SEND_BUFFER_BYTES = 4096;
    private final Pointer sendBuffer = Native.allocate(SEND_BUFFER_BYTES);
    private final Pointer kernelAddress = Native.allocate(LinuxConstants.SIZEOF_SOCKADDR_NL);
    private int sequence = 1;
    private boolean closed;

    private RtNetlink(int fd) {
        this.fd = fd;
        SocketAddresses.writeSockaddrNl(kernelAddress, 0);
    }

    /** Opens a request socket in the calling thread's namespace. */
    static RtNetlink open() throws ErrnoException {
        return new RtNetlink(Native.socket(LinuxConstants.AF_NETLINK, LinuxConstants.SOCK_RAW,
                LinuxConstants.NETLINK_ROUTE, "AF_NETLINK, NETLINK_ROUTE", null, fd -> {
            Pointer timeout = Native.allocate(16); // struct timeval { tv_sec; tv_usec }
            timeout.putLong(0, REPLY_TIMEOUT_SECONDS);
            Native.setsockopt(fd, LinuxConstants.SOL_SOCKET, LinuxConstants.SO_RCVTIMEO, timeout, 16,
                    "SO_RCVTIMEO on netlink", null);
            enableExtendedAck(fd);
        }));
    }

    /**
     * Asks for the kernel's error text and for errors that echo only the request header. Kernels before
     * 4.12 lack these options; errors then come without text, which is no reason to fail.
     */
    static void enableExtendedAck(int fd) {
        for (int option : new int[] {LinuxConstants.NETLINK_EXT_ACK, LinuxConstants.NETLINK_CAP_ACK}) {
            try {
                Native.setsockoptInt(fd, LinuxConstants.SOL_NETLINK, option, 1, "netlink ack option " + option);
            } catch (ErrnoException ignored) {
                // older kernel: plain errors
            }
        }
    }

    /** Every link in the socket's namespace. */
    synchronized List<Link> links() throws ErrnoException {
        List<Link> out = new ArrayList<>();
        for (Message m : dump(LinuxConstants.RTM_GETLINK, 0, "list interfaces (RTM_GETLINK)")) {
            if (m.type() == LinuxConstants.RTM_NEWLINK) {
                out.add(NetlinkMessages.link(m));
            }
        }
        return out;
    }

    /** Every address of one family (AF_INET or AF_INET6) in the socket's namespace. */
    synchronized List<Address> addresses(int family) throws ErrnoException {
        List<Address> out = new ArrayList<>();
        for (Message m : dump(LinuxConstants.RTM_GETADDR, family, "list addresses (RTM_GETADDR)")) {
            if (m.type() == LinuxConstants.RTM_NEWADDR) {
                out.add(NetlinkMessages.address(m));
            }
        }
        return out;
    }

    /**
     * Adds an address, marked with IFA_PROTO {@link LinuxConstants#IFAPROT_VRRP}; one that is already
     * there is not an error (and is left as it is, unmarked if it was).
     *
     * @param label an IPv4 address label (IFA_LABEL), or null for none
     * @return true if the kernel created it, false if it was already there
     */
    boolean addAddress(int interfaceIndex, byte[] address, int prefixLength, String label, String description)
            throws ErrnoException {
        return changeAddress(LinuxConstants.RTM_NEWADDR, EEXIST, interfaceIndex, address, prefixLength, label,
                "add address " + description + " (RTM_NEWADDR)");
    }

    /** One RTM_NEWADDR of a batch: the arguments of {@link #addAddress}. */
    record AddressAdd(int interfaceIndex, byte[] address, int prefixLength, String label, String description) {
    }

    /**
     * Adds several addresses with as few sends as fit the send buffer (usually one), then collects the kernel's
     * acks: one round trip for all instead of one per address. The kernel handles the requests of one send in
     * order and acks each, so one refusal does not stop the others. Each result is as {@link #addAddress}'s: true
     * if created, false if already there (EEXIST), or the failure.
     *
     * @param adds the addresses, in order
     * @param results told the outcome of each, in order
     */
    synchronized void addAddresses(List<AddressAdd> adds, BatchResults results) throws ErrnoException {
        int i = 0;
        while (i < adds.size()) {
            int first = i;
            int firstSequence = sequence + 1;
            int bytes = 0;
            List<byte[]> requests = new ArrayList<>();
            while (i < adds.size()) {
                AddressAdd a = adds.get(i);
                byte[] request = NetlinkMessages.addressRequest(LinuxConstants.RTM_NEWADDR, firstSequence + (i - first),
                        a.interfaceIndex(), a.address(), a.prefixLength(), a.label());
                if (bytes + request.length > SEND_BUFFER_BYTES && !requests.isEmpty()) {
                    break; // the rest go in the next send
                }
                requests.add(request);
                bytes += request.length;
                i++;
            }
            sequence = firstSequence + requests.size() - 1;
            int offset = 0;
            for (byte[] r : requests) {
                sendBuffer.put(offset, r, 0, r.length);
                offset += r.length;
            }
            sendBuffered(bytes, "add addresses (RTM_NEWADDR)");
            Ack[] acks = new Ack[requests.size()];
            int pending = acks.length;
            while (pending > 0) {
                for (Message m : receive("add addresses (RTM_NEWADDR)")) {
                    int k = m.sequence() - firstSequence;
                    if (m.type() != LinuxConstants.NLMSG_ERROR || k < 0 || k >= acks.length || acks[k] != null) {
                        continue; // a late reply to an earlier, timed-out request
                    }
                    acks[k] = Ack.of(m);
                    pending--;
                }
            }
            for (int k = 0; k < acks.length; k++) {
                AddressAdd a = adds.get(first + k);
                int errno = acks[k].errno();
                if (errno == 0 || errno == EEXIST) {
                    results.done(first + k, errno == 0);
                } else {
                    results.failed(first + k, acks[k].failure("add address " + a.description() + " (RTM_NEWADDR)"));
                }
            }
        }
    }

    /** What became of each address of {@link #addAddresses}, by its index in the batch. */
    interface BatchResults {
        void done(int index, boolean created);

        void failed(int index, ErrnoException failure);
    }

    /** Removes an address; one that is not there is not an error. */
    void removeAddress(int interfaceIndex, byte[] address, int prefixLength, String description)
            throws ErrnoException {
        changeAddress(LinuxConstants.RTM_DELADDR, EADDRNOTAVAIL, interfaceIndex, address, prefixLength, null,
                "remove address " + description + " (RTM_DELADDR)");
    }

    /**
     * Sends a link request built by {@link NetlinkMessages} ({@code newMacvlanRequest}, {@code setUpRequest},
     * ...) and waits for the kernel's answer.
     *
     * @param request the request; its sequence number is replaced by this socket's next one
     * @param harmlessErrno an errno that is not a failure (e.g. ENODEV when deleting), or 0 for none
     * @return 0, or {@code harmlessErrno} if the kernel answered that
     * @throws ErrnoException any other answer, with the kernel's text
     */
    synchronized int changeLink(byte[] request, int harmlessErrno, String operation) throws ErrnoException {
        ByteBuffer.wrap(request).order(ByteOrder.nativeOrder()).putInt(8, nextSequence());
        Ack ack = acknowledged(request, operation);
        if (ack.errno() != 0 && ack.errno() != harmlessErrno) {
            throw ack.failure(operation);
        }
        return ack.errno();
    }

    /** @return true if the kernel did it, false if it answered {@code harmlessErrno} */
    private synchronized boolean changeAddress(int type, int harmlessErrno, int interfaceIndex, byte[] address,
                                               int prefixLength, String label, String operation)
            throws ErrnoException {
        Ack ack = acknowledged(NetlinkMessages.addressRequest(type, nextSequence(), interfaceIndex, address,
                prefixLength, label), operation);
        if (ack.errno() != 0 && ack.errno() != harmlessErrno) {
            throw ack.failure(operation);
        }
        return ack.errno() == 0;
    }

    /** The kernel's answer to a request: a positive errno (0 for success) and its extended-ack text. */
    record Ack(int errno, String kernelText) {
        /** The answer an NLMSG_ERROR message carries. */
        static Ack of(Message m) {
            return new Ack(-NetlinkMessages.errorCode(m), NetlinkMessages.extendedAckMessage(m));
        }

        ErrnoException failure(String operation) {
            String advice = Advice.netAdmin(errno);
            if (kernelText != null) {
                advice = (advice.isEmpty() ? "" : advice + "; ") + "kernel says: " + kernelText;
            }
            return new ErrnoException(operation, errno, advice);
        }
    }

    private int nextSequence() {
        return ++sequence;
    }

    private void send(byte[] request, String what) throws ErrnoException {
        checkNotClosed();
        sendBuffer.put(0, request, 0, request.length);
        sendBuffered(request.length, what);
    }

    /** Sends the first {@code length} bytes of the send buffer: one request, or several back to back. */
    private void sendBuffered(int length, String what) throws ErrnoException {
        checkNotClosed();
        try {
            Native.sendto(fd, sendBuffer, length, kernelAddress, LinuxConstants.SIZEOF_SOCKADDR_NL);
        } catch (ErrnoException e) {
            throw e.as("sendto(netlink: " + what + ")", Advice::netAdmin);
        }
    }

    private void checkNotClosed() {
        if (closed) {
            throw new IllegalStateException("netlink socket closed: the network stack was closed");
        }
    }

    private List<Message> receive(String what) throws ErrnoException {
        long n = Native.recvBlocking(fd, receiveBuffer, RECEIVE_BUFFER_BYTES, "netlink: " + what);
        byte[] bytes = new byte[(int) n];
        receiveBuffer.get(0, bytes, 0, bytes.length);
        return NetlinkMessages.parse(ByteBuffer.wrap(bytes));
    }

    /** Sends a request with NLM_F_ACK and waits for its answer. */
    private Ack acknowledged(byte[] request, String what) throws ErrnoException {
        int seq = ByteBuffer.wrap(request).order(ByteOrder.nativeOrder()).getInt(8);
        send(request, what);
        while (true) {
            for (Message m : receive(what)) {
                if (m.sequence() != seq || m.type() != LinuxConstants.NLMSG_ERROR) {
                    continue; // a late reply to an earlier, timed-out request
                }
                return Ack.of(m);
            }
        }
    }

    private List<Message> dump(int type, int family, String what) throws ErrnoException {
        int seq = nextSequence();
        send(NetlinkMessages.dumpRequest(type, family, seq), what);
        List<Message> out = new ArrayList<>();
        while (true) {
            for (Message m : receive(what)) {
                if (m.sequence() != seq) {
                    continue;
                }
                if (m.type() == LinuxConstants.NLMSG_DONE) {
                    return out;
                }
                if (m.type() == LinuxConstants.NLMSG_ERROR) {
                    throw Ack.of(m).failure(what);
                }
                out.add(m);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Native.close(fd);
        }
    }
}
