/**
 * The local control socket on Linux: a Unix-domain socket whose peers are identified by {@code
 * SO_PEERCRED} and authorised before a command runs; it carries the lines of {@code org.vrrp.control}
 * to a router. Found by {@link java.util.ServiceLoader} as a {@link
 * org.vrrp.spi.ControlSocketProvider}. Threading: the server accepts and serves connections on its
 * own daemon threads; a request blocks its connection's thread, never the protocol thread.
 */
package org.vrrp.linux.control;
