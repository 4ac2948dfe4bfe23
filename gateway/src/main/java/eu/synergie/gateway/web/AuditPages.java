package eu.synergie.gateway.web;

import eu.synergie.core.audit.AuditAction;
import eu.synergie.core.audit.AuditIndex;
import eu.synergie.core.audit.AuditSearch;
import eu.synergie.core.audit.AuditVerifier;
import eu.synergie.crypto.audit.ChainVerification;
import eu.synergie.gateway.api.InvalidQueryException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * The auditor's page: the audit log searched by person, agency, notice, action and time, and the result of
 * walking the hash chain from the log.
 */
@Controller
class AuditPages {

    private final AuditIndex index;
    private final AuditVerifier verifier;

    AuditPages(AuditIndex index, AuditVerifier verifier) {
        this.index = index;
        this.verifier = verifier;
    }

    @GetMapping("/ui/audit")
    String search(@RequestParam(required = false) String subject, @RequestParam(required = false) String agency,
                  @RequestParam(required = false) String noticeId, @RequestParam(required = false) String action,
                  @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                  @RequestParam(defaultValue = "0") int page, Model model) {
        AuditSearch search;
        try {
            search = new AuditSearch(blank(subject), blank(agency), blank(noticeId), action(action), day(from, false),
                    day(to, true), page, 50);
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException(e.getMessage());
        }
        model.addAttribute("found", index.search(search));
        model.addAttribute("actions", AuditAction.values());
        model.addAttribute("criteria", new Criteria(subject, agency, noticeId, action, from, to));
        return "audit";
    }

    /** Walking the chain reads the whole log: on request only, never on every page view. */
    @PostMapping("/ui/audit/verify")
    String verify(Model model) {
        ChainVerification result = verifier.verify();
        model.addAttribute("verification", result);
        model.addAttribute("intact", result instanceof ChainVerification.Intact);
        return "audit-verify";
    }

    record Criteria(String subject, String agency, String noticeId, String action, String from, String to) {
    }

    private static AuditAction action(String value) {
        if (blank(value) == null) {
            return null;
        }
        try {
            return AuditAction.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("action has no value \"" + value.strip() + "\"");
        }
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Instant day(String value, boolean endOfDay) {
        if (blank(value) == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip()).plusDays(endOfDay ? 1 : 0).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("dates are written 2026-11-29");
        }
    }
}
