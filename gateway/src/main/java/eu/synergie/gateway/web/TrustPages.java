package eu.synergie.gateway.web;

import eu.synergie.core.ingestion.DeadLetterReader;
import eu.synergie.core.policy.Caller;
import eu.synergie.core.trust.CertificateRecord;
import eu.synergie.core.trust.RevocationReason;
import eu.synergie.core.trust.TrustException;
import eu.synergie.core.trust.TrustService;
import eu.synergie.crypto.pki.CertificateRequests;
import eu.synergie.gateway.access.AccessAdministration;
import eu.synergie.gateway.audit.ConsultationAudit;
import eu.synergie.core.trust.AgencyRecord;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The trust administrator's pages: agencies with their regions and certificates, onboarding from a CSR,
 * revocation with a reason after a confirmation step, suspension, and dead letters counted by reason.
 */
@Controller
class TrustPages {

    private final TrustService trust;
    private final DeadLetterReader deadLetters;
    private final ConsultationAudit audit;
    private final AccessAdministration access;

    TrustPages(TrustService trust, DeadLetterReader deadLetters, ConsultationAudit audit, AccessAdministration access) {
        this.trust = trust;
        this.deadLetters = deadLetters;
        this.audit = audit;
        this.access = access;
    }

    @GetMapping("/ui/trust")
    String agencies(Model model) {
        model.addAttribute("agencies", trust.registry().agencies());
        model.addAttribute("certificates", trust.registry().agencies().stream()
                .collect(java.util.stream.Collectors.toMap(a -> a.code(), a -> trust.registry().certificatesOf(a.code()))));
        model.addAttribute("deadLetters", deadLetters.read(0));
        return "trust";
    }

    @PostMapping("/ui/trust/agencies")
    String onboard(@AuthenticationPrincipal WebUser user, @RequestParam String code, @RequestParam String name,
                   @RequestParam(required = false) List<String> regions, @RequestParam(defaultValue = "") String csr,
                   RedirectAttributes shownOnce) {
        Caller admin = user.caller();
        if (trust.registry().agency(code.strip()).isEmpty()) {
            AgencyRecord agency = trust.register(code.strip(), name, regions == null ? Set.of() : new TreeSet<>(regions),
                    admin.subject());
            audit.trustChanged(admin, "agency-registered", code.strip());
            // Its feed client in Keycloak; the secret is shown once, on the next page only.
            AccessAdministration.FeedClient feed = access.onboarded(agency);
            if (feed != null && feed.secret() != null) {
                shownOnce.addFlashAttribute("feedClient", feed);
            }
        }
        if (!csr.isBlank()) {
            issue(admin, code.strip(), csr);
        }
        return "redirect:/ui/trust?done=onboarded";
    }

    @PostMapping("/ui/trust/agencies/{code}/certificates")
    String certificate(@AuthenticationPrincipal WebUser user, @PathVariable String code, @RequestParam String csr) {
        issue(user.caller(), code, csr);
        return "redirect:/ui/trust?done=issued";
    }

    private void issue(Caller admin, String code, String csr) {
        PublicKey key;
        try {
            key = CertificateRequests.verifiedPublicKey(csr.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new TrustException(TrustException.Kind.INVALID, e.getMessage());
        }
        List<X509Certificate> chain = trust.issueCertificate(code, key, admin.subject());
        audit.trustChanged(admin, "certificate-issued", code + " " + chain.getFirst().getSerialNumber().toString(16));
    }

    /** Revocation cannot be undone: this page names the certificate and its agency before anything happens. */
    @GetMapping("/ui/trust/certificates/{serial}/revoke")
    String confirmRevocation(@PathVariable String serial, Model model) {
        CertificateRecord certificate = trust.registry().certificate(serial)
                .orElseThrow(() -> new TrustException(TrustException.Kind.NOT_FOUND, "no certificate with serial " + serial));
        model.addAttribute("certificate", certificate);
        model.addAttribute("reasons", Arrays.stream(RevocationReason.values()).map(Enum::name).toList());
        return "revoke";
    }

    @PostMapping("/ui/trust/certificates/{serial}/revoke")
    String revoke(@AuthenticationPrincipal WebUser user, @PathVariable String serial, @RequestParam String reason) {
        Caller admin = user.caller();
        RevocationReason why;
        try {
            why = RevocationReason.valueOf(reason);
        } catch (IllegalArgumentException e) {
            throw new TrustException(TrustException.Kind.INVALID, "unknown revocation reason " + reason);
        }
        trust.revoke(serial, why, why == RevocationReason.KEY_COMPROMISE ? java.time.Instant.now() : null, admin.subject());
        audit.trustChanged(admin, "certificate-revoked", serial + " " + why);
        return "redirect:/ui/trust?done=revoked";
    }

    @PostMapping("/ui/trust/agencies/{code}/suspend")
    String suspend(@AuthenticationPrincipal WebUser user, @PathVariable String code) {
        trust.suspend(code, user.caller().subject());
        audit.trustChanged(user.caller(), "agency-suspended", code);
        access.suspended(code);
        return "redirect:/ui/trust?done=suspended";
    }

    @PostMapping("/ui/trust/agencies/{code}/reinstate")
    String reinstate(@AuthenticationPrincipal WebUser user, @PathVariable String code) {
        trust.reinstate(code, user.caller().subject());
        audit.trustChanged(user.caller(), "agency-reinstated", code);
        access.reinstated(code);
        return "redirect:/ui/trust?done=reinstated";
    }
}
