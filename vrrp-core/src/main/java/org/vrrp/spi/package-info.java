/**
 * The service-provider interface an operating-system adapter implements: open a VRRP channel on an
 * interface and family, add and remove addresses, announce them (gratuitous ARP, unsolicited NA),
 * report link state, and optionally serve a local control socket. Adapters are found with {@link
 * java.util.ServiceLoader} ({@link org.vrrp.spi.NetworkProvider}, {@link
 * org.vrrp.spi.ControlSocketProvider}); vrrp-linux and vrrp-testing's simulated LAN implement it.
 * Threading: an adapter delivers packets and link events on its own I/O thread through the handlers
 * it is given, and must accept calls from the router's protocol thread; each type states what more it
 * guarantees.
 */
package org.vrrp.spi;
