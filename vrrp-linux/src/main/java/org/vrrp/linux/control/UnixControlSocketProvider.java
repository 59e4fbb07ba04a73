package org.vrrp.linux.control;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import jnr.ffi.LibraryLoader;
import org.vrrp.spi.ControlHandler;
import org.vrrp.spi.ControlSocketProvider;

/**
 * The control socket on Linux through jnr-unixsocket: see {@link UnixControlServer}. Found with
 * {@link java.util.ServiceLoader}. Thread-safe.
 */
public final class UnixControlSocketProvider implements ControlSocketProvider {
    private static final Holder NATIVE = Holder.load();

    /** Loads libc once; remembers why it failed rather than throwing from a static initializer. */
    private record Holder(SocketLibC libc, String cause) {
        static Holder load() {
            if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
                return new Holder(null, "the control socket needs Linux (SO_PEERCRED); this is "
                        + System.getProperty("os.name"));
            }
            try {
                return new Holder(LibraryLoader.create(SocketLibC.class).load("c"), "");
            } catch (LinkageError | RuntimeException e) {
                return new Holder(null, "could not load libc through jnr-ffi (" + e + "); check that the jffi"
                        + " native library can be unpacked (java.io.tmpdir writable and not mounted noexec)");
            }
        }
    }

    @Override
    public String name() {
        return "jnr-unixsocket";
    }

    @Override
    public boolean isAvailable() {
        return NATIVE.libc() != null;
    }

    @Override
    public String unavailabilityCause() {
        return NATIVE.cause();
    }

    @Override
    public long processUid() {
        return Integer.toUnsignedLong(libc().geteuid());
    }

    @Override
    public Closeable listen(Path path, ControlHandler handler) throws IOException {
        return UnixControlServer.start(path, handler, libc());
    }

    private static SocketLibC libc() {
        if (NATIVE.libc() == null) {
            throw new IllegalStateException(NATIVE.cause());
        }
        return NATIVE.libc();
    }
}
