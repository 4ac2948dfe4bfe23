package eu.synergie.gateway.api;

import eu.synergie.core.ingestion.DeadLetterReader;
import eu.synergie.core.ingestion.DeadLetterReport;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Rejected envelopes, for administrators (role {@code trust-admin}): counts by reason and the latest ones. */
@RestController
class DeadLetterController {

    private final DeadLetterReader reader;

    DeadLetterController(DeadLetterReader reader) {
        this.reader = reader;
    }

    @GetMapping("/api/v1/admin/deadletters")
    DeadLetterReport deadLetters(@RequestParam(name = "recent", defaultValue = "50") int recent) {
        if (recent < 0 || recent > 1000) {
            throw new InvalidQueryException("recent must be between 0 and 1000");
        }
        return reader.read(recent);
    }
}
