package eu.synergie.gateway.web;

import eu.synergie.gateway.api.GraphReading;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.Map;

/**
 * The network page: the page itself reads nothing; its script asks {@code /ui/graph/data} for the graph around the start,
 * then around each node the analyst expands, each ask one audited graph under the session's purpose.
 */
@Controller
class GraphPages {

    private final GraphReading reading;

    GraphPages(GraphReading reading) {
        this.reading = reading;
    }

    @GetMapping("/ui/graph")
    String page(@RequestParam(name = "entity", defaultValue = "") String entity,
                @RequestParam(name = "depth", defaultValue = "2") int depth, HttpSession session, Model model) {
        String purpose = (String) session.getAttribute(AnalystPages.PURPOSE);
        if (purpose == null) {
            return "purpose";
        }
        model.addAttribute("entity", entity.strip());
        model.addAttribute("depth", Math.clamp(depth, 1, eu.synergie.core.graph.EntityNetwork.MAX_DEPTH));
        model.addAttribute("purpose", purpose);
        return "graph";
    }

    /** The graph as JSON for the page's script: the API's answer, under the session's purpose. */
    @GetMapping(path = "/ui/graph/data", produces = "application/json")
    @org.springframework.web.bind.annotation.ResponseBody
    ResponseEntity<?> data(@AuthenticationPrincipal WebUser user, @RequestParam(name = "entity", defaultValue = "") String entity,
                           @RequestParam(name = "depth", defaultValue = "2") int depth, HttpSession session) {
        try {
            return ResponseEntity.ok(reading.view(user.caller(), (String) session.getAttribute(AnalystPages.PURPOSE), entity,
                    depth, 150));
        } catch (eu.synergie.core.ExchangeException.Refused e) {
            return ResponseEntity.badRequest().body(Map.of("reason", e.getMessage()));
        }
    }
}
