package eu.synergie.gateway.web;

import eu.synergie.core.index.SearchResult;
import eu.synergie.core.matching.Alert;
import eu.synergie.core.matching.AlertInbox;
import eu.synergie.core.matching.Watchlist;
import eu.synergie.core.matching.WatchlistLog;
import eu.synergie.core.matching.Watchlists;
import eu.synergie.core.notice.EntityKind;
import eu.synergie.core.notice.NoticeType;
import eu.synergie.core.notice.Tlp;
import eu.synergie.core.policy.Caller;
import eu.synergie.gateway.api.AlertStreams;
import eu.synergie.gateway.api.InvalidQueryException;
import eu.synergie.gateway.api.NoticeReading;
import eu.synergie.gateway.api.NoticeView;
import eu.synergie.gateway.api.SearchParameters;
import eu.synergie.gateway.audit.ConsultationAudit;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.util.UriComponentsBuilder;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The analyst's pages: search (the purpose asked once and remembered for the session), a notice with its
 * provenance, watchlists, and the live alerts panel. Every read goes through {@link NoticeReading}, like
 * the API: the same access filter, the same audit.
 */
@Controller
class AnalystPages {

    static final String PURPOSE = "synergie.purpose";

    private final NoticeReading reading;
    private final Watchlists watchlists;
    private final WatchlistLog watchlistLog;
    private final AlertInbox inbox;
    private final AlertStreams streams;
    private final ConsultationAudit audit;
    private final TemplateEngine templates;
    private final Clock clock;

    AnalystPages(NoticeReading reading, Watchlists watchlists, WatchlistLog watchlistLog, AlertInbox inbox,
                 AlertStreams streams, ConsultationAudit audit, TemplateEngine templates, Clock clock) {
        this.reading = reading;
        this.watchlists = watchlists;
        this.watchlistLog = watchlistLog;
        this.inbox = inbox;
        this.streams = streams;
        this.audit = audit;
        this.templates = templates;
        this.clock = clock;
    }

