/**
 * Internal. The driver that runs the state machines: the protocol thread ({@code
 * vrrp-<router>-protocol}) that feeds them inputs and carries out their actions through the SPI, the
 * receive path (decode, count, rate-limited log, demux by VRID) called on the adapter's I/O thread,
 * the action executor, the stats collector, health-check scheduling ({@code vrrp-<router>-health-*})
 * and the listener dispatcher ({@code vrrp-<router>-listener}). Exported only to vrrp-testing.
 * Threading: each class states which of these threads it runs on; state owned by the protocol thread
 * is touched by no other.
 */
package org.vrrp.runtime;
