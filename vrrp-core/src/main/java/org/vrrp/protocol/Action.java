package org.vrrp.protocol;

import java.util.List;
import org.vrrp.Reason;
import org.vrrp.VrrpState;
import org.vrrp.packet.VrrpPacket;
import org.vrrp.spi.VirtualAddress;

/** What a {@link VirtualRouterMachine} asks its driver to do, in order. A closed set. */
public sealed interface Action {
    /** Send this advertisement on the instance's channel (to the group, or to each unicast peer). */
    record SendAdvert(VrrpPacket packet) implements Action {}

    /** Put the virtual addresses on their interfaces. */
    record AddAddresses(List<VirtualAddress> addresses) implements Action {}

    /** Take the virtual addresses off their interfaces. */
    record RemoveAddresses(List<VirtualAddress> addresses) implements Action {}

    /** Send one gratuitous ARP / unsolicited NA for each address. */
    record Announce(List<VirtualAddress> addresses) implements Action {}

    /** The instance changed state; the driver numbers it, stamps it and tells the listeners. */
    record Transition(VrrpState from, VrrpState to, Reason reason, int priority) implements Action {}

    /** The effective priority changed (no transition by itself); the driver logs it with its reason. */
    record PriorityChanged(int from, int to, Reason reason) implements Action {}

    /**
     * Something an operator should hear about, e.g. a peer with another auth type. {@code key} groups
     * repeats of the same condition so that the driver can rate-limit the log; a key about one peer is
     * {@code CONDITION@PEER}, so that the driver can also bound how many peers it names per condition
     * (sources can be forged).
     */
    record Warning(String key, String message) implements Action {}
}
