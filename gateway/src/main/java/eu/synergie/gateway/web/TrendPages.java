package eu.synergie.gateway.web;

import eu.synergie.core.trends.TrendReport;
import eu.synergie.gateway.api.TrendReading;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The trends dashboard: the same report as the API's, under the session's purpose, with its charts' data. */
@Controller
class TrendPages {

    /** Series drawn in the chart: the rises, then the busiest, at most this many (the table lists them all). */
    private static final int CHARTED = 8;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TrendReading reading;

    TrendPages(TrendReading reading) {
        this.reading = reading;
    }

    @GetMapping("/ui/trends")
    String trends(@AuthenticationPrincipal WebUser user, @RequestParam(name = "period", defaultValue = "week") String period,
                  HttpSession session, Model model) {
        String purpose = (String) session.getAttribute(AnalystPages.PURPOSE);
        if (purpose == null) {
            return "purpose";
        }
        TrendReport report = reading.report(user.caller(), purpose, period);
        model.addAttribute("r", report);
        model.addAttribute("purpose", purpose);
        model.addAttribute("chart", chart(report));
        return "trends";
    }

    /** What the page's script draws: the period labels, and per charted series its counts and, for a rise, its threshold. */
    private static String chart(TrendReport report) {
        List<Map<String, Object>> series = report.series().stream().limit(CHARTED).map(s -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("name", s.region() + " · " + s.type());
            one.put("counts", s.counts());
            one.put("rise", s.verdict().fired());
            one.put("threshold", s.verdict().threshold());
            one.put("expected", s.verdict().expected());
            return one;
        }).toList();
        return JSON.writeValueAsString(Map.of("labels", report.labels(), "series", series));
    }
}
