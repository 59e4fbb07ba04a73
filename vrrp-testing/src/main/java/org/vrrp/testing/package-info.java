/**
 * Testing support: {@link org.vrrp.testing.SimulatedLan}, simulated hosts running real routers (the
 * same runtime, state machine and codec as in production) on a virtual clock with seeded randomness,
 * loss, delay and partitions, and the JUnit 5 extension {@link org.vrrp.testing.VrrpTest}. Lets users
 * test their own failover callbacks without root. Threading: single-threaded and deterministic; a
 * simulation and its routers are driven by the one thread that calls them, and listener callbacks run
 * on that thread, in order.
 */
package org.vrrp.testing;
