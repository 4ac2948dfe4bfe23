package eu.synergie.client;

import java.util.UUID;

/** Notice JSON for tests, built field by field: {@code TestNotices.notice().agency("BE-PJF").json()}. */
public final class TestNotices {

    private UUID id = UUID.randomUUID();
    private String agency = "BE-PJF";
    private String region = "EU-WEST";
    private String title = "Blanchiment par fractionnement de virements";
    private String language = "fr";
    private String classification = "RESTRICTED";

    private TestNotices() {
    }

    public static TestNotices notice() {
        return new TestNotices();
    }

    public TestNotices id(UUID id) {
        this.id = id;
        return this;
    }

    public TestNotices agency(String agency) {
        this.agency = agency;
        return this;
    }

    public TestNotices region(String region) {
        this.region = region;
        return this;
    }

    public TestNotices title(String title, String language) {
        this.title = title;
        this.language = language;
        return this;
    }

    public TestNotices classification(String classification) {
        this.classification = classification;
        return this;
    }

    /** On one line, as in a JSON lines feed. */
    public String json() {
        return ("{\"noticeId\":\"%s\",\"originAgency\":\"%s\",\"region\":\"%s\",\"type\":\"MONEY_LAUNDERING\","
                + "\"title\":\"%s\",\"summary\":\"Virements fractionnés vers des comptes de transit.\",\"language\":\"%s\","
                + "\"issuedAt\":\"2026-11-28T10:00:00Z\",\"validUntil\":\"2027-11-28T00:00:00Z\","
                + "\"classification\":\"%s\",\"handlingCode\":\"H2\",\"handlingNote\":null,\"tlp\":\"AMBER\","
                + "\"releasableTo\":[],\"dissemination\":\"POINTER\",\"sourceReliability\":\"B\",\"infoReliability\":\"2\","
                + "\"caseRef\":\"PJ-2026-0412\",\"entities\":[{\"kind\":\"PERSON\",\"value\":\"Jean DUPONT\"}]}")
                .formatted(id, agency, region, title.replace("\"", "\\\""), language, classification);
    }

    public byte[] bytes() {
        return json().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
