package eu.synergie.core.notice;

import eu.synergie.core.matching.MatchKeys;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Assets and ownership relations in the notice: read strictly, written back unchanged, correlated by identifier. */
class AssetNoticeTest {

    static final String CASE = """
            {"noticeId":"0b6f3c52-2d7e-4d39-9a51-3f0c6c1d9e20","originAgency":"FR-DGPN","region":"EU-WEST",
             "type":"MONEY_LAUNDERING","title":"Blanchiment via une chaîne de sociétés écrans","language":"fr",
             "issuedAt":"2026-11-28T10:00:00Z","classification":"RESTRICTED","handlingCode":"H1","tlp":"AMBER",
             "releasableTo":[],"dissemination":"FULL","caseRef":"OCRGDF-2026-0412",
             "entities":[
               {"kind":"PERSON","value":"Karim BENALI","attributes":{"birthDate":"1975-04-12"},"ref":"p1"},
               {"kind":"ASSET","value":"Azur Holding Ltd","ref":"c1","asset":{"type":"COMPANY","identifiers":{"companyNumber":"C 81234"},"jurisdiction":"MT"}},
               {"kind":"ASSET","value":"Yacht Sirène","ref":"y1",
                "asset":{"type":"VESSEL","identifiers":{"imo":"IMO 9074729","mmsi":"248123456"},"jurisdiction":"MT",
                         "value":{"amount":4200000.00,"currency":"EUR","date":"2026-10-01","source":"expertise maritime"},
                         "status":[{"status":"IDENTIFIED","date":"2026-09-12"},{"status":"FROZEN","date":"2026-11-02"}]}}
             ],
             "relations":[
               {"owner":"p1","owned":"c1","kind":"BENEFICIAL","share":100},
               {"owner":"c1","owned":"y1","kind":"LEGAL","share":100,"from":"2021-06-01"}
             ]}
            """;

    @Test
    void readWhenAssetsAndRelationsThenAllFields() {
        Notice notice = read(CASE);

        Entity yacht = notice.entities().get(2);
        assertThat(yacht.asset().type()).isEqualTo(AssetType.VESSEL);
        assertThat(yacht.asset().status()).isEqualTo(AssetStatus.FROZEN);
        assertThat(yacht.asset().value().amount()).isEqualByComparingTo("4200000");
        assertThat(yacht.asset().normalized("imo")).contains("IMO9074729");
        assertThat(notice.relations()).extracting(Ownership::owner, Ownership::owned, Ownership::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("p1", "c1", Ownership.Kind.BENEFICIAL),
                        org.assertj.core.groups.Tuple.tuple("c1", "y1", Ownership.Kind.LEGAL));
    }

    @Test
    void writeWhenReadBackThenTheSameNotice() {
        Notice notice = read(CASE);
        assertThat(NoticeJson.read(NoticeJson.write(notice))).isEqualTo(notice);
    }

    @Test
    void writeWhenNoAssetsThenNoAssetFieldsAtAll() {
        String json = new String(NoticeJson.write(NoticeJson.read(bytes(NoticeJsonTest.VALID))), StandardCharsets.UTF_8);
        assertThat(json).doesNotContain("\"ref\"").doesNotContain("\"asset\"").doesNotContain("\"relations\"");
    }

    @Test
    void readWhenCheckDigitWrongThenRefusedNamingTheFieldNotTheValue() {
        assertThatThrownBy(() -> read(CASE.replace("IMO 9074729", "IMO 9074728")))
                .isInstanceOf(InvalidNoticeException.class)
                .hasMessageStartingWith("asset identifier imo:")
                .hasMessageNotContaining("9074728");
    }

    @Test
    void readWhenIdentifierOfAnotherTypeThenRefused() {
        assertThatThrownBy(() -> read(CASE.replace("\"mmsi\":\"248123456\"", "\"iban\":\"FR7630006000011234567890189\"")))
                .isInstanceOf(InvalidNoticeException.class)
                .hasMessageContaining("asset.identifiers.iban is not an identifier of a VESSEL asset");
    }

    @Test
    void readWhenStatusStepsOutOfOrderOrBackInTimeThenRefused() {
        assertThatThrownBy(() -> read(CASE.replace("\"status\":\"IDENTIFIED\"", "\"status\":\"SEIZED\"")))
                .hasMessageContaining("asset.status steps must follow");
        assertThatThrownBy(() -> read(CASE.replace("2026-11-02", "2026-09-01")))
                .hasMessageContaining("asset.status dates must not go back in time");
    }

