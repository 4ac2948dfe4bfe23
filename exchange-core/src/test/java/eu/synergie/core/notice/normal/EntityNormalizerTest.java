package eu.synergie.core.notice.normal;

import eu.synergie.core.notice.EntityKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static eu.synergie.core.notice.EntityKind.ADDRESS;
import static eu.synergie.core.notice.EntityKind.AIRCRAFT;
import static eu.synergie.core.notice.EntityKind.CRYPTO_WALLET;
import static eu.synergie.core.notice.EntityKind.DOMAIN;
import static eu.synergie.core.notice.EntityKind.EMAIL;
import static eu.synergie.core.notice.EntityKind.IBAN;
import static eu.synergie.core.notice.EntityKind.IDENTITY_DOCUMENT;
import static eu.synergie.core.notice.EntityKind.IP_ADDRESS;
import static eu.synergie.core.notice.EntityKind.ORGANIZATION;
import static eu.synergie.core.notice.EntityKind.PERSON;
import static eu.synergie.core.notice.EntityKind.PHONE;
import static eu.synergie.core.notice.EntityKind.VEHICLE;
import static eu.synergie.core.notice.EntityKind.VESSEL;
import static eu.synergie.core.notice.normal.EntityNormalizer.normalize;
import static org.assertj.core.api.Assertions.assertThat;

class EntityNormalizerTest {

    private static void assertValid(NormalizedValue value, String normalized) {
        assertThat(value.valid()).as("valid, problem: %s", value.problem()).isTrue();
        assertThat(value.normalized()).isEqualTo(normalized);
        assertThat(value.problem()).isNull();
    }

    private static void assertInvalid(NormalizedValue value, String kept, String problem) {
        assertThat(value.valid()).isFalse();
        assertThat(value.normalized()).isEqualTo(kept);
        assertThat(value.problem()).isEqualTo(problem);
    }

    // PHONE

    @ParameterizedTest
    @ValueSource(strings = {"+33 6 12 34 56 78", "+33612345678", "0033 6 12 34 56 78", "+33 (0)6.12.34.56.78",
            "+33-6-12-34-56-78", " +33 6 12 34 56 78 "})
    void normalizeWhenFrenchMobileInAnyWrittenFormThenE164(String written) {
        assertValid(normalize(PHONE, written), "+33612345678");
    }

    @Test
    void normalizeWhenMoroccanMobileThenE164() {
        assertValid(normalize(PHONE, "+212 661 234 567"), "+212661234567");
    }

    @Test
    void normalizeWhenNationalNumberAndDefaultRegionThenE164() {
        assertValid(normalize(PHONE, "06 12 34 56 78", "FR"), "+33612345678");
        assertValid(normalize(PHONE, "030 1234567", "de"), "+49301234567");
    }

    @Test
    void normalizeWhenNationalNumberWithoutDefaultRegionThenInvalidAndKept() {
        assertInvalid(normalize(PHONE, "06 12 34 56 78"), "06 12 34 56 78", "no country prefix and no default region");
        assertInvalid(normalize(PHONE, "06 12 34 56 78", "EU"), "06 12 34 56 78", "no country prefix and no default region");
    }

    @Test
    void normalizeWhenNotANumberForItsCountryThenInvalid() {
        assertInvalid(normalize(PHONE, "+33 6 12"), "+33 6 12", "not a valid number for its country");
        assertInvalid(normalize(PHONE, "call me", "FR"), "call me", "not a phone number");
    }

    @Test
    void phoneRegionOfWhenAgencyCodeThenItsCountryOrNull() {
        assertThat(EntityNormalizer.phoneRegionOf("FR-DGPN")).isEqualTo("FR");
        assertThat(EntityNormalizer.phoneRegionOf("EU-EUROPOL")).isNull();
        assertThat(EntityNormalizer.phoneRegionOf(null)).isNull();
    }

    // IBAN

