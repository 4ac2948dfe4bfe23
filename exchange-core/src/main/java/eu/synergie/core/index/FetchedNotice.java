package eu.synergie.core.index;

import eu.synergie.core.notice.Notice;

/** A notice opened by id, with its provenance. */
public record FetchedNotice(Notice notice, NoticeProvenance provenance) {
}