    @Test
    void readWhenValueWrongThenRefusedNamingTheField() {
        assertThatThrownBy(() -> read(CASE.replace("\"currency\":\"EUR\"", "\"currency\":\"EURO\"")))
                .hasMessageContaining("asset.value.currency must be an ISO 4217 code");
        assertThatThrownBy(() -> read(CASE.replace("4200000.00", "-1")))
                .hasMessageContaining("asset.value.amount must be zero or more");
        assertThatThrownBy(() -> read(CASE.replace(",\"date\":\"2026-10-01\"", "")))
                .hasMessageContaining("asset.value.date");
    }

    @Test
    void readWhenCompanyWithoutJurisdictionThenRefused() {
        assertThatThrownBy(() -> read(CASE.replace("\"companyNumber\":\"C 81234\"},\"jurisdiction\":\"MT\"",
                "\"companyNumber\":\"C 81234\"}")))
                .hasMessageContaining("asset.jurisdiction is required for a COMPANY asset");
    }

    @Test
    void readWhenAssetMissingOrMisplacedThenRefused() {
        assertThatThrownBy(() -> read(CASE.replace(",\"asset\":{\"type\":\"COMPANY\","
                + "\"identifiers\":{\"companyNumber\":\"C 81234\"},\"jurisdiction\":\"MT\"}", "")))
                .hasMessageContaining("entities.asset is required for an ASSET entity");
        assertThatThrownBy(() -> new Entity(EntityKind.PERSON, "Karim BENALI", Map.of(), "p1",
                new Asset(AssetType.CASH, null, null, null, null)))
                .hasMessageContaining("entities.asset is only for an ASSET entity");
    }

    @Test
    void readWhenRelationBrokenThenRefusedNamingIt() {
        assertThatThrownBy(() -> read(CASE.replace("\"owner\":\"c1\"", "\"owner\":\"c9\"")))
                .hasMessageContaining("relations.owner c9 is not the ref of an entity of this notice");
        assertThatThrownBy(() -> read(CASE.replace("\"owned\":\"c1\"", "\"owned\":\"p1\"")))
                .hasMessageContaining("cannot own itself");
        assertThatThrownBy(() -> read(CASE.replace("{\"owner\":\"c1\",\"owned\":\"y1\"", "{\"owner\":\"y1\",\"owned\":\"c1\"")))
                .hasMessageContaining("relations.owner y1 must be a PERSON, an ORGANIZATION or a COMPANY asset");
        assertThatThrownBy(() -> read(CASE.replace("\"ref\":\"y1\"", "\"ref\":\"c1\"")))
                .hasMessageContaining("entities.ref must be unique");
        assertThatThrownBy(() -> read(CASE.replace("\"share\":100}", "\"share\":100.5}")))
                .hasMessageContaining("relations.share must be more than 0 and at most 100");
        assertThatThrownBy(() -> read(CASE.replace("\"share\":100,\"from\":\"2021-06-01\"}",
                "\"share\":60,\"from\":\"2021-06-01\"},{\"owner\":\"p1\",\"owned\":\"y1\",\"kind\":\"LEGAL\",\"share\":50}")))
                .hasMessageContaining("the LEGAL shares held in y1 add up to more than 100 %");
    }

    @Test
    void readWhenSharesOfEndedOwnershipsThenNotAddedToTheCurrentOnes() {
        Notice notice = read(CASE.replace("\"share\":100,\"from\":\"2021-06-01\"}",
                "\"share\":100,\"from\":\"2021-06-01\"},"
                        + "{\"owner\":\"p1\",\"owned\":\"y1\",\"kind\":\"LEGAL\",\"share\":100,\"from\":\"2015-01-01\",\"to\":\"2021-05-31\"}"));
        assertThat(notice.relations()).hasSize(3);
        assertThat(notice.relations().get(2).heldOn(java.time.LocalDate.of(2021, 6, 1))).isFalse();
        assertThat(notice.relations().get(2).heldOn(java.time.LocalDate.of(2021, 5, 31))).isTrue();
    }

