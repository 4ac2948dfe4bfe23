package eu.synergie.gateway.federation;

import eu.synergie.crypto.pki.KeyCredential;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * This exchange as its peers know it: its name in the network (also its MirrorMaker 2 cluster alias), its root, and
 * the federation key peers encrypt to.
 */
public record FederationIdentity(String name, X509Certificate root, KeyCredential federationKey) {

    /** The federation certificate and its chain up to (without) the root: what a peer pins beside the root. */
    public List<X509Certificate> federationChain() {
        return federationKey.chain().stream().filter(c -> !c.equals(root)).toList();
    }

    // The key stays out of logs.
    @Override
    public String toString() {
        return "FederationIdentity[name=" + name + "]";
    }
}
