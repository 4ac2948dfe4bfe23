package eu.synergie.gateway.web;

import eu.synergie.gateway.api.AssetReading;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The tracing view in the browser: from a person or company of a notice, the assets behind it, with the totals, the
 * chains and who else holds something. Read through {@link AssetReading}, like the API: same rule, same audit.
 */
@Controller
class AssetPages {

    private final AssetReading reading;

    AssetPages(AssetReading reading) {
        this.reading = reading;
    }

    @GetMapping("/ui/notices/{id}/entities/{ref}/assets")
    String trace(@AuthenticationPrincipal WebUser user, @PathVariable String id, @PathVariable String ref,
                 @RequestParam(name = "depth", defaultValue = "4") int depth,
                 @RequestParam(name = "currency", required = false) String currency,
                 @RequestParam(name = "rateDate", required = false) String rateDate, HttpSession session, Model model) {
        String purpose = (String) session.getAttribute(AnalystPages.PURPOSE);
        if (purpose == null) {
            return "purpose";
        }
        model.addAttribute("t", reading.trace(user.caller(), purpose, id, ref, depth, currency, rateDate));
        model.addAttribute("purpose", purpose);
        return "assets";
    }

    /** The page's table as a download, under the session's purpose: same export, same audit as the API's. */
    @GetMapping("/ui/notices/{id}/entities/{ref}/assets/export")
    ResponseEntity<byte[]> export(@AuthenticationPrincipal WebUser user, @PathVariable String id, @PathVariable String ref,
                                  @RequestParam(name = "format", required = false) String format,
                                  @RequestParam(name = "depth", defaultValue = "4") int depth,
                                  @RequestParam(name = "currency", required = false) String currency,
                                  @RequestParam(name = "rateDate", required = false) String rateDate, HttpSession session) {
        // No purpose in the session (it expired): AssetReading refuses, as the envelope download does.
        AssetReading.Export export = reading.export(user.caller(), (String) session.getAttribute(AnalystPages.PURPOSE), id, ref,
                depth, currency, rateDate, format);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(export.filename()).build().toString())
                .contentType(MediaType.parseMediaType(export.mediaType())).body(export.bytes());
    }
}
