package eu.synergie.core.policy;

/** Realm roles of the {@code synergie} realm. */
public enum Role {
    ANALYST("analyst"), AGENCY_FEED("agency-feed"), TRUST_ADMIN("trust-admin"), AUDITOR("auditor"),
    /** Reads the gateway's metrics and health details (a Prometheus scraper's client); sees no notice. */
    MONITORING("monitoring");

    private final String name;

    Role(String name) {
        this.name = name;
    }

    /** The role's name in Keycloak and in tokens. */
    public String roleName() {
        return name;
    }
}
