package eu.synergie.core.policy;

/** Realm roles of the {@code synergie} realm. */
public enum Role {
    ANALYST("analyst"), AGENCY_FEED("agency-feed"), TRUST_ADMIN("trust-admin"), AUDITOR("auditor");

    private final String name;

    Role(String name) {
        this.name = name;
    }

    /** The role's name in Keycloak and in tokens. */
    public String roleName() {
        return name;
    }
}
