/**
 * The differential harness of issue 11: keepalived 2.2.7 is the oracle for {@code vrrp run -f}.
 *
 * <p>A {@link org.vrrp.examples.differential.Scenario} is written once (routers with their
 * keepalived.conf, the role under test, a {@link org.vrrp.examples.differential.Fault} script, the VIPs
 * to watch, what keepalived is expected to show). {@link org.vrrp.examples.differential.Runner} runs it
 * twice in fresh namespaces ({@code TestNetwork}), keepalived in the role and then ours, every other
 * router keepalived. It observes from outside only: {@link org.vrrp.examples.differential.AddressMonitor}
 * ({@code ip -ts monitor address} per router), {@link org.vrrp.examples.differential.NotifyLog} (the
 * generic notify script, timestamped) and {@code WireAdverts} (tcpdump on each segment).
 * {@link org.vrrp.examples.differential.Comparison} then asserts the same holders in the same order and
 * each takeover time within tolerance, or the scenario's stated {@link
 * org.vrrp.examples.differential.Deviation}. Faults whose takeover runs from the last advert heard are
 * applied 100 ms after an advert, so the phase of the advert clock does not add up to an interval of noise.
 *
 * <p>Run: {@code mvn -B -pl vrrp-examples -am verify -Dit.test=DifferentialIT -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false} as root (add
 * {@code -Ddifferential.only=TEXT} for the scenarios whose name contains TEXT). The table goes to
 * {@code vrrp-examples/target/differential-results.txt}.
 */
package org.vrrp.examples.differential;
