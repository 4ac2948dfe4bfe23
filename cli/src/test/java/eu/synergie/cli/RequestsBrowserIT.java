package eu.synergie.cli;

import eu.synergie.cli.desk.AgencyDesk;
import eu.synergie.cli.keys.AgencyKeyStore;
import eu.synergie.client.RequestMessages;
import eu.synergie.infra.SharedStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Requests for information in the browser (issue 22), with each agency's desk running on its own key store: Belgium's
 * analyst asks France from a pointer hit (in French), France's analyst takes it, reads the question and replies (in
 * English), Belgium reads the reply, France releases its notice and Belgium opens it. Screenshots 38–44 in
 * {@code gateway/target/screenshots/}.
 */
class RequestsBrowserIT extends ExchangeIntegrationTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("").toAbsolutePath().getParent().resolve("gateway/target/screenshots");

    @TempDir
    Path work;

    private WebDriver browser;
    /** A page left open while another analyst works in {@link #browser}. */
    private WebDriver waiting;

    @AfterEach
    void closeBrowser() {
        for (WebDriver open : java.util.Arrays.asList(browser, waiting)) {
            if (open != null) {
                open.quit();
            }
        }
        browser = null;
        waiting = null;
    }

    @Test
    void requestWhenAskedFromAHitInTheBrowserThenRepliedReleasedAndReadThroughEachAgencysDesk() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("browser tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", "
                    + CHROMEDRIVER + "); .ci/run installs them: apt-get install chromium chromium-driver");
        }
        Files.createDirectories(SCREENSHOTS);
        Random random = new Random();
        String token = letters(random, 8);
        String phone = "+3362" + (1_000_000 + random.nextInt(8_999_999));
        String caseRef = "DGPN-2026-" + token;
        Map<String, String> fr = onboardAgency("FR-DGPN", "feed-fr-dgpn", "demo-secret-fr-dgpn", work.resolve("fr"));
        Map<String, String> be = onboardAgency("BE-PJF", FEED_CLIENT, FEED_SECRET, work.resolve("be"));
        UUID held = UUID.randomUUID();
        pushNotice(fr, phoneNotice(held, "FR-DGPN", caseRef, token, phone, "[\"ES-CNP\"]", 1));
        pushNotice(be, phoneNotice(UUID.randomUUID(), "BE-PJF", "PJF-BRU-2026-" + token, token + "B", phone, "[]", 1));
        String question = "Le titulaire de la ligne " + phone + " est-il connu de vos services à Lyon ? Réf. " + token;
        String reply = "Yes: prepaid line activated in Lyon in March, used by the courier network of case " + token + ".";

        try (AgencyDesk france = desk(fr, FRANCE_DESK_PORT); AgencyDesk belgium = desk(be, BELGIUM_DESK_PORT)) {
            // Belgium, in French: the pointer hit among the alerts, and the request from it.
            logIn("luc.peeters", "fr-FR");
            browser.get(server() + "/ui/search");
            WebElement ask = new WebDriverWait(browser, Duration.ofSeconds(90)).pollingEvery(Duration.ofSeconds(2))
                    .until(d -> {
                        var links = d.findElements(By.cssSelector("a.ask[href*='" + caseRef + "']"));
                        if (links.isEmpty()) {
                            d.navigate().refresh();
                            return null;
                        }
                        return links.getFirst();
                    });
            screenshot("38-pointer-hit-ask-fr");
            ask.click();
            waitFor(By.id("ask"));
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Interroger FR-DGPN");
            browser.findElement(By.id("purpose")).clear();
            browser.findElement(By.id("purpose")).sendKeys("PJ-BRU-2026-1187");
            browser.findElement(By.id("legal-basis")).sendKeys("Décision-cadre 2006/960/JAI, art. 3");
            new Select(browser.findElement(By.id("urgency"))).selectByValue("URGENT");
            // A date and time picker is typed differently by every locale: the value is set as the picker would.
            ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]",
                    browser.findElement(By.id("deadline-local")), java.time.LocalDateTime.now().plusDays(3)
                            .withSecond(0).withNano(0).toString());
            browser.findElement(By.id("text")).sendKeys(question);
            screenshot("39-request-written-fr");
            browser.findElement(By.id("send")).click();
            awaitSent();
            awaitOpened(0, question);
            assertThat(browser.findElement(By.id("request-status")).getText()).isEqualTo("Ouverte");
            String requestUrl = browser.getCurrentUrl().replaceAll("\\?.*$", "");
            screenshot("40-request-sent-fr");
            // Belgium's page stays open: it shows France's reply by itself when it comes (live updates).
            waiting = browser;
            browser = null;

            // France, in English: the count in the header, the queue, the question opened at France's desk, the reply.
            logIn("claire.martin", "en");
            assertThat(browser.findElement(By.id("requests-waiting")).getText()).isNotBlank();
            browser.findElement(By.id("nav-requests")).click();
            waitFor(By.id("request-list"));
            browser.get(requestUrl);
            awaitOpened(0, question);
            browser.findElement(By.id("take")).click();
            awaitOpened(0, question);
            new Select(browser.findElement(By.id("step"))).selectByValue("REPLY");
            browser.findElement(By.id("text")).sendKeys(reply);
            screenshot("41-request-reply-en");
            browser.findElement(By.id("send")).click();
            awaitSent();
            awaitOpened(1, reply);
            assertThat(browser.findElement(By.id("request-status")).getText()).isEqualTo("Answered");
            browser.quit();

            // Belgium reads the reply at its own desk, on the page it left open.
            browser = waiting;
            waiting = null;
            awaitOpened(1, reply);
            assertThat(browser.findElement(By.id("request-status")).getText()).isEqualTo("Répondue");
            screenshot("42-reply-read-fr");
            browser.quit();

            // France releases a new version that lists Belgium; Belgium opens the notice it could not read before.
            String luc = SharedStack.keycloak().passwordGrant("luc.peeters", "demo");
            assertThat(send(luc, "GET", "/api/v1/notices/" + held + "?purpose=PJ-BRU-2026-1187", "application/json", "")
                    .statusCode()).isEqualTo(404);
            pushNotice(fr, phoneNotice(held, "FR-DGPN", caseRef, token, phone, "[\"ES-CNP\",\"BE-PJF\"]", 2));
            String claire = SharedStack.keycloak().passwordGrant("claire.martin", "demo");
            await("version 2 indexed").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    send(claire, "GET", "/api/v1/notices/" + held + "?purpose=rfi", "application/json", "").body(),
                    body -> body.contains("BE-PJF"));
            logIn("claire.martin", "en");
            browser.get(requestUrl);
            awaitOpened(1, reply);
            new Select(browser.findElement(By.id("step"))).selectByValue("RELEASE");
            browser.findElement(By.id("release-notice")).sendKeys(held.toString());
            browser.findElement(By.id("text")).sendKeys("Notice " + caseRef + " released to PJF Brussels.");
            screenshot("43-release-en");
            browser.findElement(By.id("send")).click();
            awaitSent();
            assertThat(browser.findElement(By.id("request-status")).getText()).isEqualTo("Released");
            assertThat(browser.findElements(By.id("write"))).as("a closed request takes no message").isEmpty();
            browser.quit();

            logIn("luc.peeters", "fr-FR");
            browser.get(server() + "/ui/search");
            browser.findElement(By.id("purpose")).sendKeys("PJ-BRU-2026-1187");
            browser.findElement(By.id("search")).click();
            // The search's answer says the purpose is in the session; leaving before it could cancel the search.
            waitFor(By.id("total"));
            browser.get(server() + "/ui/notices/" + held);
            waitFor(By.cssSelector("article h1"));
            assertThat(browser.findElement(By.cssSelector("article h1")).getText()).contains(token);
            screenshot("44-released-notice-fr");
        }
    }

    private AgencyDesk desk(Map<String, String> env, int port) throws Exception {
        RequestMessages messages = new RequestMessages(AgencyKeyStore.read(Path.of(env.get("SYNERGIE_KEYSTORE")),
                env.get("SYNERGIE_KEYSTORE_PASSWORD").toCharArray()).signingCredential());
        return new AgencyDesk(messages, SharedStack.keycloak().issuer(), Set.of(server()),
                new InetSocketAddress("127.0.0.1", port), System.err).start();
    }

    /** Waits until the thread's message {@code index} is opened at the desk and reads {@code text}. */
    private void awaitOpened(int index, String text) {
        // The desk redraws the thread as it opens each message: an element found a moment before can be gone when its
        // text is read, and the next poll finds the redrawn one.
        new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class).until(d -> {
            var texts = d.findElements(By.cssSelector("#thread .message .text"));
            if (texts.size() <= index) {
                return false;
            }
            String shown = texts.get(index).getText();
            assertThat(shown).as("message " + index).doesNotContain("Could not be opened").doesNotContain("Impossible à ouvrir");
            return shown.equals(text);
        });
    }

    /** Waits for the page that says a message was sealed and sent; failing, says what the form showed and the console. */
    private void awaitSent() {
        try {
            waitFor(By.id("request-sent"));
        } catch (org.openqa.selenium.TimeoutException e) {
            String shown = browser.findElements(By.cssSelector("form.seal .error")).stream().map(WebElement::getText)
                    .reduce("", String::concat);
            String console = browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().toString();
            throw new AssertionError("not sent; the form says: " + shown + "; the console: " + console + "; at "
                    + browser.getCurrentUrl(), e);
        }
    }

    private void logIn(String user, String language) throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
                "--lang=" + language);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages",
                language + (language.contains("-") ? "," + language.substring(0, 2) : "")));
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingPort(eu.synergie.infra.Ports.free()).build(), options);
        browser.get(server() + "/");
        waitFor(By.id("username"));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys("demo");
        browser.findElement(By.id("kc-login")).click();
        waitFor(By.id("who"));
    }

    private void waitFor(By element) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(element));
    }

    private void screenshot(String name) throws Exception {
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
    }


}
