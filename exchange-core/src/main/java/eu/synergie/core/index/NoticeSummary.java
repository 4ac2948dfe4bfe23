package eu.synergie.core.index;

import eu.synergie.core.notice.Classification;
import eu.synergie.core.notice.HandlingCode;
import eu.synergie.core.notice.NoticeType;
import eu.synergie.core.notice.Tlp;

import java.time.Instant;
import java.util.UUID;

/** One search hit: enough to list a notice with its markings, not its full content. */
public record NoticeSummary(UUID noticeId, String region, String originAgency, NoticeType type, String title,
                            String summary, String language, Classification classification, Tlp tlp,
                            HandlingCode handlingCode, Instant issuedAt) {
}