    @Test
    void normalizeWhenIbanWithSpacesThenCompactUpperCase() {
        assertValid(normalize(IBAN, "FR76 3000 6000 0112 3456 7890 189"), "FR7630006000011234567890189");
        assertValid(normalize(IBAN, "DE89 3704 0044 0532 0130 00"), "DE89370400440532013000");
        assertValid(normalize(IBAN, "IBAN: de89-3704-0044-0532-0130-00"), "DE89370400440532013000");
    }

    @Test
    void normalizeWhenIbanCheckDigitsWrongThenChecksumFails() {
        assertInvalid(normalize(IBAN, "DE88 3704 0044 0532 0130 00"), "de88 3704 0044 0532 0130 00", "IBAN checksum fails");
    }

    @Test
    void normalizeWhenIbanTooShortForItsCountryThenLengthProblem() {
        assertInvalid(normalize(IBAN, "DE89 3704 0044 0532 0130 0"), "de89 3704 0044 0532 0130 0",
                "IBAN length wrong for its country");
    }

    @Test
    void normalizeWhenIbanCountryUnknownThenInvalid() {
        assertThat(normalize(IBAN, "XX89 3704 0044 0532 0130 00").problem()).isEqualTo("IBAN country unknown");
    }

    // EMAIL

    @Test
    void normalizeWhenEmailMixedCaseThenLowerCase() {
        assertValid(normalize(EMAIL, " Visa.Rapide@protonmail.com "), "visa.rapide@protonmail.com");
        assertValid(normalize(EMAIL, "VISA.RAPIDE@PROTONMAIL.COM"), "visa.rapide@protonmail.com");
    }

    @Test
    void normalizeWhenEmailDomainInternationalThenAsciiDomain() {
        assertValid(normalize(EMAIL, "info@Bücher.de"), "info@xn--bcher-kva.de");
        assertValid(normalize(EMAIL, "Müller@müller.de"), "müller@xn--mller-kva.de");
    }

    @ParameterizedTest
    @ValueSource(strings = {"visa.rapide", "@protonmail.com", "a@b@protonmail.com", "visa rapide@protonmail.com"})
    void normalizeWhenEmailSyntaxWrongThenInvalid(String written) {
        assertThat(normalize(EMAIL, written).problem()).isEqualTo("not an e-mail address");
    }

    @Test
    void normalizeWhenEmailDomainHasNoDotThenInvalid() {
        assertInvalid(normalize(EMAIL, "Visa@Localhost"), "visa@localhost", "e-mail domain not a domain name");
    }

    // PERSON, ORGANIZATION

    @Test
    void normalizeWhenNameInEitherOrderThenSameSortedTokens() {
        assertValid(normalize(PERSON, "DUPONT, Jean"), "dupont jean");
        assertValid(normalize(PERSON, "Jean  Dupont"), "dupont jean");
        assertValid(normalize(PERSON, "Dupont Jean."), "dupont jean");
    }

    @Test
    void normalizeWhenFrenchNameWithAccentsAndHyphenThenFoldedTokens() {
        assertValid(normalize(PERSON, "Hélène-Françoise d'Aubigné"), "daubigne francoise helene");
    }

    @Test
    void normalizeWhenGermanSharpSThenDoubleS() {
        assertValid(normalize(PERSON, "Jürgen Großmann"), "grossmann jurgen");
        assertThat(normalize(PERSON, "GROSSMANN, Jürgen")).isEqualTo(normalize(PERSON, "Jürgen Großmann"));
    }

    @Test
    void normalizeWhenSpanishEnyeThenN() {
        assertValid(normalize(PERSON, "José Ñúñez"), "jose nunez");
    }

    @Test
    void normalizeWhenArabicWithVowelMarksThenBareLettersSorted() {
        assertThat(normalize(PERSON, "مُحَمَّد بن سَلمان")).isEqualTo(normalize(PERSON, "سلمان، محمد بن"));
        assertThat(normalize(PERSON, "أحمد").normalized()).isEqualTo("احمد");
    }

    @Test
    void normalizeWhenOrganizationWithAbbreviationThenPeriodsJoined() {
        assertValid(normalize(ORGANIZATION, "ACME S.A.R.L."), "acme sarl");
        assertValid(normalize(ORGANIZATION, "Société Générale, S.A."), "generale sa societe");
    }

