/**
 * The pure VRRP codec: the {@link org.vrrp.packet.VrrpPacket} record, encode and decode of versions 2
 * and 3 over IPv4 and IPv6, the checksum in both IPv4 v3 forms ({@link
 * org.vrrp.packet.ChecksumForm}), the protocol limits ({@link org.vrrp.packet.VrrpLimits}) and typed
 * {@link org.vrrp.packet.DecodeError}s that map one to one to counters. Structure only: what a packet
 * means is the state machine's business. Threading: values are immutable; the encoder and decoder
 * keep no state between calls and do no I/O, so they may be used from any thread, each call with its
 * own buffers.
 */
package org.vrrp.packet;
