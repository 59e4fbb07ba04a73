package org.vrrp;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

// Over 300 lines: a plain value class, one field, one accessor and one builder setter per counter; no logic.
/**
 * A snapshot of one instance, taken on the protocol thread so that its fields agree with each other. Immutable and
 * safe to share between threads.
 *
 * <p>A class with accessors rather than a record so that a counter can be added without breaking callers: new
 * fields get a new accessor and a new {@link Builder} setter, and existing code keeps compiling. Instances are made
 * by the runtime through {@link #builder()}; fields not set keep their zero value (null for objects, empty maps).
 */
public final class InstanceStats {
    private final String name;
    private final VrrpState state;
    private final Duration timeInState;
    private final StateChange lastTransition;
    private final int configuredPriority;
    private final int effectivePriority;
    private final Map<String, Integer> healthContributions;
    private final InetAddress masterAddress;
    private final int masterPriority;
    private final int masterAdvertIntervalCentis;
    private final long becameMaster;
    private final long advertsSent;
    private final long advertsReceived;
    private final long priorityZeroSent;
    private final long priorityZeroReceived;
    private final long ttlErrors;
    private final long versionErrors;
    private final long authErrors;
    private final long intervalErrors;
    private final long addressListErrors;
    private final Map<String, String> peerChecksumForms;
    private final long peersNotHearingUs;
    private final long syncGroupHeldTakeovers;
    private final long transitions;
    private final long vipAddErrors;
    private final long ownAddressAdverts;
    private final long unknownPeerErrors;

    private InstanceStats(Builder b) {
        this.name = b.name;
        this.state = b.state;
        this.timeInState = b.timeInState;
        this.lastTransition = b.lastTransition;
        this.configuredPriority = b.configuredPriority;
        this.effectivePriority = b.effectivePriority;
        this.healthContributions = b.healthContributions == null ? Map.of() : b.healthContributions;
        this.masterAddress = b.masterAddress;
        this.masterPriority = b.masterPriority;
        this.masterAdvertIntervalCentis = b.masterAdvertIntervalCentis;
        this.becameMaster = b.becameMaster;
        this.advertsSent = b.advertsSent;
        this.advertsReceived = b.advertsReceived;
        this.priorityZeroSent = b.priorityZeroSent;
        this.priorityZeroReceived = b.priorityZeroReceived;
        this.ttlErrors = b.ttlErrors;
        this.versionErrors = b.versionErrors;
        this.authErrors = b.authErrors;
        this.intervalErrors = b.intervalErrors;
        this.addressListErrors = b.addressListErrors;
        this.peerChecksumForms = b.peerChecksumForms == null ? Map.of() : b.peerChecksumForms;
        this.peersNotHearingUs = b.peersNotHearingUs;
        this.syncGroupHeldTakeovers = b.syncGroupHeldTakeovers;
        this.transitions = b.transitions;
        this.vipAddErrors = b.vipAddErrors;
        this.ownAddressAdverts = b.ownAddressAdverts;
        this.unknownPeerErrors = b.unknownPeerErrors;
    }

    /**
     * A builder with every field at its zero value; used by the runtime, and by tests that need a snapshot.
     *
     * @return a builder with every field at its zero value; used by the runtime, and by tests that need a snapshot
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return instance name */
    public String name() {
        return name;
    }

    /** @return state now */
    public VrrpState state() {
        return state;
    }

    /** @return how long it has been in that state */
    public Duration timeInState() {
        return timeInState;
    }

    /** @return the last transition, or null before the first */
    public StateChange lastTransition() {
        return lastTransition;
    }

    /** @return priority as configured or last set with {@link VrrpRouter#setPriority} */
    public int configuredPriority() {
        return configuredPriority;
    }

    /** @return priority after health-check weights */
    public int effectivePriority() {
        return effectivePriority;
    }

    /** @return health check name to what it adds to the priority now (0 when it adds nothing) */
    public Map<String, Integer> healthContributions() {
        return healthContributions;
    }

    /** @return the master's address (ours when MASTER), or null if none heard */
    public InetAddress masterAddress() {
        return masterAddress;
    }

    /** @return the master's priority (0 if none heard) */
    public int masterPriority() {
        return masterPriority;
    }

    /** @return the master's advert interval in centiseconds */
    public int masterAdvertIntervalCentis() {
        return masterAdvertIntervalCentis;
    }

