package eu.synergie.stix;

import eu.synergie.core.notice.Classification;
import eu.synergie.core.notice.Dissemination;
import eu.synergie.core.notice.HandlingCode;
import eu.synergie.core.notice.NoticeType;
import eu.synergie.core.notice.Tlp;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a STIX bundle cannot say and the importing agency must: who publishes the notices (the agency, always the
 * importing one) and where (the region), and what applies when the bundle's markings and report types say nothing.
 *
 * @param originAgency   the importing agency, originator of the notices it will seal
 * @param region         the region it publishes them to
 * @param type           the notice type when no {@code report_types} value names one of ours
 * @param language       the language when the report has no {@code lang}
 * @param classification when no Synergie marking says
 * @param handlingCode   when no Synergie marking says; never H3, whose note only the originator can write
 * @param dissemination  when no Synergie marking says
 * @param tlp            when no TLP marking says
 */
public record ImportDefaults(String originAgency, String region, NoticeType type, String language,
                             Classification classification, HandlingCode handlingCode, Dissemination dissemination,
                             Tlp tlp) {

    private static final Pattern AGENCY = Pattern.compile("[A-Z]{2}-[A-Z0-9]{2,16}");
    private static final Pattern REGION = Pattern.compile("[A-Z][A-Z0-9-]{1,31}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

    public ImportDefaults {
        Objects.requireNonNull(originAgency, "originAgency");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(classification, "classification");
        Objects.requireNonNull(handlingCode, "handlingCode");
        Objects.requireNonNull(dissemination, "dissemination");
        Objects.requireNonNull(tlp, "tlp");
        if (!AGENCY.matcher(originAgency).matches()) {
            throw new IllegalArgumentException("originAgency must look like FR-DGPN");
        }
        if (!REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("region must look like EU-WEST");
        }
        if (!LANGUAGE.matcher(language).matches()) {
            throw new IllegalArgumentException("language must be an ISO 639 code such as en");
        }
        if (handlingCode == HandlingCode.H3) {
            throw new IllegalArgumentException("handlingCode cannot default to H3: its note is the originator's to write");
        }
    }

    /**
     * Cautious defaults for a feed: STIX is a cyber threat intelligence format, so reports that name no type of ours
     * are {@code CYBERCRIME}, in English; unmarked content is RESTRICTED, H2 (no dissemination without the provider's
     * permission), POINTER on hits, TLP:AMBER.
     */
    public static ImportDefaults of(String originAgency, String region) {
        return new ImportDefaults(originAgency, region, NoticeType.CYBERCRIME, "en", Classification.RESTRICTED,
                HandlingCode.H2, Dissemination.POINTER, Tlp.AMBER);
    }
}
