/**
 * The public API of an embeddable VRRP router (RFC 3768, RFC 9568): {@link org.vrrp.VrrpRouter} with
 * its builder and immutable configuration records ({@link org.vrrp.VrrpRouterConfig}, {@link
 * org.vrrp.InstanceConfig}, {@link org.vrrp.GarpConfig}), {@link org.vrrp.VrrpListener} and the
 * {@link org.vrrp.StateChange} it receives with a typed {@link org.vrrp.Reason}, {@link
 * org.vrrp.HealthCheck}, and read-only stats. Threading: configuration values are immutable and
 * thread-safe; a {@code VrrpRouter} may be called from any thread (its work runs on the router's
 * protocol thread); listener callbacks run in order on the listener executor, never on the protocol
 * thread, and may be stale by the time they run (their opposite then follows).
 */
package org.vrrp;