    /** @return times this instance became MASTER */
    public long becameMaster() {
        return becameMaster;
    }

    /** @return adverts sent */
    public long advertsSent() {
        return advertsSent;
    }

    /** @return adverts received for this VRID (before the instance's own checks) */
    public long advertsReceived() {
        return advertsReceived;
    }

    /** @return priority-0 adverts sent (resigning) */
    public long priorityZeroSent() {
        return priorityZeroSent;
    }

    /** @return priority-0 adverts received */
    public long priorityZeroReceived() {
        return priorityZeroReceived;
    }

    /** @return adverts dropped for TTL / hop limit other than 255 */
    public long ttlErrors() {
        return ttlErrors;
    }

    /** @return adverts dropped for another VRRP version */
    public long versionErrors() {
        return versionErrors;
    }

    /** @return adverts dropped for another auth type or password (v2) */
    public long authErrors() {
        return authErrors;
    }

    /** @return v2 adverts dropped for another interval */
    public long intervalErrors() {
        return intervalErrors;
    }

    /** @return adverts whose address list differs from ours */
    public long addressListErrors() {
        return addressListErrors;
    }

    /** @return checksum form each peer was last seen using */
    public Map<String, String> peerChecksumForms() {
        return peerChecksumForms;
    }

    /** @return times a lower-priority peer kept advertising as master while we were master (it does not hear us: usually a firewall dropping protocol 112) */
    public long peersNotHearingUs() {
        return peersNotHearingUs;
    }

    /** @return times this instance's down timer fired but its sync group stayed put because another member still heard a master */
    public long syncGroupHeldTakeovers() {
        return syncGroupHeldTakeovers;
    }

    /** @return state changes of this instance since the router started */
    public long transitions() {
        return transitions;
    }

    /** @return times the kernel refused to add a VIP; each sends the instance to FAULT (priority 0 on the wire, so a backup takes over) instead of MASTER */
    public long vipAddErrors() {
        return vipAddErrors;
    }

    /** @return adverts for this VRID that came from this host's own address (another router on this host, or a duplicate address), dropped */
    public long ownAddressAdverts() {
        return ownAddressAdverts;
    }

