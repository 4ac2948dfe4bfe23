package eu.synergie.core.audit;

/** The processing operations that Directive 2016/680, Art. 25 asks to be logged, as they happen in Synergie. */
public enum AuditAction {
    /** Collection: an agency's notice was accepted into the log. */
    PUBLISH,
    /** Consultation: a search, with its query and the ids it returned. */
    SEARCH,
    /** Consultation: one notice opened by id. */
    OPEN,
    /** Consultation: a notice's original envelope downloaded. */
    ENVELOPE_DOWNLOAD,
    /** Disclosure: notice ids made known to other agencies (an alert), with the recipients. */
    DISCLOSURE,
    /** Alteration: a newer version of a notice replaced the indexed one. */
    NEW_VERSION,
    /** Alteration: the originator withdrew a notice. */
    WITHDRAWAL,
    /** Erasure: a notice past its validity removed from the index. */
    ERASURE,
    /** A trust change: agencies, regions, certificates, revocations, index rebuilds. */
    TRUST_CHANGE,
    /** An access change: users and machine clients in the identity provider. */
    ACCESS_CHANGE,
    /** Consultation: alerts shown to an analyst (their ids; each names notices and agencies). */
    ALERT_VIEW,
    /**
     * Consultation: a TAXII client read a collection's objects, manifest, one object or its versions, with the ids of
     * the notices whose objects it returned.
     */
    TAXII_READ,
    /** An analyst created or deleted a standing query (a watchlist). */
    WATCHLIST_CHANGE,
    /** Transfer: a notice sent to a peer exchange (the recipient), as its originator marked it. */
    FEDERATION_TRANSFER,
    /** Receipt: a notice a peer exchange sent, accepted or refused (with the reason) here. */
    FEDERATION_RECEIPT,
    /** A release waits for approval: a notice held for four-eyes release, or a pointer a peer asks for after a hit. */
    RELEASE_REQUEST,
    /** A {@code release-approver} approved a waiting release (or was refused: outcome REFUSED, with the reason). */
    RELEASE_APPROVAL,
    /** A {@code release-approver} rejected a waiting release, which ends it (or was refused). */
    RELEASE_REJECTION,
    /** A waiting release reached its expiry undecided: it is never released. */
    RELEASE_EXPIRY,
    /** An analyst asked the originating agency who a protected person is (purpose and legal basis given). */
    REVEAL_REQUEST,
    /** The originating agency answered an approved reveal request with an envelope only the requester's agency opens. */
    REVEAL_ANSWER,
    /** The requester fetched the answer to their reveal request. */
    REVEAL_READ,
    /** A partner sent a report (the addressee in the recipients; the content is sealed, never in the audit). */
    REPORT_SUBMIT,
    /** An analyst of the addressee opened a report, with the purpose. */
    REPORT_READ,
    /** The addressee sent the reporter a message, closed the report, or recorded the notice made of it. */
    REPORT_TRIAGE,
    /** An analyst sent another agency a request for information (the holder in the recipients; the text sealed). */
    REQUEST_OPEN,
    /** A step of a request for information: taken, replied, asked back, followed up, refused or released. */
    REQUEST_STEP,
    /** Consultation: an analyst of either party read a request for information's thread, with the purpose. */
    REQUEST_READ,
    /** A request for information reached its expiry unclosed. */
    REQUEST_EXPIRY;

    /** Whether the action is a consultation or disclosure, which must state its purpose. */
    public boolean needsPurpose() {
        return this == SEARCH || this == OPEN || this == ENVELOPE_DOWNLOAD || this == DISCLOSURE || this == TAXII_READ
                || this == REPORT_READ || this == REQUEST_READ;
    }
}
