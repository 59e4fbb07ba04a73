package org.vrrp.runtime;

import io.netty.buffer.ByteBuf;
import java.net.InetAddress;
import java.util.function.Consumer;
import org.vrrp.packet.AddressFamily;
import org.vrrp.spi.VrrpChannel;

/**
 * A {@link VrrpChannel} for the runtime's tests: an interface, a family and a local address; each advert sent is
 * handed to {@code sent} (read it there: the buffer is reused).
 */
record StubChannel(String interfaceName, AddressFamily family, InetAddress localAddress, Consumer<ByteBuf> sent)
        implements VrrpChannel {
    @Override
    public void send(ByteBuf message, InetAddress destination) {
        sent.accept(message);
    }

    @Override
    public void close() {
    }
}