    @GetMapping("/ui/search")
    String search(@AuthenticationPrincipal WebUser user, @RequestParam(name = "purpose", required = false) String purpose,
                  SearchParameters parameters, HttpSession session, Model model) {
        if (purpose != null && !purpose.isBlank()) {
            session.setAttribute(PURPOSE, purpose.strip());
        }
        String remembered = (String) session.getAttribute(PURPOSE);
        model.addAttribute("purpose", remembered);
        model.addAttribute("p", parameters);
        model.addAttribute("types", NoticeType.values());
        model.addAttribute("tlps", Arrays.stream(Tlp.values()).map(Tlp::label).toList());
        if (remembered == null) {
            model.addAttribute("needPurpose", parameters.q() != null);
            return "search";
        }
        SearchResult result = reading.search(user.caller(), remembered, parameters.withFacets().toQuery());
        model.addAttribute("result", result);
        String base = currentQuery(parameters);
        model.addAttribute("baseQuery", base);
        if (result.nextCursor() != null) {
            model.addAttribute("nextPage", "/ui/search?" + base + (base.isEmpty() ? "" : "&") + "cursor="
                    + java.net.URLEncoder.encode(result.nextCursor(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return "search";
    }

    /** The query string of the current search without its cursor, to build the filter and paging links. */
    private static String currentQuery(SearchParameters p) {
        UriComponentsBuilder b = UriComponentsBuilder.newInstance();
        add(b, "q", p.q());
        add(b, "sort", p.sort());
        add(b, "from", p.from());
        add(b, "to", p.to());
        add(b, "entityKind", p.entityKind());
        add(b, "entityValue", p.entityValue());
        add(b, "count", p.count());
        if (Boolean.FALSE.equals(p.expand())) {
            b.queryParam("expand", "false");
        }
        Map<String, List<String>> lists = new java.util.LinkedHashMap<>();
        lists.put("type", p.type());
        lists.put("agency", p.agency());
        lists.put("region", p.region());
        lists.put("tlp", p.tlp());
        lists.put("classification", p.classification());
        lists.put("handlingCode", p.handlingCode());
        lists.forEach((name, values) -> {
            if (values != null) {
                values.stream().filter(v -> !v.isBlank()).forEach(v -> b.queryParam(name, v));
            }
        });
        String query = b.encode().build().getQuery();
        return query == null ? "" : query;
    }

    private static void add(UriComponentsBuilder b, String name, String value) {
        if (value != null && !value.isBlank()) {
            b.queryParam(name, value);
        }
    }

    @GetMapping("/ui/notices/{id}")
    String notice(@AuthenticationPrincipal WebUser user, @PathVariable String id,
                  @RequestParam(name = "purpose", required = false) String given, HttpSession session, Model model) {
        if (given != null && !given.isBlank()) {
            session.setAttribute(PURPOSE, given.strip());
        }
        String purpose = (String) session.getAttribute(PURPOSE);
        if (purpose == null) {
            // A new session (e.g. after it expired): ask for the purpose here, then open the same notice.
            return "purpose";
        }
        eu.synergie.core.index.FetchedNotice opened = reading.open(user.caller(), purpose, id);
        NoticeView notice = NoticeView.of(opened);
        model.addAttribute("n", notice);
        // The key each entity links notices by, in the entities' order: where the page offers the network around it.
        model.addAttribute("graphKeys", opened.notice().entities().stream().map(e -> eu.synergie.core.matching.MatchKeys
                .of(e, opened.notice().originAgency()).stream().findFirst().orElse("")).toList());
        if (notice.request() != null) {
            // A tracing request shows the replies its reader may read, as the API's /replies does (and is audited alike).
            model.addAttribute("replies", reading.replies(user.caller(), purpose, id).stream().map(NoticeView::of).toList());
        }
        model.addAttribute("purpose", purpose);
        model.addAttribute("agency", user.caller().agency());
        return "notice";
    }

    @GetMapping(path = "/ui/notices/{id}/envelope")
    ResponseEntity<byte[]> envelope(@AuthenticationPrincipal WebUser user, @PathVariable String id, HttpSession session) {
        NoticeReading.Envelope envelope = reading.envelope(user.caller(), (String) session.getAttribute(PURPOSE), id);
        return ResponseEntity.ok()
                .header("Content-Disposition", "attachment; filename=\"" + envelope.noticeId() + ".p7m\"")
                .contentType(MediaType.parseMediaType("application/pkcs7-mime")).body(envelope.bytes());
    }

    @GetMapping("/ui/watchlists")
    String watchlists(@AuthenticationPrincipal WebUser user, Model model) {
        model.addAttribute("watchlists", watchlists.ofOwner(user.caller().subject()));
        model.addAttribute("kinds", EntityKind.values());
        return "watchlists";
    }

    @PostMapping("/ui/watchlists")
    String createWatchlist(@AuthenticationPrincipal WebUser user, @RequestParam String name,
                           @RequestParam(defaultValue = "PHONE") String kind,
                           @RequestParam(defaultValue = "") String values, @RequestParam(defaultValue = "") String text,
                           @RequestParam(defaultValue = "false") boolean rises) {
        Caller analyst = user.caller();
        List<Map.Entry<String, String>> watched = values.lines().map(String::strip).filter(v -> !v.isEmpty())
                .map(v -> Map.entry(kind, v)).toList();
        Watchlist watchlist;
        try {
            watchlist = Watchlist.create(analyst, name, watched, text, Set.of(), Set.of(), clock.instant(), rises);
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException(e.getMessage());
        }
        watchlistLog.put(watchlist);
        // Read your own write: the follower applies the same state again when it reads it back from the log.
        watchlists.apply(watchlist.id(), watchlist);
        audit.watchlistChanged(analyst, "watchlist-created " + watchlist.id());
        return "redirect:/ui/watchlists?created=" + watchlist.id();
    }

    @PostMapping("/ui/watchlists/{id}/delete")
    String deleteWatchlist(@AuthenticationPrincipal WebUser user, @PathVariable String id) {
        Caller analyst = user.caller();
        if (watchlists.get(id).filter(w -> w.ownerSubject().equals(analyst.subject())).isPresent()) {
            watchlistLog.delete(id);
            watchlists.apply(id, null);
            audit.watchlistChanged(analyst, "watchlist-deleted " + id);
        }
        return "redirect:/ui/watchlists";
    }

    /** The latest alerts, as a fragment the search page loads. */
    @GetMapping("/ui/alerts")
    String alerts(@AuthenticationPrincipal WebUser user, Model model) {
        List<Alert> alerts = inbox.visibleTo(user.caller(), 20);
        audit.alertsShown(user.caller(), alerts.stream().map(Alert::id).toList());
        model.addAttribute("alerts", alerts);
        return "fragments :: alerts";
    }

    /** New alerts as rendered HTML, for htmx's SSE extension (event {@code alert}). */
    @GetMapping(path = "/ui/alerts/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    SseEmitter stream(@AuthenticationPrincipal WebUser user, jakarta.servlet.http.HttpServletRequest request) throws IOException {
        Caller analyst = user.caller();
        Locale locale = RequestContextUtils.getLocale(request);
        return streams.open(analyst, Duration.ofMinutes(30), shown -> SseEmitter.event().name("alert")
                        .data(templates.process("fragments", Set.of("alert"), new Context(locale, Map.of("alert", shown)))
                                .replace("\n", " ")),
                shown -> audit.alertsShown(analyst, List.of(shown.id())));
    }
}