    @Test
    void matchKeysWhenAssetThenOnePerRegistryIdentifierSharedWithTheEntityKinds() {
        String agency = "FR-DGPN";
        Entity account = new Entity(EntityKind.ASSET, "Compte courant", null, null, new Asset(AssetType.BANK_ACCOUNT,
                Map.of("iban", "FR76 3000 6000 0112 3456 7890 189", "bic", "BNPAFRPP"), null, "FR", null));
        assertThat(MatchKeys.of(account, agency))
                .containsExactlyElementsOf(MatchKeys.of(new Entity(EntityKind.IBAN, "FR7630006000011234567890189", null), agency));

        Entity yacht = read(CASE).entities().get(2);
        assertThat(MatchKeys.of(yacht, agency)).containsExactly("IMO:9074729", "MMSI:248123456");
        assertThat(MatchKeys.of(new Entity(EntityKind.VESSEL, "IMO 9074729", null), agency)).containsExactly("IMO:9074729");
        assertThat(MatchKeys.of(new Entity(EntityKind.VESSEL, "Sirène", null), agency)).isEmpty();

        Entity company = read(CASE).entities().get(1);
        assertThat(MatchKeys.of(company, agency)).containsExactly("COMPANY:MT:C81234");

        Entity car = new Entity(EntityKind.ASSET, "Range Rover", null, null, new Asset(AssetType.VEHICLE,
                Map.of("plate", "AB-123-CD"), null, "FR", null));
        assertThat(MatchKeys.of(car, agency)).as("a plate is reissued: never a match key").isEmpty();
    }

    @Test
    void valuationWhenBuiltThenKeepsItsScale() {
        var value = new Asset.Valuation(new BigDecimal("1250000.50"), java.util.Currency.getInstance("EUR"),
                java.time.LocalDate.of(2026, 1, 5), null);
        assertThat(value.amount()).isEqualByComparingTo("1250000.5");
        assertThat(List.of(AssetStatus.values())).startsWith(AssetStatus.IDENTIFIED).endsWith(AssetStatus.RETURNED);
    }

    @Test
    void readWhenTracingRequestOrReplyThenKeptAndWrittenBack() {
        String request = CASE.replace("\"type\":\"MONEY_LAUNDERING\"", "\"type\":\"ASSET_TRACING\"")
                .replace("\"relations\":[", "\"request\":{\"grounds\":\"Art. 6 Directive (UE) 2024/1260\","
                        + "\"jurisdictions\":[\"MT\",\"ES\"],\"replyBy\":\"2027-01-15\"},\"relations\":[");
        Notice asked = read(request);
        assertThat(asked.request().jurisdictions()).containsExactlyInAnyOrder("ES", "MT");
        assertThat(asked.request().replyBy()).isEqualTo(java.time.LocalDate.of(2027, 1, 15));
        assertThat(NoticeJson.read(NoticeJson.write(asked))).isEqualTo(asked);

        String reply = CASE.replace("\"type\":\"MONEY_LAUNDERING\"", "\"type\":\"ASSET_TRACING\"")
                .replace("0b6f3c52-2d7e-4d39-9a51-3f0c6c1d9e20", "7d1e0b6a-5c4f-4e3d-8b2a-1f0e9d8c7b6a")
                .replace("\"relations\":[", "\"replyTo\":\"" + asked.noticeId() + "\",\"relations\":[");
        assertThat(read(reply).replyTo()).isEqualTo(asked.noticeId());
    }

    @Test
    void readWhenTracingRequestMisusedThenRefusedNamingTheRule() {
        String onLaundering = CASE.replace("\"relations\":[", "\"request\":{\"grounds\":\"g\",\"jurisdictions\":[\"ES\"],"
                + "\"replyBy\":\"2027-01-15\"},\"relations\":[");
        assertThatThrownBy(() -> read(onLaundering)).hasMessageContaining("request is only for an ASSET_TRACING notice");
        String tracing = onLaundering.replace("\"type\":\"MONEY_LAUNDERING\"", "\"type\":\"ASSET_TRACING\"");
        assertThatThrownBy(() -> read(tracing.replace("2027-01-15", "2026-01-15")))
                .hasMessageContaining("request.replyBy must not be before the notice is issued");
        assertThatThrownBy(() -> read(tracing.replace("[\"ES\"]", "[\"XX\"]")))
                .hasMessageContaining("request.jurisdictions must list ISO 3166-1 alpha-2");
        assertThatThrownBy(() -> read(tracing.replace("\"request\":", "\"replyTo\":\"0b6f3c52-2d7e-4d39-9a51-3f0c6c1d9e20\",\"request\":")))
                .hasMessageContaining("a notice is a request or a reply to one, not both");
        assertThatThrownBy(() -> read(CASE.replace("\"type\":\"MONEY_LAUNDERING\"", "\"type\":\"ASSET_TRACING\"")
                .replace("\"relations\":[", "\"replyTo\":\"0b6f3c52-2d7e-4d39-9a51-3f0c6c1d9e20\",\"relations\":[")))
                .hasMessageContaining("a notice cannot reply to itself");
        assertThatThrownBy(() -> read(CASE.replace("\"relations\":[", "\"replyTo\":\"not-a-uuid\",\"relations\":[")))
                .hasMessageContaining("replyTo must be a UUID");
    }

    private static Notice read(String json) {
        return NoticeJson.read(bytes(json));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
