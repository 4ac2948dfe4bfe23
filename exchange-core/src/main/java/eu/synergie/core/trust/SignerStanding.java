package eu.synergie.core.trust;

/**
 * What the trust registry knows of a signer at one instant: the facts the publish rule judges
 * ({@code AccessPolicy.decidePublish}). The registry states facts; the policy decides.
 */
public sealed interface SignerStanding {

    /** The certificate is not one the registry issued, or its agency was not registered at that time. */
    record Unknown(String why) implements SignerStanding {
    }

    /** The registered certificate (with its revocation, if any) and its agency as it stood at that time. */
    record Known(CertificateRecord certificate, AgencyStanding agency) implements SignerStanding {
    }
}
