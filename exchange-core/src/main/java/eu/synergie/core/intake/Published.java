package eu.synergie.core.intake;

import java.util.UUID;

/** An accepted envelope: the notice it carries and where the log keeps it. */
public record Published(UUID noticeId, String region, LogPosition position) {
}
