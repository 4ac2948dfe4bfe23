package eu.synergie.core.notice;

/** Kinds of entity a notice can name. */
public enum EntityKind {
    PERSON, ORGANIZATION, PHONE, EMAIL, IBAN, CRYPTO_WALLET, VEHICLE, VESSEL, AIRCRAFT, IDENTITY_DOCUMENT,
    ADDRESS, IP_ADDRESS, DOMAIN,
    /** A thing of value to trace, freeze or confiscate; its details are in {@link Entity#asset()}. */
    ASSET
}