    /** @return adverts dropped because their source is not one of the configured unicast peers */
    public long unknownPeerErrors() {
        return unknownPeerErrors;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof InstanceStats s)) {
            return false;
        }
        return Objects.equals(name, s.name)
                && Objects.equals(state, s.state)
                && Objects.equals(timeInState, s.timeInState)
                && Objects.equals(lastTransition, s.lastTransition)
                && configuredPriority == s.configuredPriority
                && effectivePriority == s.effectivePriority
                && Objects.equals(healthContributions, s.healthContributions)
                && Objects.equals(masterAddress, s.masterAddress)
                && masterPriority == s.masterPriority
                && masterAdvertIntervalCentis == s.masterAdvertIntervalCentis
                && becameMaster == s.becameMaster
                && advertsSent == s.advertsSent
                && advertsReceived == s.advertsReceived
                && priorityZeroSent == s.priorityZeroSent
                && priorityZeroReceived == s.priorityZeroReceived
                && ttlErrors == s.ttlErrors
                && versionErrors == s.versionErrors
                && authErrors == s.authErrors
                && intervalErrors == s.intervalErrors
                && addressListErrors == s.addressListErrors
                && Objects.equals(peerChecksumForms, s.peerChecksumForms)
                && peersNotHearingUs == s.peersNotHearingUs
                && syncGroupHeldTakeovers == s.syncGroupHeldTakeovers
                && transitions == s.transitions
                && vipAddErrors == s.vipAddErrors
                && ownAddressAdverts == s.ownAddressAdverts
                && unknownPeerErrors == s.unknownPeerErrors;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, state, timeInState, lastTransition, configuredPriority, effectivePriority, healthContributions, masterAddress, masterPriority, masterAdvertIntervalCentis);
    }

    @Override
    public String toString() {
        return "InstanceStats["
                + "name=" + name
                + ", state=" + state
                + ", timeInState=" + timeInState
                + ", lastTransition=" + lastTransition
                + ", configuredPriority=" + configuredPriority
                + ", effectivePriority=" + effectivePriority
                + ", healthContributions=" + healthContributions
                + ", masterAddress=" + masterAddress
                + ", masterPriority=" + masterPriority
                + ", masterAdvertIntervalCentis=" + masterAdvertIntervalCentis
                + ", becameMaster=" + becameMaster
                + ", advertsSent=" + advertsSent
                + ", advertsReceived=" + advertsReceived
                + ", priorityZeroSent=" + priorityZeroSent
                + ", priorityZeroReceived=" + priorityZeroReceived
                + ", ttlErrors=" + ttlErrors
                + ", versionErrors=" + versionErrors
                + ", authErrors=" + authErrors
                + ", intervalErrors=" + intervalErrors
                + ", addressListErrors=" + addressListErrors
                + ", peerChecksumForms=" + peerChecksumForms
                + ", peersNotHearingUs=" + peersNotHearingUs
                + ", syncGroupHeldTakeovers=" + syncGroupHeldTakeovers
                + ", transitions=" + transitions
                + ", vipAddErrors=" + vipAddErrors
                + ", ownAddressAdverts=" + ownAddressAdverts
                + ", unknownPeerErrors=" + unknownPeerErrors
                + "]";
    }

    /** Builds an {@link InstanceStats}; not thread-safe, one per snapshot. Setters return this. */
    public static final class Builder {
        private String name;
        private VrrpState state;
        private Duration timeInState;
        private StateChange lastTransition;
        private int configuredPriority;
        private int effectivePriority;
        private Map<String, Integer> healthContributions;
        private InetAddress masterAddress;
        private int masterPriority;
        private int masterAdvertIntervalCentis;
        private long becameMaster;
        private long advertsSent;
        private long advertsReceived;
        private long priorityZeroSent;
        private long priorityZeroReceived;
        private long ttlErrors;
        private long versionErrors;
        private long authErrors;
        private long intervalErrors;
        private long addressListErrors;
        private Map<String, String> peerChecksumForms;
        private long peersNotHearingUs;
        private long syncGroupHeldTakeovers;
        private long transitions;
        private long vipAddErrors;
        private long ownAddressAdverts;
        private long unknownPeerErrors;

        private Builder() {
        }

        /**
         * @param name instance name
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * @param state state now
         * @return this builder
         */
        public Builder state(VrrpState state) {
            this.state = state;
            return this;
        }

        /**
         * @param timeInState how long it has been in that state
         * @return this builder
         */
        public Builder timeInState(Duration timeInState) {
            this.timeInState = timeInState;
            return this;
        }

        /**
         * @param lastTransition the last transition, or null before the first
         * @return this builder
         */
        public Builder lastTransition(StateChange lastTransition) {
            this.lastTransition = lastTransition;
            return this;
        }

        /**
         * @param configuredPriority priority as configured or last set with {@link VrrpRouter#setPriority}
         * @return this builder
         */
        public Builder configuredPriority(int configuredPriority) {
            this.configuredPriority = configuredPriority;
            return this;
        }

        /**
         * @param effectivePriority priority after health-check weights
         * @return this builder
         */
        public Builder effectivePriority(int effectivePriority) {
            this.effectivePriority = effectivePriority;
            return this;
        }

        /**
         * @param healthContributions health check name to what it adds to the priority now (0 when it adds nothing)
         * @return this builder
         */
        public Builder healthContributions(Map<String, Integer> healthContributions) {
            this.healthContributions = Collections.unmodifiableMap(new LinkedHashMap<>(healthContributions));
            return this;
        }

        /**
         * @param masterAddress the master's address (ours when MASTER), or null if none heard
         * @return this builder
         */
        public Builder masterAddress(InetAddress masterAddress) {
            this.masterAddress = masterAddress;
            return this;
        }

        /**
         * @param masterPriority the master's priority (0 if none heard)
         * @return this builder
         */
        public Builder masterPriority(int masterPriority) {
            this.masterPriority = masterPriority;
            return this;
        }

        /**
         * @param masterAdvertIntervalCentis the master's advert interval in centiseconds
         * @return this builder
         */
        public Builder masterAdvertIntervalCentis(int masterAdvertIntervalCentis) {
            this.masterAdvertIntervalCentis = masterAdvertIntervalCentis;
            return this;
        }

        /**
         * @param becameMaster times this instance became MASTER
         * @return this builder
         */
        public Builder becameMaster(long becameMaster) {
            this.becameMaster = becameMaster;
            return this;
        }

        /**
         * @param advertsSent adverts sent
         * @return this builder
         */
        public Builder advertsSent(long advertsSent) {
            this.advertsSent = advertsSent;
            return this;
        }

        /**
         * @param advertsReceived adverts received for this VRID (before the instance's own checks)
         * @return this builder
         */
        public Builder advertsReceived(long advertsReceived) {
            this.advertsReceived = advertsReceived;
            return this;
        }

        /**
         * @param priorityZeroSent priority-0 adverts sent (resigning)
         * @return this builder
         */
        public Builder priorityZeroSent(long priorityZeroSent) {
            this.priorityZeroSent = priorityZeroSent;
            return this;
        }

        /**
         * @param priorityZeroReceived priority-0 adverts received
         * @return this builder
         */
        public Builder priorityZeroReceived(long priorityZeroReceived) {
            this.priorityZeroReceived = priorityZeroReceived;
            return this;
        }

        /**
         * @param ttlErrors adverts dropped for TTL / hop limit other than 255
         * @return this builder
         */
        public Builder ttlErrors(long ttlErrors) {
            this.ttlErrors = ttlErrors;
            return this;
        }

        /**
         * @param versionErrors adverts dropped for another VRRP version
         * @return this builder
         */
        public Builder versionErrors(long versionErrors) {
            this.versionErrors = versionErrors;
            return this;
        }

        /**
         * @param authErrors adverts dropped for another auth type or password (v2)
         * @return this builder
         */
        public Builder authErrors(long authErrors) {
            this.authErrors = authErrors;
            return this;
        }

        /**
         * @param intervalErrors v2 adverts dropped for another interval
         * @return this builder
         */
        public Builder intervalErrors(long intervalErrors) {
            this.intervalErrors = intervalErrors;
            return this;
        }

        /**
         * @param addressListErrors adverts whose address list differs from ours
         * @return this builder
         */
        public Builder addressListErrors(long addressListErrors) {
            this.addressListErrors = addressListErrors;
            return this;
        }

        /**
         * @param peerChecksumForms checksum form each peer was last seen using
         * @return this builder
         */
        public Builder peerChecksumForms(Map<String, String> peerChecksumForms) {
            this.peerChecksumForms = Collections.unmodifiableMap(new LinkedHashMap<>(peerChecksumForms));
            return this;
        }

        /**
         * @param peersNotHearingUs times a lower-priority peer kept advertising as master while we were master (it does not hear us: usually a firewall dropping protocol 112)
         * @return this builder
         */
        public Builder peersNotHearingUs(long peersNotHearingUs) {
            this.peersNotHearingUs = peersNotHearingUs;
            return this;
        }

        /**
         * @param syncGroupHeldTakeovers times this instance's down timer fired but its sync group stayed put because another member still heard a master
         * @return this builder
         */
        public Builder syncGroupHeldTakeovers(long syncGroupHeldTakeovers) {
            this.syncGroupHeldTakeovers = syncGroupHeldTakeovers;
            return this;
        }

        /**
         * @param transitions state changes of this instance since the router started
         * @return this builder
         */
        public Builder transitions(long transitions) {
            this.transitions = transitions;
            return this;
        }

        /**
         * @param vipAddErrors times the kernel refused to add a VIP; each sends the instance to FAULT (priority 0 on the wire, so a backup takes over) instead of MASTER
         * @return this builder
         */
        public Builder vipAddErrors(long vipAddErrors) {
            this.vipAddErrors = vipAddErrors;
            return this;
        }

        /**
         * @param ownAddressAdverts adverts for this VRID that came from this host's own address (another router on this host, or a duplicate address), dropped
         * @return this builder
         */
        public Builder ownAddressAdverts(long ownAddressAdverts) {
            this.ownAddressAdverts = ownAddressAdverts;
            return this;
        }

        /**
         * @param unknownPeerErrors adverts dropped because their source is not one of the configured unicast peers
         * @return this builder
         */
        public Builder unknownPeerErrors(long unknownPeerErrors) {
            this.unknownPeerErrors = unknownPeerErrors;
            return this;
        }

        /** @return the snapshot */
        public InstanceStats build() {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(timeInState, "timeInState");
            return new InstanceStats(this);
        }
    }
}
