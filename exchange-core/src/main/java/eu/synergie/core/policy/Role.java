package eu.synergie.core.policy;

/** Realm roles of the {@code synergie} realm. */
public enum Role {
    ANALYST("analyst"), AGENCY_FEED("agency-feed"), TRUST_ADMIN("trust-admin"), AUDITOR("auditor"),
    /** Reads the gateway's metrics and health details (a Prometheus scraper's client); sees no notice. */
    MONITORING("monitoring"),
    /**
     * Decides, for the own agency, on what waits for a second pair of eyes: a notice held for release, a pointer a
     * peer exchange asks for after a hit ({@code core.approval}). Never on a request one made oneself.
     */
    RELEASE_APPROVER("release-approver"),
    /**
     * An account of an approved partner organisation (an NGO: victim support, anti-trafficking): sends reports to an
     * agency or a region's triage desk and follows their status. Reads no notice, searches nothing.
     */
    PARTNER_REPORTER("partner-reporter");

    private final String name;

    Role(String name) {
        this.name = name;
    }

    /** The role's name in Keycloak and in tokens. */
    public String roleName() {
        return name;
    }
}
