/**
 * Internal. The VRRP state machine, one {@link org.vrrp.protocol.VirtualRouterMachine} per instance,
 * driven with {@code handle(input, nowNanos)}, {@code pollTimeout()} and {@code pollAction()}; its
 * sealed {@link org.vrrp.protocol.Input} and {@link org.vrrp.protocol.Action} types, the timer maths
 * in centiseconds ({@link org.vrrp.protocol.TimerMath}), the tracking policy (links, health checks,
 * weights, FAULT) and sync groups. It does no I/O, reads no clock and starts no thread. Threading:
 * not thread-safe; everything here is owned and called by one thread, the router's protocol thread
 * (or the simulated LAN's).
 */
package org.vrrp.protocol;
