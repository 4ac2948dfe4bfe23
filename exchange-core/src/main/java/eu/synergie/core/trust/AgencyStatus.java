package eu.synergie.core.trust;

/** Whether an agency may publish. */
public enum AgencyStatus {
    ACTIVE, SUSPENDED
}
