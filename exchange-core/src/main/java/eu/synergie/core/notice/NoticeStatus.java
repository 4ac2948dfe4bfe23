package eu.synergie.core.notice;

/** Whether a notice stands, or its originator has withdrawn it (a signed withdrawal, kept in the log). */
public enum NoticeStatus {
    ACTIVE, WITHDRAWN
}
