package eu.synergie.core.notice.normal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static eu.synergie.core.notice.EntityKind.VEHICLE;
import static eu.synergie.core.notice.EntityKind.VESSEL;
import static eu.synergie.core.notice.normal.AssetIdentifiers.normalize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AssetIdentifiersTest {

    private static void assertNormalized(String field, String value, String normalized) {
        assertThat(normalize(field, value)).isEqualTo(normalized);
    }

    /** The exact message, which therefore never quotes the value (logged where the value may not be shown). */
    private static void assertRefused(String field, String value, String problem) {
        var refusal = assertThatIllegalArgumentException().isThrownBy(() -> normalize(field, value))
                .withMessage("asset identifier " + field + ": " + problem);
        if (!value.isBlank()) {
            refusal.extracting(Throwable::getMessage).asString().doesNotContain(value.strip());
        }
    }

    // Fields

    @Test
    void fieldsWhenListedThenAllInStableOrder() {
        assertThat(AssetIdentifiers.fields()).containsExactly("iban", "bic", "lei", "imo", "mmsi", "vin",
                "registration", "plate", "chain", "address", "cadastralRef", "companyNumber");
    }

    @Test
    void normalizeWhenFieldUnknownThenRefusedListingKnownFields() {
        assertThatIllegalArgumentException().isThrownBy(() -> normalize("swift", "DEUTDEFF"))
                .withMessageStartingWith("unknown asset identifier swift; known: iban, bic, lei, imo,")
                .withMessageEndingWith("cadastralRef, companyNumber");
        assertThatIllegalArgumentException().isThrownBy(() -> normalize(null, "DEUTDEFF"))
                .withMessageStartingWith("unknown asset identifier null; known: ");
    }

    @Test
    void normalizeWhenValueBlankThenRefused() {
        assertRefused("vin", "   ", "blank");
        assertRefused("iban", "", "blank");
        assertThatIllegalArgumentException().isThrownBy(() -> normalize("lei", null))
                .withMessage("asset identifier lei: blank");
    }

    // iban: ISO 13616, via Ibans (examples as in EntityNormalizerTest: the ECBS/SWIFT registry's German example)

    @Test
    void ibanWhenChecksumAndCountryStructureHoldThenCompactUpperCase() {
        assertNormalized("iban", "DE89 3704 0044 0532 0130 00", "DE89370400440532013000");
        assertNormalized("iban", "fr76 3000 6000 0112 3456 7890 189", "FR7630006000011234567890189");
    }

    @Test
    void ibanWhenChecksumOrLengthWrongThenRefusedWithIbansProblem() {
        assertRefused("iban", "DE88 3704 0044 0532 0130 00", "IBAN checksum fails");
        assertRefused("iban", "DE89 3704 0044 0532 0130 0", "IBAN length wrong for its country");
        assertRefused("iban", "XX89 3704 0044 0532 0130 00", "IBAN country unknown");
    }

    // bic: ISO 9362 via iban4j. DEUTDEFF (Deutsche Bank, Frankfurt), its branch 500, BNPAFRPP (BNP Paribas, Paris)

    @Test
    void bicWhenEightOrElevenCharactersWithKnownCountryThenCompactUpperCase() {
        assertNormalized("bic", "DEUTDEFF", "DEUTDEFF");
        assertNormalized("bic", "deut de ff 500", "DEUTDEFF500");
        assertNormalized("bic", "BNPA-FR-PP", "BNPAFRPP");
    }

    @Test
    void bicWhenLengthNotEightOrElevenThenRefused() {
        assertRefused("bic", "DEUTDEFF5", "BIC length not 8 or 11");
        assertRefused("bic", "DEUTDE", "BIC length not 8 or 11");
    }

    @Test
    void bicWhenCountryNotIso3166ThenRefused() {
        assertRefused("bic", "DEUTXXFF", "BIC country unknown");
        assertRefused("bic", "DEUTD1FF", "BIC country code not letters");
    }

    // lei: ISO 17442, ISO 7064 MOD 97-10. Published LEIs (GLEIF search): GLEIF itself, Apple Inc., Deutsche Bank AG,
    // BNP Paribas.

    @Test
    void leiWhenMod97Is1ThenUpperCase() {
        assertNormalized("lei", "506700GE1G29325QX363", "506700GE1G29325QX363");
        assertNormalized("lei", "hwupkr0mpou8fgxbt394", "HWUPKR0MPOU8FGXBT394");
        assertNormalized("lei", "7LTW FZYI CNSX 8D62 1K86", "7LTWFZYICNSX8D621K86");
        assertNormalized("lei", "R0MUWSFPU8MPRO8K5P83", "R0MUWSFPU8MPRO8K5P83");
    }

    @Test
    void leiWhenCharacterAlteredOrSwappedThenCheckDigitsFail() {
        assertRefused("lei", "506700GE1G29325QX364", "LEI check digits fail");
        assertRefused("lei", "506700GE1G29352QX363", "LEI check digits fail");
        assertRefused("lei", "HWUPKR0MPOU8FGXBT349", "LEI check digits fail");
    }

    @Test
    void leiWhenNotTwentyLettersAndDigitsThenRefused() {
        assertRefused("lei", "506700GE1G29325QX36", "LEI not 20 characters");
        assertRefused("lei", "506700GE1G29325QX_63", "LEI not letters and digits");
    }

    // imo: IMO Resolution A.1117(30); 9074729 is the IMO's own worked example of the check digit, 9398242 the one of
    // EntityNormalizerTest.

    @Test
    void imoWhenCheckDigitHoldsThenImoPrefixAndSevenDigits() {
        assertNormalized("imo", "IMO 9074729", "IMO9074729");
        assertNormalized("imo", "9074729", "IMO9074729");
        assertNormalized("imo", "imo9398242", "IMO9398242");
    }

    @Test
    void imoWhenNormalizedThenSameAsVesselEntity() {
        assertThat(normalize("imo", "IMO 9398242"))
                .isEqualTo(EntityNormalizer.normalize(VESSEL, "IMO 9398242").normalized());
    }

    @Test
    void imoWhenDigitAlteredThenCheckDigitFails() {
        assertRefused("imo", "IMO 9074728", "check digit fails");
        assertRefused("imo", "9398243", "check digit fails");
    }

    @Test
    void imoWhenNotSevenDigitsThenRefused() {
        assertRefused("imo", "IMO 907472", "not 7 digits with an optional IMO prefix");
        assertRefused("imo", "MMSI 9074729", "not 7 digits with an optional IMO prefix");
    }

    // mmsi: ITU-R M.585, format only. Ship MMSIs built on the MIDs 227 (France) and 366 (United States).

    @Test
    void mmsiWhenNineDigitsStartingWithMidThenDigits() {
        assertNormalized("mmsi", "227 006 760", "227006760");
        assertNormalized("mmsi", "MMSI 366999999", "366999999");
    }

    @Test
    void mmsiWhenNotNineDigitsThenRefused() {
        assertRefused("mmsi", "22700676", "MMSI not 9 digits");
        assertRefused("mmsi", "22700676A", "MMSI not 9 digits");
    }

    @Test
    void mmsiWhenStationIsNotAShipThenRefusedSayingWhat() {
        assertRefused("mmsi", "002275200", "MMSI of a coast station or group, not a ship (first digit 0)");
        assertRefused("mmsi", "111227123", "MMSI of a search and rescue aircraft, not a ship (first digit 1)");
        assertRefused("mmsi", "822712345", "MMSI of a handheld VHF radio, not a ship (first digit 8)");
        assertRefused("mmsi", "970123456",
                "MMSI of an aid to navigation, distress beacon or ship's craft, not a ship (first digit 9)");
    }

    // vin: ISO 3779, 49 CFR 565.15. 1M8GDM9AXKP042788 is the check-digit example of Wikipedia's
    // "Vehicle identification number" article; 11111111111111111 holds since the weights sum to 89 = 1 mod 11.

    @Test
    void vinWhenNorthAmericanCheckDigitHoldsThenCompactUpperCase() {
        assertNormalized("vin", "1M8GDM9AXKP042788", "1M8GDM9AXKP042788");
        assertNormalized("vin", "1m8-gdm9ax kp042788", "1M8GDM9AXKP042788");
        assertNormalized("vin", "11111111111111111", "11111111111111111");
    }

    @Test
    void vinWhenNorthAmericanCharacterAlteredThenCheckDigitFails() {
        String problem = "VIN check digit fails (mandatory for North American and Chinese VINs)";
        assertRefused("vin", "1M8GDM9A1KP042788", problem);
        assertRefused("vin", "1M8GDM9AXKP042789", problem);
        assertRefused("vin", "21111111111111111", problem);
    }

    @Test
    void vinWhenChineseThenCheckDigitEnforced() {
        // Constructed for this test, position 9 computed per GB 16735 (the same algorithm as 49 CFR 565.15).
        assertNormalized("vin", "LSVAM4187C2184847", "LSVAM4187C2184847");
        assertRefused("vin", "LSVAM4180C2184847",
                "VIN check digit fails (mandatory for North American and Chinese VINs)");
    }

    @Test
    void vinWhenEuropeanThenPositionNineIsFree() {
        // Volkswagen's pattern (WMI WVW, filler ZZZ, Z in position 9): the North American check would refuse it.
        assertNormalized("vin", "WVWZZZ1JZXW000001", "WVWZZZ1JZXW000001");
        assertNormalized("vin", "WVWZZZ1JZXW000002", "WVWZZZ1JZXW000002");
    }

    @Test
    void vinWhenContainsIOrOOrQThenRefused() {
        assertRefused("vin", "1M8GDM9AXKP04278O", "VIN contains I, O or Q");
        assertRefused("vin", "WVWZZZ1JZXW00000Q", "VIN contains I, O or Q");
    }

    @Test
    void vinWhenNotSeventeenLettersAndDigitsThenRefused() {
        assertRefused("vin", "1M8GDM9AXKP04278", "VIN not 17 characters");
        assertRefused("vin", "1M8GDM9AXKP04278_", "VIN not letters and digits");
    }

    // registration: ICAO Annex 7, format level

    @ParameterizedTest
    @CsvSource({"F-GKXA,F-GKXA", "d-aibl,D-AIBL", "N12345,N12345", "9H-ABC,9H-ABC", "G-EUPT,G-EUPT", "HB-JVA,HB-JVA",
            "' F - GKXA ',F-GKXA", "N 12345,N12345"})
    void registrationWhenNationalityMarkHyphenMarkOrUsNumberThenUpperCase(String written, String normalized) {
        assertNormalized("registration", written, normalized);
    }

    @Test
    void registrationWhenUsNumberWrittenWithHyphenThenFaaForm() {
        assertNormalized("registration", "N-12345", "N12345");
    }

    @Test
    void registrationWhenHyphenMissingOutsideUnitedStatesThenRefused() {
        assertRefused("registration", "FGKXA", "registration without a hyphen (only US N-numbers have none)");
        assertRefused("registration", "N0123", "registration without a hyphen (only US N-numbers have none)");
    }

    @Test
    void registrationWhenInvalidCharactersOrHyphensThenRefused() {
        String problem = "registration not a nationality mark, a hyphen and letters or digits";
        assertRefused("registration", "F_GKXA", problem);
        assertRefused("registration", "F-GK-XA", problem);
        assertRefused("registration", "-GKXA", problem);
    }

    // plate: format level

    @Test
    void plateWhenLettersAndDigitsWithSeparatorsThenCompactUpperCase() {
        assertNormalized("plate", "ab-123-cd", "AB123CD");
        assertNormalized("plate", "M.ÜN 1234", "MUN1234");
    }

    @Test
    void plateWhenNormalizedThenSameAsVehicleEntity() {
        assertThat(normalize("plate", "M-ÜN 1234")).isEqualTo(EntityNormalizer.normalize(VEHICLE, "M-ÜN 1234").normalized());
    }

    @Test
    void plateWhenOtherCharactersOrLengthThenRefused() {
        assertRefused("plate", "AB/123", "plate not letters and digits with spaces, dashes or dots");
        assertRefused("plate", "A", "plate not 2 to 12 letters and digits");
        assertRefused("plate", "ABCDEF-1234567", "plate not 2 to 12 letters and digits");
    }

    // chain

    @Test
    void chainWhenKnownThenLowerCase() {
        assertNormalized("chain", " Bitcoin ", "bitcoin");
        assertNormalized("chain", "TRON", "tron");
        assertNormalized("chain", "other", "other");
    }

    @Test
    void chainWhenUnknownThenRefused() {
        assertRefused("chain", "dogecoin", "chain not one of bitcoin, ethereum, monero, litecoin, tron, other");
    }

    // address: via Wallets (BIP-173 and EIP-55 examples, as in EntityNormalizerTest)

    @Test
    void addressWhenWalletChecksumHoldsThenWalletsForm() {
        assertNormalized("address", "BC1QXY2KGDYGJRSQTZQ2N0YRF2493P83KKFJHX0WLH", "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh");
        assertNormalized("address", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
    }

    @Test
    void addressWhenWalletInvalidThenRefusedWithWalletsProblem() {
        assertRefused("address", "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlj", "bech32 checksum fails");
        assertRefused("address", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", "EIP-55 checksum fails");
        assertRefused("address", "not a wallet", "unrecognised wallet format");
    }

    // cadastralRef: format level

    @Test
    void cadastralRefWhenWrittenThenTrimmedCollapsedUpperCase() {
        assertNormalized("cadastralRef", "  000  ab\t0123 ", "000 AB 0123");
        assertNormalized("cadastralRef", "9872023VH5797S0001WX", "9872023VH5797S0001WX");
        assertNormalized("cadastralRef", "Flurstück 12/4", "FLURSTÜCK 12/4");
    }

    @Test
    void cadastralRefWhenOtherCharactersOrTooLongThenRefused() {
        assertRefused("cadastralRef", "AB#12", "cadastral reference not letters, digits, spaces, '-', '.' or '/'");
        assertRefused("cadastralRef", "A".repeat(65), "cadastral reference longer than 64 characters");
    }

    // companyNumber: format level

    @Test
    void companyNumberWhenWrittenWithSeparatorsThenCompactUpperCase() {
        assertNormalized("companyNumber", " hrb 12345 ", "HRB12345");
        assertNormalized("companyNumber", "552.100-554", "552100554");
    }

    @Test
    void companyNumberWhenOtherCharactersOrTooLongThenRefused() {
        assertRefused("companyNumber", "12/345", "company number not letters and digits with spaces, dots or dashes");
        assertRefused("companyNumber", "1".repeat(33), "company number longer than 32 characters");
    }
}