    @Test
    void normalizeWhenNameHasNoLetterThenInvalid() {
        assertInvalid(normalize(PERSON, " ... "), "...", "no letters or digits");
    }

    // CRYPTO_WALLET

    @Test
    void normalizeWhenBech32AddressThenLowerCase() {
        assertValid(normalize(CRYPTO_WALLET, "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh"),
                "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh");
        assertValid(normalize(CRYPTO_WALLET, "BC1QXY2KGDYGJRSQTZQ2N0YRF2493P83KKFJHX0WLH"),
                "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh");
    }

    @Test
    void normalizeWhenBech32mTaprootAddressThenValid() {
        String taproot = "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0";
        assertValid(normalize(CRYPTO_WALLET, taproot), taproot);
    }

    @Test
    void normalizeWhenBech32CharacterMistypedThenChecksumFails() {
        assertInvalid(normalize(CRYPTO_WALLET, "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlj"),
                "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlj", "bech32 checksum fails");
    }

    @Test
    void normalizeWhenBech32MixedCaseThenInvalid() {
        assertThat(normalize(CRYPTO_WALLET, "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wLH").problem())
                .isEqualTo("bech32 mixes upper and lower case");
    }

    @Test
    void normalizeWhenLegacyBase58AddressThenCaseKept() {
        assertValid(normalize(CRYPTO_WALLET, "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"), "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa");
        assertValid(normalize(CRYPTO_WALLET, "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"), "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy");
    }

