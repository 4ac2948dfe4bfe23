package eu.synergie.gateway.web;

import eu.synergie.core.rfi.InformationRequest;
import eu.synergie.core.rfi.ThreadMessage;
import eu.synergie.core.rfi.Urgency;
import eu.synergie.crypto.pki.Pem;
import eu.synergie.gateway.rfi.InformationRequests;
import eu.synergie.gateway.wiring.RequestProperties;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.annotation.RegisteredOAuth2AuthorizedClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Requests for information in the web UI (issue 22): the agency's requests, sent and held; one request with its
 * thread; a new request from a notice or a pointer hit. The pages never see a message in the clear: their script
 * sends each envelope to the analyst's agency desk to open, and what the analyst writes to the desk to seal, with
 * the analyst's own token; only envelopes come back here. A text field has no name, so it is never posted, even
 * without the script.
 */
@Controller
class RequestPages {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final InformationRequests requests;
    private final RequestProperties settings;
    private final RequestStreams streams;
    private final Clock clock;

    RequestPages(InformationRequests requests, RequestProperties settings, RequestStreams streams, Clock clock) {
        this.requests = requests;
        this.settings = settings;
        this.streams = streams;
        this.clock = clock;
    }

    /** The live updates of the request pages: the id, version and state of each request of the agency that moves. */
    @GetMapping(path = "/ui/requests/stream", produces = org.springframework.http.MediaType.TEXT_EVENT_STREAM_VALUE)
    @org.springframework.web.bind.annotation.ResponseBody
    org.springframework.web.servlet.mvc.method.annotation.SseEmitter stream(@AuthenticationPrincipal WebUser user) {
        return streams.open(user.caller(), java.time.Duration.ofMinutes(30));
    }

    @GetMapping("/ui/requests")
    String list(@AuthenticationPrincipal WebUser user, Model model) {
        model.addAttribute("requests", requests.list(user.caller()));
        model.addAttribute("now", clock.instant());
        return "requests";
    }

    @GetMapping("/ui/requests/new")
    String form(@AuthenticationPrincipal WebUser user, @RequestParam(name = "noticeId", required = false) UUID noticeId,
                @RequestParam(name = "key", required = false) String key,
                @RequestParam(name = "holder", required = false) String holder,
                @RequestParam(name = "caseRef", required = false) String caseRef,
                @RequestParam(name = "holderOf", required = false) String holderOfNotice, HttpSession session, Model model) {
        String to = noticeId != null ? holderOfNotice : holder;
        if (to == null || to.isBlank()) {
            throw new IllegalArgumentException("a request goes to the agency holding a notice or a pointer");
        }
        model.addAttribute("noticeId", noticeId);
        model.addAttribute("key", key);
        model.addAttribute("holder", to);
        model.addAttribute("caseRef", caseRef);
        model.addAttribute("purpose", session.getAttribute(AnalystPages.PURPOSE));
        model.addAttribute("recipients", pems(requests.recipients(user.caller(), to)));
        deskOf(user, model);
        return "request-new";
    }

    @PostMapping("/ui/requests")
    String open(@AuthenticationPrincipal WebUser user, @RequestParam(name = "id", required = false) UUID id,
                @RequestParam(name = "noticeId", required = false) UUID noticeId,
                @RequestParam(name = "key", required = false) String key,
                @RequestParam(name = "holder", required = false) String holder,
                @RequestParam(name = "caseRef", required = false) String caseRef,
                @RequestParam(name = "purpose", required = false) String purpose,
                @RequestParam(name = "legalBasis", required = false) String legalBasis,
                @RequestParam(name = "urgency", defaultValue = "NORMAL") Urgency urgency,
                @RequestParam(name = "deadline", required = false) String deadline,
                @RequestParam(name = "envelope", required = false) String envelope) {
        InformationRequest request = requests.open(user.caller(), purpose, id,
                noticeId != null ? new InformationRequests.Subject(noticeId, null, null, null)
                        : new InformationRequests.Subject(null, key, holder, caseRef),
                legalBasis, urgency, urgency == Urgency.URGENT ? instant(deadline) : null, null, decoded(envelope));
        return "redirect:/ui/requests/" + request.id() + "?sent";
    }

    @GetMapping("/ui/requests/{id}")
    String request(@AuthenticationPrincipal WebUser user, @PathVariable String id, Model model) {
        InformationRequest request = requests.read(user.caller(), id);
        String agency = user.caller().agency();
        boolean requester = request.side(agency) == InformationRequest.Side.REQUESTER;
        model.addAttribute("r", request);
        model.addAttribute("requester", requester);
        model.addAttribute("other", requester ? request.holderAgency() : request.requesterAgency());
        model.addAttribute("overdue", request.overdue(clock.instant()));
        model.addAttribute("envelopes", request.thread().stream()
                .map(m -> Base64.getEncoder().encodeToString(m.envelope())).toList());
        model.addAttribute("steps", requester ? List.of(ThreadMessage.Step.FOLLOW_UP)
                : List.of(ThreadMessage.Step.REPLY, ThreadMessage.Step.ASK_BACK, ThreadMessage.Step.REFUSAL,
                ThreadMessage.Step.RELEASE));
        model.addAttribute("recipients", pems(requests.recipients(user.caller(), requester ? request.holderAgency()
                : request.requesterAgency())));
        deskOf(user, model);
        return "request";
    }

    @PostMapping("/ui/requests/{id}/take")
    String take(@AuthenticationPrincipal WebUser user, @PathVariable String id) {
        requests.assign(user.caller(), id);
        return "redirect:/ui/requests/" + id;
    }

    @PostMapping("/ui/requests/{id}/messages")
    String message(@AuthenticationPrincipal WebUser user, @PathVariable String id,
                   @RequestParam(name = "step", required = false) ThreadMessage.Step step,
                   @RequestParam(name = "envelope", required = false) String envelope,
                   @RequestParam(name = "noticeId", required = false) UUID noticeId) {
        requests.message(user.caller(), id, step, decoded(envelope), noticeId);
        return "redirect:/ui/requests/" + id + "?sent";
    }

    /**
     * The analyst's access token, for the page's script to call the agency desk with: the analyst's own credentials,
     * which the desk verifies against the realm itself. Posted with the session's CSRF token, never cached.
     */
    @PostMapping(path = "/ui/requests/desk-token", produces = "application/json")
    ResponseEntity<Map<String, String>> deskToken(@RegisteredOAuth2AuthorizedClient("keycloak") OAuth2AuthorizedClient client) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(Map.of("token", client.getAccessToken().getTokenValue()));
    }

    private void deskOf(WebUser user, Model model) {
        model.addAttribute("desk", settings.deskOf(user.caller().agency()).map(Object::toString).orElse(null));
    }

    private static String pems(List<java.security.cert.X509Certificate> certificates) {
        return JSON.writeValueAsString(certificates.stream().map(c -> Pem.certificates(List.of(c))).toList());
    }

    private static byte[] decoded(String envelope) {
        if (envelope == null || envelope.isBlank()) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(envelope.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the envelope is not base64");
        }
    }

    /** A deadline from the form: an instant, as the page's script writes it from the analyst's local date and time. */
    private static Instant instant(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the deadline is not a date and time");
        }
    }
}
