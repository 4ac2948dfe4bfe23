package eu.synergie.gateway.api;

import eu.synergie.core.intake.Published;

/** The answer to an accepted publication: the notice and its place in the log. */
record PublishedResponse(String noticeId, String region, String topic, int partition, long offset) {

    static PublishedResponse of(Published p) {
        return new PublishedResponse(p.noticeId().toString(), p.region(), p.position().topic(), p.position().partition(),
                p.position().offset());
    }
}
