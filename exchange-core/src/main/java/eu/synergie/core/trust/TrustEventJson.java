package eu.synergie.core.trust;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** The JSON form of trust events on {@code synergie.trust}: a tagged wrapper, one of its parts set. */
public final class TrustEventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private TrustEventJson() {
    }

    record Tagged(TrustEvent.AgencyChanged agencyChanged, TrustEvent.CertificateChanged certificateChanged,
                  TrustEvent.PeerChanged peerChanged, TrustEvent.RegionProfileChanged regionProfileChanged,
                  TrustEvent.ReleasePolicyChanged releasePolicyChanged) {
    }

    public static byte[] write(TrustEvent event) {
        Tagged tagged = switch (event) {
            case TrustEvent.AgencyChanged a -> new Tagged(a, null, null, null, null);
            case TrustEvent.CertificateChanged c -> new Tagged(null, c, null, null, null);
            case TrustEvent.PeerChanged p -> new Tagged(null, null, p, null, null);
            case TrustEvent.RegionProfileChanged r -> new Tagged(null, null, null, r, null);
            case TrustEvent.ReleasePolicyChanged r -> new Tagged(null, null, null, null, r);
        };
        return MAPPER.writeValueAsBytes(tagged);
    }

    public static TrustEvent read(byte[] json) {
        try {
            Tagged tagged = MAPPER.readValue(json, Tagged.class);
            if (tagged.agencyChanged() != null) {
                return tagged.agencyChanged();
            }
            if (tagged.certificateChanged() != null) {
                return tagged.certificateChanged();
            }
            if (tagged.peerChanged() != null) {
                return tagged.peerChanged();
            }
            if (tagged.regionProfileChanged() != null) {
                return tagged.regionProfileChanged();
            }
            if (tagged.releasePolicyChanged() != null) {
                return tagged.releasePolicyChanged();
            }
            throw new IllegalArgumentException("a trust event with neither an agency, a certificate, a peer, a region nor a"
                    + " release policy");
        } catch (JacksonException e) {
            throw new IllegalArgumentException("unreadable trust event: " + e.getOriginalMessage(), e);
        }
    }
}
