package eu.synergie.gateway.web;

import eu.synergie.core.notice.ProtectedRole;
import eu.synergie.core.reports.ReportContent;
import eu.synergie.core.trust.AgencyRecord;
import eu.synergie.core.trust.TrustRegistry;
import eu.synergie.gateway.api.ReportDesk;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.ArrayList;
import java.util.List;

/**
 * The partner channel in the web UI: a partner's form and the status of its reports ({@code /ui/reports}, role
 * {@code partner-reporter}); an analyst's report inbox and triage ({@code /ui/report-inbox}). The same rules, sealing
 * and audit as the API: {@link ReportDesk} is the one place.
 */
@Controller
class ReportPages {

    private static final int PEOPLE_ROWS = 3;

    private final ReportDesk desk;
    private final TrustRegistry trust;

    ReportPages(ReportDesk desk, TrustRegistry trust) {
        this.desk = desk;
        this.trust = trust;
    }

    @GetMapping("/ui/reports")
    String reports(@AuthenticationPrincipal WebUser user, Model model) {
        model.addAttribute("reports", desk.sent(user.caller()));
        model.addAttribute("regions", user.caller().regions().stream().sorted().toList());
        model.addAttribute("agencies", trust.agencies().stream()
                .filter(a -> a.regions().stream().anyMatch(user.caller().regions()::contains)).map(AgencyRecord::code).toList());
        model.addAttribute("roles", ProtectedRole.values());
        model.addAttribute("rows", PEOPLE_ROWS);
        return "reports";
    }

    @PostMapping("/ui/reports")
    String submit(@AuthenticationPrincipal WebUser user, @RequestParam String region,
                  @RequestParam(required = false) String addressee, @RequestParam String what, @RequestParam String where,
                  @RequestParam String when, @RequestParam(name = "personName", required = false) List<String> names,
                  @RequestParam(name = "personRole", required = false) List<String> roles,
                  @RequestParam(name = "personDetails", required = false) List<String> details,
                  @RequestParam(defaultValue = "false") boolean victimAgreesToShare,
                  @RequestParam(defaultValue = "false") boolean contactAllowed) {
        List<ReportContent.Person> people = new ArrayList<>();
        for (int i = 0; names != null && i < names.size(); i++) {
            if (names.get(i) == null || names.get(i).isBlank()) {
                continue;
            }
            String role = roles == null || i >= roles.size() ? "" : roles.get(i);
            people.add(new ReportContent.Person(names.get(i), role.isBlank() ? null : ProtectedRole.valueOf(role),
                    details == null || i >= details.size() ? null : details.get(i)));
        }
        var report = desk.submit(user.caller(), region, addressee, new ReportContent(what, where, when, people,
                new ReportContent.Consent(victimAgreesToShare, contactAllowed)));
        return "redirect:/ui/reports/" + report.id() + "?sent=true";
    }

    @GetMapping("/ui/reports/{id}")
    String report(@AuthenticationPrincipal WebUser user, @PathVariable String id, Model model) {
        ReportDesk.Followed followed = desk.follow(user.caller(), id);
        model.addAttribute("r", followed.report());
        model.addAttribute("c", followed.content());
        model.addAttribute("messages", followed.messages());
        return "report";
    }

    @GetMapping("/ui/report-inbox")
    String inbox(@AuthenticationPrincipal WebUser user, Model model) {
        model.addAttribute("reports", desk.inbox(user.caller()));
        return "report-inbox";
    }

    @GetMapping("/ui/report-inbox/{id}")
    String triage(@AuthenticationPrincipal WebUser user, @PathVariable String id,
                  @RequestParam(name = "purpose", required = false) String given, HttpSession session, Model model) {
        if (given != null && !given.isBlank()) {
            session.setAttribute(AnalystPages.PURPOSE, given.strip());
        }
        String purpose = (String) session.getAttribute(AnalystPages.PURPOSE);
        if (purpose == null) {
            return "purpose";
        }
        ReportDesk.Opened opened = desk.open(user.caller(), purpose, id);
        model.addAttribute("r", opened.report());
        model.addAttribute("c", opened.content());
        model.addAttribute("messages", opened.messages());
        model.addAttribute("purpose", purpose);
        return "report-triage";
    }

    @GetMapping(path = "/ui/report-inbox/{id}/draft")
    ResponseEntity<String> draft(@AuthenticationPrincipal WebUser user, @PathVariable String id, HttpSession session) {
        String purpose = (String) session.getAttribute(AnalystPages.PURPOSE);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + id + "-notice.json\"")
                .body(desk.draft(user.caller(), purpose, id));
    }

    @PostMapping("/ui/report-inbox/{id}/messages")
    String message(@AuthenticationPrincipal WebUser user, @PathVariable String id, @RequestParam String text) {
        desk.message(user.caller(), id, text);
        return "redirect:/ui/report-inbox/" + id + "?done=message";
    }

    @PostMapping("/ui/report-inbox/{id}/closure")
    String close(@AuthenticationPrincipal WebUser user, @PathVariable String id, @RequestParam String reason) {
        desk.close(user.caller(), id, reason);
        return "redirect:/ui/report-inbox/" + id + "?done=closed";
    }

    @PostMapping("/ui/report-inbox/{id}/notice")
    String actioned(@AuthenticationPrincipal WebUser user, @PathVariable String id, @RequestParam String noticeId) {
        desk.actioned(user.caller(), id, noticeId);
        return "redirect:/ui/report-inbox/" + id + "?done=actioned";
    }
}
