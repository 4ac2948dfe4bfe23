package eu.synergie.gateway.api;

import eu.synergie.core.Refusal;
import eu.synergie.core.reports.ProofOfWork;
import eu.synergie.core.reports.Report;
import eu.synergie.core.reports.ReportContent;
import eu.synergie.core.reports.ReportRefusedException;
import eu.synergie.core.reports.Reports;
import eu.synergie.crypto.password.Bcrypt;
import eu.synergie.gateway.audit.ConsultationAudit;
import eu.synergie.gateway.keys.ExchangeKeys;
import eu.synergie.gateway.wiring.WhistleblowingProperties;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The whistle-blower channel (issue 18, part 4): a report without an account, as GlobaLeaks promises it. The exchange
 * learns nothing of who sends it (it reads no address, sets no cookie it keeps, loads nothing from a third party), slows
 * floods with a proof of work and an overall rate, seals the report on arrival for the region's desk and the addressee
 * (as a partner's), and gives back a receipt code and a passphrase, shown once: with them the reporter comes back,
 * reads the addressee's questions and answers, in the anonymous thread. The receipt is kept only as a keyed hash (the
 * lookup), the passphrase only as a bcrypt hash; a wrong pair and an unknown one get the same answer, in about the
 * same time.
 */
@Component
public class Whistleblowing {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Whistleblowing.class);

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PASSPHRASE_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    /** A hash of no passphrase: checked when the receipt is unknown, so that answering takes as long either way. */
    private static final String NO_SUCH_THREAD = Bcrypt.hash("no such thread".toCharArray());

    private final Reports reports;
    private final ReportDesk desk;
    private final ConsultationAudit audit;
    private final Clock clock;
    private final ProofOfWork proofOfWork;
    private final byte[] receiptKey;
    private final Budget submissions;
    private final Budget openings;

    /** What the exchange takes a minute, all senders together: a sliding window of what it took. */
    private static final class Budget {
        private final int perMinute;
        private final Deque<Instant> taken = new ArrayDeque<>();

        Budget(int perMinute) {
            this.perMinute = perMinute;
        }

        /** How full the last minute is, 0 to 1. */
        synchronized double load(Instant now) {
            forget(now);
            return (double) taken.size() / perMinute;
        }

        synchronized boolean full(Instant now) {
            forget(now);
            return taken.size() >= perMinute;
        }

        synchronized boolean take(Instant now) {
            forget(now);
            if (taken.size() >= perMinute) {
                return false;
            }
            taken.addLast(now);
            return true;
        }

        private void forget(Instant now) {
            while (!taken.isEmpty() && taken.peekFirst().isBefore(now.minusSeconds(60))) {
                taken.pollFirst();
            }
        }
    }

    Whistleblowing(Reports reports, ReportDesk desk, ConsultationAudit audit, Clock clock, ExchangeKeys keys,
                   WhistleblowingProperties properties) {
        this.reports = reports;
        this.desk = desk;
        this.audit = audit;
        this.clock = clock;
        this.proofOfWork = new ProofOfWork(derive(keys, "synergie-whistleblowing-pow-v1"), properties.proofOfWorkBits(),
                properties.challengeTtl(), clock);
        this.receiptKey = derive(keys, "synergie-whistleblowing-receipt-v1");
        this.submissions = new Budget(properties.perMinute());
        this.openings = new Budget(properties.openingsPerMinute());
    }

    /** What the reporter keeps: shown once, never stored as such. */
    public record Receipt(String code, String passphrase) {

        /** The code as shown: four groups of four digits. */
        public String shown() {
            return code.replaceAll("(\\d{4})(?=\\d)", "$1 ");
        }
    }

    /** The anonymous thread as its reporter reads it. */
    public record Thread(Report report, ReportContent content, List<ReportDesk.Said> messages) {
    }

    /** A challenge for the report form: more bits asked as the minute's reports fill up. */
    public String reportChallenge() {
        return proofOfWork.challenge(proofOfWork.bits() + extraBits(submissions));
    }

    /** A challenge for opening or answering a thread. */
    public String threadChallenge() {
        return proofOfWork.challenge(proofOfWork.bits() + extraBits(openings));
    }

    private int extraBits(Budget budget) {
        double load = budget.load(clock.instant());
        return load >= 0.8 ? 4 : load >= 0.5 ? 2 : 0;
    }

    /** Takes an anonymous report about {@code region} for {@code addressee} (or the region's desk). */
    public Receipt submit(String challenge, String nonce, String region, String addressee, ReportContent content) {
        desk.addresseeOf(region, addressee);   // a wrong form costs no proof of work and no place in the minute
        admit(challenge, nonce, submissions);
        Receipt receipt = new Receipt(digits(16), passphrase());
        String secret = Bcrypt.hash(receipt.passphrase().toCharArray());
        Report report = desk.submitAnonymously(region, addressee, content, lookup(receipt.code()), secret);
        audit.reportSubmittedAnonymously(report.id(), report.addressee() == null ? "desk:" + report.region() : report.addressee());
        LOG.debug("anonymous report {} taken for {} in {}", report.id(), report.addressee(), report.region());
        return receipt;
    }

    /** The thread of {@code code} if {@code passphrase} opens it; empty for a wrong pair and an unknown code alike. */
    public Optional<Thread> open(String challenge, String nonce, String code, String passphrase) {
        admit(challenge, nonce, openings);
        return thread(code, passphrase).map(r -> new Thread(r, desk.content(r), desk.messages(r)));
    }

    /** The reporter's answer in the thread, sealed like the report; empty when the pair opens nothing. */
    public Optional<Thread> answer(String challenge, String nonce, String code, String passphrase, String text) {
        String answer = ReportDesk.messageText(text);
        admit(challenge, nonce, openings);
        Optional<Report> found = thread(code, passphrase);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Report report = found.get();
        if (report.status().closed()) {
            throw new ReportRefusedException(Refusal.Kind.CONFLICT, "REPORT_CLOSED", "the report is closed");
        }
        Report changed = report.withMessage(new Report.Message(clock.instant(), null, ReportDesk.REPORTER,
                desk.sealMessage(report, null, answer)));
        if (!reports.replace(report, changed)) {
            throw new ReportRefusedException(Refusal.Kind.CONFLICT, "REPORT_BUSY", "the report changed meanwhile; send again");
        }
        audit.reportAnsweredAnonymously(report.id(), report.addressee() == null ? "desk:" + report.region() : report.addressee());
        LOG.debug("the reporter of {} answered", report.id());
        Report now = reports.find(report.id()).orElse(changed);
        return Optional.of(new Thread(now, desk.content(now), desk.messages(now)));
    }

    private Optional<Report> thread(String code, String passphrase) {
        String digits = code == null ? "" : code.replaceAll("\\s", "");
        Optional<Report> found = digits.matches("\\d{16}") ? reports.sentBy(lookup(digits), 1).stream().findFirst()
                : Optional.empty();
        String candidate = passphrase == null ? "" : passphrase.strip().toLowerCase(java.util.Locale.ROOT);
        boolean opens = Bcrypt.matches(candidate.toCharArray(), found.map(Report::secret).orElse(NO_SUCH_THREAD));
        return found.isPresent() && opens ? found : Optional.empty();
    }

    /**
     * The minute's budget, then the proof of work, then a place in the budget: a flood costs its sender (and more as it
     * fills the minute), cannot swamp the desks, and a full minute refuses before any challenge is checked or kept.
     */
    private void admit(String challenge, String nonce, Budget budget) {
        if (budget.full(clock.instant())) {
            throw busy();
        }
        if (!proofOfWork.verify(challenge, nonce)) {
            throw new ReportRefusedException(Refusal.Kind.UNPROCESSABLE, "PROOF_OF_WORK_FAILED",
                    "the form's proof of work is missing, wrong or used already: load the form again");
        }
        if (!budget.take(clock.instant())) {
            throw busy();
        }
    }

    private static ReportRefusedException busy() {
        return new ReportRefusedException(Refusal.Kind.CONFLICT, "TOO_BUSY",
                "the exchange takes no more of these this minute: try again in a minute");
    }

    private String lookup(String code) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(receiptKey, "HmacSHA256"));
            return "receipt:" + HexFormat.of().formatHex(mac.doFinal(code.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is missing from this JVM", e);
        }
    }

    private static byte[] derive(ExchangeKeys keys, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(keys.logMacKey());
            return mac.doFinal(label.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the exchange's MAC key cannot derive a key", e);
        }
    }

    private static String digits(int count) {
        StringBuilder code = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            code.append(RANDOM.nextInt(10));
        }
        return code.toString();
    }

    /** Five groups of four letters and digits (100 bits), without look-alikes (l, o, 0, 1). */
    private static String passphrase() {
        StringBuilder phrase = new StringBuilder();
        for (int group = 0; group < 5; group++) {
            if (group > 0) {
                phrase.append('-');
            }
            for (int i = 0; i < 4; i++) {
                phrase.append(PASSPHRASE_ALPHABET.charAt(RANDOM.nextInt(PASSPHRASE_ALPHABET.length())));
            }
        }
        return phrase.toString();
    }
}
