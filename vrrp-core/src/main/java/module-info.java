/**
 * The VRRP protocol core: the public API ({@code org.vrrp}), the packet codec, the network SPI
 * and Micrometer metrics. The state machine ({@code org.vrrp.protocol}), the runtime that drives it
 * ({@code org.vrrp.runtime}) and the control protocol ({@code org.vrrp.control}) are internal: they
 * are exported only to the modules of this project that need them, by name.
 *
 * <p>An OS adapter (vrrp-linux, or the simulated LAN of vrrp-testing) is found with
 * {@link java.util.ServiceLoader} through {@link org.vrrp.spi.NetworkProvider}.
 */
// "module": the qualified exports name modules built after this one, so javac cannot see them here.
// "requires-(transitive-)automatic": netty-buffer and Micrometer are automatic modules, with stable names.
@SuppressWarnings({"module", "requires-automatic", "requires-transitive-automatic"})
module org.vrrp {
    requires org.slf4j;
    // VrrpChannel.send takes a ByteBuf: an adapter's code sees netty-buffer through us.
    requires transitive io.netty.buffer;
    // Metrics are optional: VrrpMeterBinder is usable only when the application brings Micrometer.
    requires static transitive micrometer.core;

    exports org.vrrp;
    exports org.vrrp.spi;
    exports org.vrrp.metrics;
    // The codec's value types (AddressFamily, ChecksumForm, DecodeError, VrrpLimits) appear in the API.
    exports org.vrrp.packet;

    // The control-socket protocol: served by vrrp-linux's Unix socket, spoken by the vrrp tool.
    exports org.vrrp.control to org.vrrp.linux, org.vrrp.tool;
    // SimulatedRouter drives a RouterEngine on the simulated LAN's virtual clock.
    exports org.vrrp.runtime to org.vrrp.testing;
    // The machine itself is exported to nobody: vrrp-testing's tests reach it with --add-exports.

    uses org.vrrp.RouterRuntime.Factory;
    uses org.vrrp.spi.NetworkProvider;
    uses org.vrrp.spi.ControlSocketProvider;

    provides org.vrrp.RouterRuntime.Factory with org.vrrp.runtime.RouterDriver.Factory;
}
