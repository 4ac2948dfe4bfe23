package eu.synergie.gateway.web;

import eu.synergie.core.notice.ProtectedRole;
import eu.synergie.core.reports.ProofOfWork;
import eu.synergie.core.reports.ReportContent;
import eu.synergie.core.reports.ReportRefusedException;
import eu.synergie.core.trust.AgencyRecord;
import eu.synergie.core.trust.AgencyStatus;
import eu.synergie.core.trust.TrustRegistry;
import eu.synergie.gateway.api.Whistleblowing;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The public whistle-blowing pages: the form, the receipt shown once, and the thread a receipt code and passphrase
 * reopen. Nothing here reads who the visitor is; every form carries a fresh proof-of-work challenge
 * ({@code /js/pow.js} answers it in the browser). {@link Whistleblowing} holds the rules.
 */
@Controller
class WhistleblowingPages {

    private final Whistleblowing whistleblowing;
    private final TrustRegistry trust;

    WhistleblowingPages(Whistleblowing whistleblowing, TrustRegistry trust) {
        this.whistleblowing = whistleblowing;
        this.trust = trust;
    }

    @GetMapping("/whistleblowing")
    String form(Model model) {
        return form(model, null, Map.of());
    }

    @PostMapping("/whistleblowing")
    String submit(@RequestParam(required = false) String challenge, @RequestParam(required = false) String nonce,
                  @RequestParam(required = false) String region, @RequestParam(required = false) String addressee,
                  @RequestParam(required = false) String what, @RequestParam(required = false) String where,
                  @RequestParam(required = false) String when, @RequestParam(required = false) String personName,
                  @RequestParam(required = false) String personRole, Model model) {
        try {
            List<ReportContent.Person> people = personName == null || personName.isBlank() ? List.of()
                    : List.of(new ReportContent.Person(personName, personRole == null || personRole.isBlank() ? null
                    : ProtectedRole.valueOf(personRole), null));
            Whistleblowing.Receipt receipt = whistleblowing.submit(challenge, nonce, region, addressee,
                    new ReportContent(what, where, when, people, null));
            model.addAttribute("receipt", receipt);
            return "whistleblowing-receipt";
        } catch (ReportRefusedException | IllegalArgumentException e) {
            // What was written comes back in the form: a refusal must not cost the reporter their text.
            Map<String, String> typed = new HashMap<>();
            typed.put("region", region);
            typed.put("addressee", addressee);
            typed.put("what", what);
            typed.put("where", where);
            typed.put("when", when);
            typed.put("personName", personName);
            typed.put("personRole", personRole);
            return form(model, code(e), typed);
        }
    }

    @GetMapping("/whistleblowing/thread")
    String login(Model model) {
        return login(model, false);
    }

    @PostMapping("/whistleblowing/thread")
    String thread(@RequestParam(required = false) String challenge, @RequestParam(required = false) String nonce,
                  @RequestParam(required = false) String receipt, @RequestParam(required = false) String passphrase,
                  @RequestParam(required = false) String typed, Model model) {
        try {
            return show(whistleblowing.open(challenge, nonce, receipt, passphrase), receipt, passphrase, typed, null, model);
        } catch (ReportRefusedException e) {
            model.addAttribute("error", code(e));
            return login(model, false);
        }
    }

    @PostMapping("/whistleblowing/thread/answer")
    String answer(@RequestParam(required = false) String challenge, @RequestParam(required = false) String nonce,
                  @RequestParam(required = false) String receipt, @RequestParam(required = false) String passphrase,
                  @RequestParam(required = false) String text, Model model) {
        try {
            return show(whistleblowing.answer(challenge, nonce, receipt, passphrase, text), receipt, passphrase, null, null,
                    model);
        } catch (ReportRefusedException e) {
            // Back to the door (every opening has its proof of work), the answer kept for the thread's box.
            model.addAttribute("error", code(e));
            model.addAttribute("typed", text);
            return login(model, false);
        }
    }

    private static String code(RuntimeException e) {
        return e instanceof ReportRefusedException refused ? refused.refusal().reason() : "INVALID_REPORT";
    }

    private String show(Optional<Whistleblowing.Thread> thread, String receipt, String passphrase, String typed,
                        String error, Model model) {
        if (thread.isEmpty()) {
            return login(model, true);
        }
        model.addAttribute("t", thread.get());
        // Posted back with the answer form, never put in a link or a cookie: the page is not cached (no-store).
        model.addAttribute("receipt", receipt);
        model.addAttribute("passphrase", passphrase);
        model.addAttribute("typed", typed);
        model.addAttribute("error", error);
        challenge(model, whistleblowing.threadChallenge());
        return "whistleblowing-thread";
    }

    private String form(Model model, String error, Map<String, String> typed) {
        challenge(model, whistleblowing.reportChallenge());
        model.addAttribute("regions", new TreeSet<>(trust.agencies().stream().filter(a -> a.status() == AgencyStatus.ACTIVE)
                .flatMap(a -> a.regions().stream()).toList()));
        model.addAttribute("agencies", trust.agencies().stream().filter(a -> a.status() == AgencyStatus.ACTIVE)
                .map(AgencyRecord::code).toList());
        model.addAttribute("roles", ProtectedRole.values());
        model.addAttribute("error", error);
        model.addAttribute("typed", typed);
        return "whistleblowing";
    }

    private String login(Model model, boolean unknown) {
        challenge(model, whistleblowing.threadChallenge());
        model.addAttribute("unknown", unknown);
        return "whistleblowing-login";
    }

    private static void challenge(Model model, String challenge) {
        model.addAttribute("challenge", challenge);
        model.addAttribute("bits", ProofOfWork.bitsOf(challenge));
    }
}
