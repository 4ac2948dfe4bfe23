package eu.synergie.core.index;

import java.util.UUID;

/** A notice removed from the index because its {@code validUntil} has passed (the log keeps it). */
public record ExpiredNotice(UUID noticeId, String region, String originAgency) {
}
