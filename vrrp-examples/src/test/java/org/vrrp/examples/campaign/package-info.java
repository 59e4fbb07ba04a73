/**
 * The randomised fault campaign of issue 15: routers ({@code vrrp run} or keepalived 2.2.7) and a client
 * in network namespaces ({@link org.vrrp.examples.campaign.Lan}), rounds of seeded random overlapping
 * faults ({@link org.vrrp.examples.campaign.Schedule}, {@link org.vrrp.examples.campaign.FaultActions}),
 * and invariants judged from outside the routers ({@link org.vrrp.examples.campaign.Invariant}): kernel
 * address events, the client's neighbour table, the adverts on the wire, /proc. The long run is
 * {@link org.vrrp.examples.campaign.Campaign} ({@code vrrp-examples/campaign/run.sh}); the bounded CI run
 * is {@link org.vrrp.examples.campaign.CampaignIT}. See docs/failure-modes.md#randomised-fault-campaign.
 */
package org.vrrp.examples.campaign;