    @Test
    void normalizeWhenBase58CheckMistypedThenChecksumFails() {
        assertThat(normalize(CRYPTO_WALLET, "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb").problem())
                .isEqualTo("base58check checksum fails");
        assertThat(normalize(CRYPTO_WALLET, "1A1zP1eP5QGefi2DMPTfTL5SLmv7Divf0a").problem()).isEqualTo("not base58");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
            "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"})
    void normalizeWhenEthereumEip55ChecksummedThenLowerCase(String address) {
        assertValid(normalize(CRYPTO_WALLET, address), "0x" + address.substring(2).toLowerCase());
    }

    @Test
    void normalizeWhenEthereumSingleCaseThenAcceptedWithoutChecksum() {
        assertValid(normalize(CRYPTO_WALLET, "0X5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED"),
                "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
    }

    @Test
    void normalizeWhenEthereumCaseWrongThenEip55Fails() {
        assertThat(normalize(CRYPTO_WALLET, "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD").problem())
                .isEqualTo("EIP-55 checksum fails");
    }

    @Test
    void normalizeWhenMoneroAddressThenFormatAcceptedCaseKept() {
        String monero = "44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A";
        assertValid(normalize(CRYPTO_WALLET, monero), monero);
        assertThat(normalize(CRYPTO_WALLET, monero.substring(1)).valid()).isFalse();
    }

    @Test
    void normalizeWhenWalletFormatUnknownThenInvalidAndFolded() {
        assertInvalid(normalize(CRYPTO_WALLET, "TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE"), "tqn9y2khesljw1chvwfmsmerdow5kcblse",
                "unrecognised wallet format");
    }

    // IP_ADDRESS, DOMAIN

    @Test
    void normalizeWhenIpv4ThenDottedQuad() {
        assertValid(normalize(IP_ADDRESS, " 192.0.2.10 "), "192.0.2.10");
    }

    @Test
    void normalizeWhenIpv6ThenRfc5952Compressed() {
        assertValid(normalize(IP_ADDRESS, "2001:0DB8:0000:0000:0000:0000:0000:0001"), "2001:db8::1");
        assertValid(normalize(IP_ADDRESS, "[2001:db8:0:1:0:0:0:1]"), "2001:db8:0:1::1");
        assertValid(normalize(IP_ADDRESS, "2001:db8:0:0:1:0:0:1"), "2001:db8::1:0:0:1");
        assertValid(normalize(IP_ADDRESS, "::"), "::");
        assertValid(normalize(IP_ADDRESS, "::ffff:192.0.2.1"), "192.0.2.1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"256.1.1.1", "10.1", "192.168.001.1", "evil.example", "2001:db8::g"})
    void normalizeWhenNotAnIpLiteralThenInvalidWithoutLookup(String written) {
        assertThat(normalize(IP_ADDRESS, written).problem()).isEqualTo("not an IP address");
    }

    @Test
    void normalizeWhenDomainInternationalAndTrailingDotThenAsciiLowerCase() {
        assertValid(normalize(DOMAIN, "Bücher.Example."), "xn--bcher-kva.example");
        assertValid(normalize(DOMAIN, "ProtonMail.COM"), "protonmail.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "exa mple.com", "bad_name.com", "a..b.com"})
    void normalizeWhenNotADomainNameThenInvalid(String written) {
        assertThat(normalize(DOMAIN, written).problem()).isEqualTo("not a domain name");
    }

    // Identifiers, ADDRESS

    @Test
    void normalizeWhenIdentifiersWithSeparatorsThenUpperAlphanumerics() {
        assertValid(normalize(VESSEL, "IMO 9398242"), "IMO9398242");
        assertValid(normalize(VESSEL, "Mv Ocean Star"), "MVOCEANSTAR");
        assertValid(normalize(VEHICLE, "ab-123-cd"), "AB123CD");
        assertValid(normalize(AIRCRAFT, "F-GKXA"), "FGKXA");
        assertValid(normalize(IDENTITY_DOCUMENT, "12ab 345.67"), "12AB34567");
    }

    @Test
    void normalizeWhenImoCheckDigitWrongThenInvalid() {
        assertInvalid(normalize(VESSEL, "IMO 9398243"), "imo 9398243", "IMO check digit fails");
    }

    @Test
    void normalizeWhenIdentifierHasNoAlphanumericThenInvalid() {
        assertThat(normalize(VEHICLE, "--").problem()).isEqualTo("no letters or digits");
    }

    @Test
    void normalizeWhenAddressThenFoldedTextInWrittenOrder() {
        assertValid(normalize(ADDRESS, "12, Rue de la Paix,  75002 PARIS"), "12 rue de la paix 75002 paris");
        assertValid(normalize(ADDRESS, "Königstraße 5, München"), "konigstrasse 5 munchen");
    }

    // Every kind

    @ParameterizedTest
    @EnumSource(EntityKind.class)
    void normalizeWhenBlankThenInvalidEmpty(EntityKind kind) {
        assertInvalid(normalize(kind, "  "), "", "empty value");
        assertInvalid(normalize(kind, null), "", "empty value");
    }

    // Queries

    @Test
    void candidatesWhenIbanWrittenWithSpacesThenIbanForm() {
        assertThat(EntityNormalizer.candidates("fr76 3000 6000 0112 3456 7890 189", null))
                .containsEntry(IBAN, "FR7630006000011234567890189")
                .doesNotContainKeys(PHONE, EMAIL, CRYPTO_WALLET);
    }

    @Test
    void candidatesWhenNationalPhoneAndRegionThenE164Form() {
        assertThat(EntityNormalizer.candidates("06.12.34.56.78", "FR")).containsEntry(PHONE, "+33612345678")
                .doesNotContainKey(IBAN);
    }

    @Test
    void candidatesWhenNameThenPersonFormMeetsIndexedForm() {
        assertThat(EntityNormalizer.candidates("Jean DUPONT", null))
                .containsEntry(PERSON, normalize(PERSON, "DUPONT, Jean").normalized())
                .doesNotContainKeys(PHONE, IBAN, EMAIL, DOMAIN);
    }

    @Test
    void candidatesWhenEmailThenEmailAndNoPhone() {
        assertThat(EntityNormalizer.candidates("Visa.Rapide@ProtonMail.com", "FR"))
                .containsEntry(EMAIL, "visa.rapide@protonmail.com").doesNotContainKeys(PHONE, DOMAIN);
    }
}
