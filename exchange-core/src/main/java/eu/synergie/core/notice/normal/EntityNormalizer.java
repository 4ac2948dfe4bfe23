package eu.synergie.core.notice.normal;

import eu.synergie.core.notice.EntityKind;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Normalises entity values to the one form that indexing, the matcher and queries compare:
 * <ul>
 *   <li>{@code PHONE}: E.164 (ITU-T E.164) via Google's libphonenumber;</li>
 *   <li>{@code IBAN}: compact upper case, ISO 13616 mod-97 check digits and per-country length and
 *       structure verified (iban4j);</li>
 *   <li>{@code EMAIL}: lower case, IDN domain in ASCII (RFC 3490 ToASCII);</li>
 *   <li>{@code PERSON}, {@code ORGANIZATION}: folded tokens, sorted, so "DUPONT, Jean" and
 *       "Jean Dupont" both read {@code "dupont jean"};</li>
 *   <li>{@code CRYPTO_WALLET}: Bitcoin bech32/bech32m (BIP-173, BIP-350) and base58check, Ethereum
 *       (EIP-55 mixed-case checksum), Monero (format only);</li>
 *   <li>{@code IP_ADDRESS}: canonical literal (RFC 5952 for IPv6), never a DNS lookup; {@code DOMAIN}:
 *       A-label, lower case, no trailing dot;</li>
 *   <li>{@code IDENTITY_DOCUMENT}, {@code VEHICLE}, {@code VESSEL}, {@code AIRCRAFT}: upper-case letters
 *       and digits only ("IMO 9398242" → "IMO9398242"); {@code ADDRESS}: folded text; {@code ASSET}: its label as
 *       folded text (its identifiers are checked with the asset, see {@link AssetIdentifiers}).</li>
 * </ul>
 * Invalid values come back flagged, never rejected: see {@link NormalizedValue}.
 *
 * @see <a href="https://www.itu.int/rec/T-REC-E.164">ITU-T E.164</a>
 * @see <a href="https://www.iso.org/standard/81090.html">ISO 13616</a>
 * @see <a href="https://github.com/bitcoin/bips/blob/master/bip-0350.mediawiki">BIP-173 / BIP-350</a>
 * @see <a href="https://eips.ethereum.org/EIPS/eip-55">EIP-55</a>
 */
public final class EntityNormalizer {

    private EntityNormalizer() {
    }

    /** Normalises a value; a phone number without a {@code +} or {@code 00} prefix is then invalid. */
    public static NormalizedValue normalize(EntityKind kind, String value) {
        return normalize(kind, value, null);
    }

    /**
     * Normalises a value, reading a phone number without a country prefix as one of {@code defaultRegion}
     * (ISO 3166-1 alpha-2, e.g. "FR"; see {@link #phoneRegionOf(String)}). Other kinds ignore the region.
     */
    public static NormalizedValue normalize(EntityKind kind, String value, String defaultRegion) {
        Objects.requireNonNull(kind, "kind");
        if (value == null || value.isBlank()) {
            return new NormalizedValue("", false, "empty value");
        }
        return switch (kind) {
            case PHONE -> Phones.normalize(value, defaultRegion);
            case IBAN -> Ibans.normalize(value);
            case EMAIL -> InternetNames.email(value);
            case DOMAIN -> InternetNames.domain(value);
            case IP_ADDRESS -> InternetNames.ipAddress(value);
            case CRYPTO_WALLET -> Wallets.normalize(value);
            case PERSON, ORGANIZATION -> Texts.name(value);
            case ADDRESS, ASSET -> Texts.address(value);
            case IDENTITY_DOCUMENT, VEHICLE, AIRCRAFT -> Texts.identifier(value);
            case VESSEL -> Texts.vessel(value);
        };
    }

    /**
     * What a searched text may be: for each kind under which it normalises as valid, its normalised form.
     * "FR76 3000 6000 0112 3456 7890 189" reads as an IBAN, "06 12 34 56 78" (region FR) as a phone,
     * "DUPONT, Jean" as a person or organisation; a query then looks the forms up in the entities of their
     * kinds. The free-text kinds (names, addresses, identifiers) read any text that has a letter or digit,
     * so the caller chooses which kinds to search.
     *
     * @param defaultRegion ISO 3166-1 alpha-2 region for phone numbers written without a prefix, or null
     */
    public static Map<EntityKind, String> candidates(String text, String defaultRegion) {
        Map<EntityKind, String> forms = new EnumMap<>(EntityKind.class);
        for (EntityKind kind : EntityKind.values()) {
            NormalizedValue value = normalize(kind, text, defaultRegion);
            if (value.valid()) {
                forms.put(kind, value.normalized());
            }
        }
        return Collections.unmodifiableMap(forms);
    }

    /**
     * The phone region implied by an agency code ("FR-DGPN" → "FR"), or null when its prefix is no
     * region libphonenumber knows ("EU-EUROPOL"): numbers without a prefix are then flagged, not guessed.
     */
    public static String phoneRegionOf(String agencyCode) {
        if (agencyCode == null || agencyCode.length() < 2) {
            return null;
        }
        String region = agencyCode.substring(0, 2).toUpperCase(Locale.ROOT);
        return Phones.isKnownRegion(region) ? region : null;
    }
}
