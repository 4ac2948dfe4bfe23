package eu.synergie.search;

import eu.synergie.core.audit.ChainHead;

/**
 * A writer's {@link ChainHead} as the auditors' index holds it, beside the records, under the id {@code <writer>:chain}
 * (a record's id ends in its sequence number, so the two never meet). Told from records by {@code verifiedThrough},
 * which only heads have; kept in the same index so that one translog holds records and heads in the order they were
 * written.
 */
record ChainDocument(String id, String writer, long sequence, String hash, long position, long verifiedThrough, boolean closed) {

    static final String FIELD = "verifiedThrough";

    static String idOf(String writer) {
        return writer + ":chain";
    }

    static ChainDocument of(ChainHead head) {
        return new ChainDocument(idOf(head.writer()), head.writer(), head.sequence(), head.hash(), head.position(),
                head.verifiedThrough(), head.closed());
    }

    ChainHead toHead() {
        return new ChainHead(writer, sequence, hash, position, verifiedThrough, closed);
    }
}
