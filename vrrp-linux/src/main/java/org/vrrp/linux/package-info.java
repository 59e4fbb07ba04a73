/**
 * The network SPI on Linux through jnr-ffi: raw VRRP sockets for IPv4 and IPv6, rtnetlink address add
 * and remove and link watching, gratuitous ARP and unsolicited neighbour advertisements, network
 * namespaces. {@link org.vrrp.linux.LinuxNetworkProvider} is the entry point, found by {@link
 * java.util.ServiceLoader}; the native bindings are package-private. Threading: each stack has one
 * I/O thread ({@code vrrp-<router>-io}) polling all its sockets and an eventfd; handlers run on it
 * one at a time, and the public methods state which may be called from any thread.
 */
package org.vrrp.linux;
