package eu.synergie.gateway;

import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.infra.KeycloakServer;
import eu.synergie.infra.SharedStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The web UI in real headless Chromium against the real stack: people log in on Keycloak's own page
 * (authorization code with PKCE), search with a purpose, open a notice and its provenance; an analyst of
 * another region does not find it; a trust administrator revokes a certificate after confirming. A
 * screenshot of each page goes to {@code target/screenshots}.
 * <p>
 * Each test stands alone: the notice is published and searchable before any test, and the auditor's test looks
 * for an analyst's search in the browser that it makes sure of itself (made once for the class, by whichever test
 * needs it first).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserIT extends GatewayIntegrationTest {

    static final Path SCREENSHOTS = module().resolve("target/screenshots");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String TOKEN = "brouillard" + UUID.randomUUID().toString().substring(0, 6);
    private static final String TITLE = "Filière de faux documents " + TOKEN;

    private KeycloakServer keycloak;
    private WebDriver browser;
    private UUID notice;
    /** Whether claire has searched for the notice in the browser (the search the auditor then finds). */
    private boolean claireSearched;

    @BeforeAll
    void publishNotice() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("browser tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", "
                    + CHROMEDRIVER + "); .ci/run installs them: apt-get install chromium chromium-driver");
        }
        Files.createDirectories(SCREENSHOTS);
        keycloak = SharedStack.all().keycloak();
        KeyCredential dgpn = TestEnvelopes.agency(trust, "FR-DGPN", Set.of("EU-WEST", "MED"));
        notice = UUID.randomUUID();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> published = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/notices"))
                .header("Authorization", "Bearer " + keycloak.clientCredentials("feed-fr-dgpn", "demo-secret-fr-dgpn"))
                .header("Content-Type", "application/pkcs7-mime")
                .POST(HttpRequest.BodyPublishers.ofByteArray(TestEnvelopes.seal(TestEnvelopes.notice(notice, "FR-DGPN", "EU-WEST",
                        TITLE), dgpn, keys.regions().recipientCertificate("EU-WEST").orElseThrow()))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(published.statusCode()).as(published.body()).isEqualTo(202);
        String claire = keycloak.passwordGrant("claire.martin", "demo");
        await("notice " + notice + " searchable (last answer)").atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/notices?purpose=setup&q=" + TOKEN))
                        .header("Authorization", "Bearer " + claire).build(), HttpResponse.BodyHandlers.ofString()).body(),
                        body -> body.contains(notice.toString()));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
    }

    @Test
    void analystLogsInSearchesWithPurposeOpensNoticeAndSeesProvenance() throws Exception {
        claireLogsInAndSearches();

        browser.findElement(By.cssSelector("li.hit h2 a")).click();
        waitFor(By.id("provenance"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(TITLE);
        assertThat(browser.findElement(By.id("signer")).getText()).isEqualTo("FR-DGPN");
        assertThat(browser.findElement(By.id("verified")).getText()).startsWith("Signature vérifiée le");
        assertThat(browser.findElement(By.id("grading")).getText()).isEqualTo("B2 · H2");
        assertThat(browser.findElement(By.cssSelector(".banner")).getText()).isEqualTo("DIFFUSION RESTREINTE");
        assertThat(browser.findElement(By.id("download")).getAttribute("href")).endsWith("/ui/notices/" + notice + "/envelope");
        screenshot("03-notice-provenance");

        // An expired session (its cookie gone) goes through the login and comes back to the same page.
        String noticePage = browser.getCurrentUrl();
        browser.manage().deleteCookieNamed("JSESSIONID");
        browser.get(noticePage);
        waitFor(By.id("continue"));
        assertThat(browser.getCurrentUrl()).as("back on the same page, asked for the purpose again").startsWith(noticePage);
        browser.findElement(By.id("purpose")).sendKeys("PJ-MRS-2026-0412");
        browser.findElement(By.id("continue")).click();
        waitFor(By.id("provenance"));
        assertThat(browser.findElement(By.id("signer")).getText()).isEqualTo("FR-DGPN");

        browser.get(noticePage + "?lang=en");
        assertThat(browser.findElement(By.id("verified")).getText()).startsWith("Signature verified on");
        browser.get(base() + "/ui/watchlists");
        browser.findElement(By.id("name")).sendKeys("Faux documents A7");
        browser.findElement(By.id("values")).sendKeys("06 12 34 56 78");
        browser.findElement(By.id("create")).click();
        waitFor(By.cssSelector("table tbody tr"));
        assertThat(browser.findElement(By.cssSelector("table tbody")).getText()).contains("Faux documents A7").contains("06 12 34 56 78");
        screenshot("04-watchlists");
    }

    @Test
    void analystOfAnotherRegionDoesNotFindIt() throws Exception {
        logIn("jonas.weber", "05-keycloak-login-other-region");
        browser.findElement(By.id("purpose")).sendKeys("BKA-2026-77");
        browser.findElement(By.id("q")).sendKeys(TOKEN);
        browser.findElement(By.id("search")).click();
        waitFor(By.id("total"));
        assertThat(browser.findElement(By.id("total")).getText()).isEqualTo("Aucune notice");
        screenshot("06-other-region-finds-nothing");
        browser.get(base() + "/ui/notices/" + notice);
        assertThat(browser.findElement(By.cssSelector("p.error")).getText()).contains("Aucune notice de cet identifiant");
    }

    @Test
    void trustAdministratorRevokesACertificateAfterConfirming() throws Exception {
        KeyCredential credential = TestEnvelopes.agency(trust, "NL-POL", Set.of("EU-WEST"));
        String serial = credential.certificate().getSerialNumber().toString(16);
        logIn("markus.schmidt", "07-keycloak-login-admin");
        assertThat(browser.getCurrentUrl()).endsWith("/ui/trust");
        screenshot("08-trust-agencies");

        browser.findElement(By.id("revoke-" + serial)).click();
        waitFor(By.id("confirm-revoke"));
        assertThat(browser.findElement(By.cssSelector("p.warning")).getText()).contains(serial).contains("NL-POL");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("reason"))).selectByValue("KEY_COMPROMISE");
        screenshot("09-revoke-confirmation");
        browser.findElement(By.id("confirm-revoke")).click();

        waitFor(By.cssSelector("p.done"));
        assertThat(browser.findElement(By.cssSelector("p.done")).getText()).isEqualTo("Certificat révoqué.");
        assertThat(browser.findElement(By.id("agency-NL-POL")).getText()).contains("révoqué (KEY_COMPROMISE)");
        assertThat(trust.registry().certificate(serial).orElseThrow().revoked()).isTrue();
        screenshot("10-trust-revoked");
    }

    @Test
    void auditorSeesTheSearchesJustMadeAndTheChainIntact() throws Exception {
        if (!claireSearched) {
            claireLogsInAndSearches();
            closeBrowser();
        }
        logIn("sophie.lambert", "11-keycloak-login-auditor");
        assertThat(browser.getCurrentUrl()).contains("/ui/audit");
        String searches = base() + "/ui/audit?subject=claire.martin&action=SEARCH";
        // Her search in the browser, by its purpose: the class's set-up searched for the same words through the API.
        await("claire's search in the browser on the audit page (last rows shown)").atMost(Duration.ofSeconds(30))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1)).pollInSameThread()
                .until(() -> {
                    browser.get(searches);
                    return browser.findElement(By.cssSelector("table.audit tbody")).getText();
                }, shown -> shown.lines().anyMatch(row -> row.contains("PJ-MRS-2026-0412") && row.contains(TOKEN)));
        String rows = browser.findElement(By.cssSelector("table.audit tbody")).getText();
        assertThat(rows).as("claire's search, with its purpose and the notice it returned").contains(TOKEN)
                .contains("PJ-MRS-2026-0412").contains(notice.toString());
        assertThat(browser.findElement(By.cssSelector("table.audit thead")).getText()).contains("Signée");
        assertThat(browser.findElements(By.cssSelector("table.audit tbody td.verified, table.audit tbody td.unverified")))
                .as("every record says whether a signed checkpoint covers it")
                .hasSize(browser.findElements(By.cssSelector("table.audit tbody tr")).size())
                .allSatisfy(cell -> assertThat(cell.getText()).isIn("oui", "pas encore"));
        screenshot("12-audit-searches");

        browser.findElement(By.id("verify")).click();
        waitFor(By.id("verification"));
        String shown = browser.findElement(By.id("verification")).getText();
        screenshot("13-audit-chain-verified");
        // The page says what the API's walk of the log says (AuditIT, in the same run, may have forged an entry on purpose).
        var verified = new com.fasterxml.jackson.databind.ObjectMapper().readTree(HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(base() + "/api/v1/audit/verify")).header("Authorization", "Bearer "
                        + keycloak.passwordGrant("sophie.lambert", "demo")).build(), HttpResponse.BodyHandlers.ofString()).body());
        if (verified.path("ok").asBoolean()) {
            assertThat(shown).startsWith("Chaîne intacte");
        } else {
            assertThat(shown).startsWith("Chaîne rompue à la position " + verified.path("broken").path("position").asLong() + " ");
            assertThat(browser.findElements(By.cssSelector("#defect-counts li"))).as("the defects counted by kind")
                    .hasSize(verified.path("counts").size());
        }
    }

    @Test
    void analystTracesTheAssetsBehindAPersonAndSeesTotalsAndChains() throws Exception {
        KeyCredential dgpn = TestEnvelopes.agency(trust, "FR-DGPN", Set.of("EU-WEST", "MED"));
        UUID chain = UUID.randomUUID();
        String company = "C " + (10_000 + (int) (Math.random() * 89_999));
        String json = """
                {"noticeId": "%s", "originAgency": "FR-DGPN", "region": "EU-WEST", "type": "MONEY_LAUNDERING",
                 "title": "Chaîne de sociétés écrans %s", "language": "fr", "issuedAt": "2026-11-28T10:00:00Z",
                 "classification": "RESTRICTED", "handlingCode": "H1", "tlp": "AMBER", "releasableTo": [],
                 "dissemination": "FULL", "caseRef": "OCRGDF-2026-0517", "entities": [
                  {"kind": "PERSON", "value": "Karim BENSAÏD", "attributes": {"birthDate": "1987-06-14"}, "ref": "p1"},
                  {"kind": "ASSET", "value": "Azur Méditerranée Holding Ltd", "ref": "c1", "asset": {"type": "COMPANY",
                    "identifiers": {"companyNumber": "%s"}, "jurisdiction": "MT"}},
                  {"kind": "ASSET", "value": "Villa Les Oliviers, Ramatuelle", "ref": "v1", "asset": {"type": "REAL_ESTATE",
                    "identifiers": {"cadastralRef": "AB 0412"}, "jurisdiction": "FR",
                    "value": {"amount": 3850000, "currency": "EUR", "date": "2026-09-30"},
                    "status": [{"status": "IDENTIFIED", "date": "2026-10-05"}, {"status": "SEIZED", "date": "2026-11-20"}]}}
                 ], "relations": [
                  {"owner": "p1", "owned": "c1", "kind": "BENEFICIAL", "share": 100},
                  {"owner": "c1", "owned": "v1", "kind": "LEGAL", "share": 100}]}
                """.formatted(chain, TOKEN, company);
        publishAsFranceReadableBy(dgpn, chain, json, "claire.martin");

        logIn("claire.martin", "14-login-assets");
        browser.get(base() + "/ui/notices/" + chain + "?purpose=OCRGDF-2026-0517");
        waitFor(By.cssSelector("a.trace"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Bien immobilier · FR · Saisi");
        screenshot("15-notice-with-assets");
        browser.findElement(By.cssSelector("a.trace")).click();
        waitFor(By.id("totals"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Avoirs de Karim BENSAÏD");
        assertThat(browser.findElement(By.id("total")).getText()).isEqualTo("3 850 000,00 EUR");
        assertThat(browser.findElements(By.cssSelector("#assets tbody tr"))).hasSize(2);
        assertThat(browser.findElement(By.id("assets")).getText())
                .contains("Karim BENSAÏD → Azur Méditerranée Holding Ltd → Villa Les Oliviers, Ramatuelle").contains("Saisi");
        screenshot("16-asset-tracing");
    }

    @Test
    void analystDrawsTheNetworkOfAPhoneFromANoticeExpandsItAndPinsAnAccount() throws Exception {
        KeyCredential dgpn = TestEnvelopes.agency(trust, "FR-DGPN", Set.of("EU-WEST", "MED"));
        String phone = "+3367" + (1_000_000 + (int) (Math.random() * 8_999_999));
        String iban = frenchIban();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        publishAsFranceReadableBy(dgpn, first, """
                {"noticeId": "%s", "originAgency": "FR-DGPN", "region": "EU-WEST", "type": "DRUG_TRAFFICKING",
                 "title": "Point de deal du Merlan", "language": "fr", "issuedAt": "2026-11-28T10:00:00Z",
                 "classification": "RESTRICTED", "handlingCode": "H1", "tlp": "AMBER", "releasableTo": [],
                 "dissemination": "FULL", "caseRef": "OCRTIS-2026-0233", "entities": [
                  {"kind": "PERSON", "value": "Karim BENSAÏD", "attributes": {"birthDate": "1987-07-%d"}},
                  {"kind": "PHONE", "value": "%s"}]}
                """.formatted(first, 10 + (int) (Math.random() * 18), phone), "claire.martin");
        publishAsFranceReadableBy(dgpn, second, """
                {"noticeId": "%s", "originAgency": "FR-DGPN", "region": "EU-WEST", "type": "MONEY_LAUNDERING",
                 "title": "Virements vers Tanger", "language": "fr", "issuedAt": "2026-11-29T10:00:00Z",
                 "classification": "RESTRICTED", "handlingCode": "H1", "tlp": "AMBER", "releasableTo": [],
                 "dissemination": "FULL", "caseRef": "OCRGDF-2026-0588", "entities": [
                  {"kind": "PHONE", "value": "%s"}, {"kind": "IBAN", "value": "%s"}]}
                """.formatted(second, phone, iban), "claire.martin");

        logIn("claire.martin", "31-login-graph");
        browser.get(base() + "/ui/notices/" + first + "?purpose=OCRTIS-2026-0233");
        waitFor(By.cssSelector("a.graph"));
        browser.findElement(By.cssSelector("a.graph[href*='PHONE']")).click();
        waitFor(By.cssSelector("#graph canvas"));
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("graph-status"), "2 notices"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Le réseau derrière les notices");
        assertThat(browser.findElement(By.id("graph-nodes")).getText()).contains("Point de deal du Merlan")
                .contains("Virements vers Tanger").contains("Karim BENSAÏD").contains(iban);
        Thread.sleep(1_500); // the force layout settles before the picture
        screenshot("32-graph-of-a-phone");

        browser.findElement(By.cssSelector("#graph-nodes button[data-node='key:IBAN:" + iban + "']")).click();
        waitFor(By.cssSelector("#panel-pin:not([hidden])"));
        assertThat(browser.findElement(By.id("panel-label")).getText()).isEqualTo(iban);
        browser.findElement(By.id("panel-expand")).click();
        screenshot("33-graph-node-selected");
        browser.findElement(By.cssSelector("#panel-pin button")).click();
        waitFor(By.cssSelector("main"));
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("/ui/watchlists"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains(iban);
        screenshot("34-account-pinned-into-a-watchlist");
    }

    /**
     * In a region of its own (EU-SOUTH: other tests' notices would change the counts), an agency's analyst, made through
     * the access API, sees last week's cybercrime rise with its numbers, in French and in English.
     */
    @Test
    void analystSeesACybercrimeRiseOnTheTrendsDashboardWithItsNumbersInFrenchAndEnglish() throws Exception {
        awayFromTheWeeksTurn();
        String agency = "HR-MUP";
        KeyCredential mup = TestEnvelopes.agency(trust, agency, Set.of("EU-SOUTH"));
        eu.synergie.core.trends.Period week = eu.synergie.core.trends.Period.WEEK;
        java.time.Instant judged = week.previousStart(java.time.Instant.now());
        java.util.List<java.time.Instant> dates = new java.util.ArrayList<>();
        java.time.Instant earlier = judged;
        for (int i = 0; i < 8; i++) {
            earlier = week.previousStart(earlier);
            dates.add(earlier.plus(java.time.Duration.ofHours(30)));
        }
        for (int i = 0; i < 7; i++) {
            dates.add(judged.plus(java.time.Duration.ofHours(6L * i + 1)));
        }
        try (org.apache.kafka.clients.producer.KafkaProducer<String, byte[]> producer = new org.apache.kafka.clients.producer.KafkaProducer<>(
                SharedStack.kafka().operator().config(java.util.Map.of("acks", "all")),
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            for (int i = 0; i < dates.size(); i++) {
                UUID id = UUID.randomUUID();
                String json = """
                        {"noticeId": "%s", "originAgency": "%s", "region": "EU-SOUTH", "type": "CYBERCRIME",
                         "title": "Krađa identiteta putem lažnih SMS poruka, val %d", "language": "hr", "issuedAt": "%s",
                         "validUntil": "%s", "classification": "RESTRICTED", "handlingCode": "H1", "tlp": "AMBER",
                         "releasableTo": [], "dissemination": "FULL", "caseRef": "MUP-ZG-2026-%d", "entities": [
                          {"kind": "DOMAIN", "value": "paket-ceka-%d.example"}]}
                        """.formatted(id, agency, i, dates.get(i), dates.get(i).plus(java.time.Duration.ofDays(365)), 900 + i, i % 3);
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("synergie.notices.EU-SOUTH", id.toString(),
                        TestEnvelopes.seal(json, mup, keys.regions().recipientCertificate("EU-SOUTH").orElseThrow()))).get();
            }
        }
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/access/users"))
                .header("Authorization", "Bearer " + keycloak.passwordGrant("amelie.roux", "demo"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("""
                        {"username":"ivana.horvat","email":"ivana.horvat@mup.example","firstName":"Ivana","lastName":"Horvat",
                         "agency":"%s","regions":["EU-SOUTH"],"clearance":"RESTRICTED","roles":["analyst"],
                         "temporaryPassword":false}""".formatted(agency))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String password = tools.jackson.databind.json.JsonMapper.builder().build().readTree(created.body())
                .path("initialPassword").asString();
        String token = keycloak.passwordGrant("ivana.horvat", password);
        await("the weeks indexed").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() ->
                http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/trends?purpose=VEILLE-2026-49"))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body(),
                body -> body.contains("\"verdict\":\"RISE\""));

        logIn("ivana.horvat", password, "35-login-trends");
        browser.get(base() + "/ui/search");
        browser.findElement(By.id("purpose")).sendKeys("VEILLE-2026-49");
        browser.findElement(By.id("q")).sendKeys("SMS");
        browser.findElement(By.id("search")).click();
        waitFor(By.id("total"));
        browser.get(base() + "/ui/trends");
        waitFor(By.cssSelector("#trend-chart canvas"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Tendances");
        assertThat(browser.findElement(By.id("no-scoring")).getText()).contains("ne note personne");
        assertThat(browser.findElement(By.id("rises")).getText()).contains("EU-SOUTH · Cybercriminalité : 7 notices pour 1,0 attendues");
        screenshot("36-trends-dashboard-fr");

        browser.get(base() + "/ui/trends?period=week&lang=en");
        waitFor(By.cssSelector("#trend-chart canvas"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Trends");
        assertThat(browser.findElement(By.id("rises")).getText()).contains("EU-SOUTH · Cybercrime: 7 notices against 1.0 expected");
        screenshot("37-trends-dashboard-en");
    }

    @Test
    void analystOfAnotherAgencySeesAProtectedWitnessAsAPseudonymAndAsksWhoItIs() throws Exception {
        KeyCredential dgpn = TestEnvelopes.agency(trust, "FR-DGPN", Set.of("EU-WEST", "MED"));
        UUID witnessed = UUID.randomUUID();
        String pseudonym = "W-" + java.util.HexFormat.of().formatHex(java.security.SecureRandom.getSeed(12));
        String json = """
                {"noticeId": "%s", "originAgency": "FR-DGPN", "region": "EU-WEST", "type": "MIGRANT_SMUGGLING",
                 "title": "Passeurs sur l'A16 %s", "language": "fr", "issuedAt": "2026-11-28T10:00:00Z",
                 "classification": "RESTRICTED", "handlingCode": "H1", "tlp": "AMBER", "releasableTo": [],
                 "dissemination": "FULL", "caseRef": "OCRIEST-2026-0142", "entities": [
                  {"kind": "PERSON", "value": "Hamid TALEB", "attributes": {"birthDate": "1984-11-02"}},
                  {"kind": "PERSON", "value": "%s", "protection": {"role": "WITNESS"}}]}
                """.formatted(witnessed, TOKEN, pseudonym);
        publishAsFranceReadableBy(dgpn, witnessed, json, "luc.peeters");

        logIn("luc.peeters", "17-login-protected");
        browser.get(base() + "/ui/notices/" + witnessed + "?purpose=PJ-BXL-2026-0733");
        waitFor(By.cssSelector("tr.protected"));
        assertThat(browser.findElement(By.cssSelector("tr.protected")).getText()).contains("Témoin protégé").contains(pseudonym)
                .contains("Identité connue de FR-DGPN seul (affaire OCRIEST-2026-0142)");
        browser.findElement(By.cssSelector("details.reveal summary")).click();
        browser.findElement(By.name("legalBasis")).sendKeys("Décision-cadre 2006/960/JAI, art. 3");
        browser.findElement(By.name("reason")).sendKeys("Le témoin est aussi entendu dans notre dossier de Bruxelles.");
        screenshot("18-protected-witness-reveal-form");
        browser.findElement(By.cssSelector("details.reveal button")).click();
        waitFor(By.id("reveal-sent"));
        assertThat(browser.findElement(By.id("reveal-sent")).getText()).startsWith("Demande de levée reveal:")
                .contains("deux approbateurs de FR-DGPN");
        screenshot("19-reveal-requested");
        browser.quit();

        // An approver of FR-DGPN lands on the queue, sees what is asked and why, and approves: one of two.
        logIn("nadia.girard", "20-login-approver");
        assertThat(browser.getCurrentUrl()).endsWith("/ui/approvals");
        WebElement row = browser.findElements(By.cssSelector("#queue tbody tr")).stream()
                .filter(r -> r.getText().contains(pseudonym)).findFirst().orElseThrow();
        assertThat(row.getText()).contains("Identité d’une personne protégée").contains("BE-PJF").contains("luc.peeters")
                .contains("Base légale : Décision-cadre 2006/960/JAI, art. 3").contains("0 / 2");
        screenshot("21-approval-queue");
        row.findElement(By.cssSelector("button.approve")).click();
        waitFor(By.id("approval-done"));
        assertThat(browser.findElement(By.id("approval-done")).getText()).contains("un autre approbateur doit aussi approuver");
        assertThat(browser.findElements(By.cssSelector("#queue tbody tr")).stream()
                .filter(r -> r.getText().contains(pseudonym)).findFirst().orElseThrow().getText()).contains("1 / 2");
    }

    @Test
    void partnerSendsAReportThatTheAddresseesAnalystReadsAndAnswers() throws Exception {
        TestEnvelopes.agency(trust, "FR-DGPN", Set.of("EU-WEST", "MED"));
        String place = "Nice, rue " + TOKEN;
        logIn("lea.moreau", "22-login-partner");
        assertThat(browser.getCurrentUrl()).endsWith("/ui/reports");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("region"))).selectByValue("EU-WEST");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("addressee"))).selectByValue("FR-DGPN");
        browser.findElement(By.id("what")).sendKeys("Une jeune femme hébergée par son employeur, papiers confisqués.");
        browser.findElement(By.id("where")).sendKeys(place);
        browser.findElement(By.id("when")).sendKeys("depuis septembre");
        browser.findElement(By.id("name1")).sendKeys("Grace OBI");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("role1"))).selectByValue("VICTIM");
        browser.findElement(By.id("consent-share")).click();
        screenshot("22-partner-report-form");
        browser.findElement(By.id("send")).click();
        waitFor(By.id("report-sent"));
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("Reçu");
        assertThat(browser.findElement(By.id("report")).getText()).contains("Grace OBI").contains("Victime");
        String reportUrl = browser.getCurrentUrl();
        String id = reportUrl.substring(reportUrl.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        screenshot("23-partner-report-received");
        browser.quit();

        logIn("claire.martin", "24-login-inbox");
        browser.get(base() + "/ui/report-inbox");
        waitFor(By.id("inbox"));
        assertThat(browser.findElement(By.id("inbox")).getText()).contains("NGO-ALC");
        browser.get(base() + "/ui/report-inbox/" + id + "?purpose=DGPN-TEH-2026-0918");
        waitFor(By.id("report"));
        assertThat(browser.findElement(By.id("report")).getText()).contains(place).contains("Grace OBI");
        browser.findElement(By.id("text")).sendKeys("Reçu, nous prenons contact avec vous demain.");
        browser.findElement(By.id("reply")).click();
        waitFor(By.id("triage-done"));
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("En cours d’examen");
        screenshot("25-report-triage");
        browser.quit();

        logIn("lea.moreau", "26-login-partner-again");
        browser.get(reportUrl.replaceAll("\\?.*", ""));
        waitFor(By.id("messages"));
        assertThat(browser.findElement(By.id("messages")).getText()).contains("nous prenons contact avec vous demain");
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("En cours d’examen");
        screenshot("27-partner-sees-the-answer");
    }

    /** The public whistle-blowing form, in French then English: the proof of work runs in the page, the receipt reopens it. */
    @Test
    void whistleblowerReportsAnonymouslyInFrenchAndFollowsItInEnglish() throws Exception {
        TestEnvelopes.agency(trust, "FR-DGPN", Set.of("EU-WEST", "MED"));
        String fact = "Fausses factures " + TOKEN;
        openBrowser("fr");
        browser.get(base() + "/whistleblowing");
        waitFor(By.id("wb-form"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Signaler anonymement");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("region"))).selectByValue("EU-WEST");
        browser.findElement(By.id("what")).sendKeys(fact + " : marchés publics de la métropole attribués d'avance.");
        browser.findElement(By.id("where")).sendKeys("Toulon");
        browser.findElement(By.id("when")).sendKeys("2025-2026");
        screenshot("28-whistleblowing-form-fr");
        browser.findElement(By.id("send")).click();
        waitFor(By.id("code"));
        String code = browser.findElement(By.id("code")).getText().replace(" ", "");
        String passphrase = browser.findElement(By.id("passphrase")).getText();
        assertThat(code).matches("\\d{16}");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Votre signalement est reçu");
        assertThat(browser.manage().getCookies()).as("no cookie set").isEmpty();
        screenshot("29-whistleblowing-receipt-fr");
        browser.quit();

        openBrowser("en");
        browser.get(base() + "/whistleblowing/thread");
        waitFor(By.id("wb-login"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("I have a receipt: follow my report");
        browser.findElement(By.id("receipt")).sendKeys(code);
        browser.findElement(By.id("passphrase")).sendKeys(passphrase);
        browser.findElement(By.id("open")).click();
        waitFor(By.id("what"));
        assertThat(browser.findElement(By.id("what")).getText()).contains(fact);
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("Received");
        screenshot("30-whistleblowing-thread-en");
    }

    private void openBrowser(String language) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800",
                "--lang=" + language);
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages",
                language + (language.contains("-") ? "," + language.substring(0, 2) : "")));
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingPort(eu.synergie.infra.Ports.free()).build(), options);
    }

    /** FR-DGPN publishes {@code json} to EU-WEST; returns once {@code reader} can open it through the API. */
    private void publishAsFranceReadableBy(KeyCredential dgpn, UUID id, String json, String reader) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> published = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/notices"))
                .header("Authorization", "Bearer " + keycloak.clientCredentials("feed-fr-dgpn", "demo-secret-fr-dgpn"))
                .header("Content-Type", "application/pkcs7-mime")
                .POST(HttpRequest.BodyPublishers.ofByteArray(TestEnvelopes.seal(json, dgpn,
                        keys.regions().recipientCertificate("EU-WEST").orElseThrow()))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(published.statusCode()).as(published.body()).isEqualTo(202);
        String token = keycloak.passwordGrant(reader, "demo");
        await("notice " + id + " readable by " + reader).atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/notices/" + id + "?purpose=setup"))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).statusCode(),
                        status -> status == 200);
    }

    /** Claire logs in and searches for the notice with a purpose: one hit, highlighted. The browser stays on the results. */
    private void claireLogsInAndSearches() throws Exception {
        logIn("claire.martin", "01-keycloak-login");
        assertThat(browser.getCurrentUrl()).endsWith("/ui/search");
        assertThat(browser.findElement(By.id("who")).getText()).contains("claire.martin").contains("FR-DGPN");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Rechercher des notices");

        browser.findElement(By.id("purpose")).sendKeys("PJ-MRS-2026-0412");
        browser.findElement(By.id("q")).sendKeys("faux documents " + TOKEN);
        browser.findElement(By.id("search")).click();
        waitFor(By.id("total"));
        assertThat(browser.findElement(By.id("total")).getText()).isEqualTo("1 notice");
        claireSearched = true;
        assertThat(browser.findElement(By.cssSelector("li.hit h2 a")).getAttribute("innerHTML"))
                .contains("<mark>faux</mark>").contains("<mark>documents</mark>");
        assertThat(browser.findElement(By.cssSelector("li.hit .tlp")).getText()).isEqualTo("TLP:AMBER");
        screenshot("02-search-results");
    }

    private void logIn(String user, String screenshot) throws Exception {
        logIn(user, "demo", screenshot);
    }

    private void logIn(String user, String password, String screenshot) throws Exception {
        openBrowser("fr-FR");
        browser.get(base() + "/");
        waitFor(By.id("username"));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        screenshot(screenshot);
        browser.findElement(By.id("kc-login")).click();
        waitFor(By.id("who"));
    }

    private void waitFor(By element) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(element));
    }

    private void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** A French IBAN with valid check digits (ISO 13616: the rearranged number mod 97 is 1), new to this run. */
    private static String frenchIban() {
        StringBuilder bban = new StringBuilder();
        for (int i = 0; i < 23; i++) {
            bban.append((int) (Math.random() * 10));
        }
        int check = 98 - new java.math.BigInteger(bban + "152700").mod(java.math.BigInteger.valueOf(97)).intValue();
        return "FR" + (check < 10 ? "0" : "") + check + bban;
    }

    private String base() {
        return "http://localhost:" + port;
    }
}
