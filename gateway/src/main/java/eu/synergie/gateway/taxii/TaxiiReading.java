package eu.synergie.gateway.taxii;

import eu.synergie.core.index.FetchedNotice;
import eu.synergie.core.index.NoticeFeed;
import eu.synergie.core.policy.AccessPolicy;
import eu.synergie.core.policy.Caller;
import eu.synergie.core.policy.ReadScope;
import eu.synergie.gateway.audit.ConsultationAudit;
import eu.synergie.gateway.wiring.SynergieProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Every TAXII read, with the rules of the exchange's other reads ({@code api.NoticeReading}): the collections are the
 * regions of the caller's scope, every query carries the scope, each notice returned is checked against the policy
 * again, a read of objects needs a purpose and is audited before it is answered. A collection or object the caller
 * may not read is not found, exactly like one that does not exist.
 */
@Component
class TaxiiReading {

    private static final Logger LOG = LoggerFactory.getLogger(TaxiiReading.class);

    private final ObjectWalk walk;
    private final AccessPolicy policy;
    private final ConsultationAudit audit;
    private final List<String> servedRegions;
    private final TaxiiProperties properties;
    private final Clock clock;

    TaxiiReading(NoticeFeed feed, StixObjects stix, AccessPolicy policy, ConsultationAudit audit, SynergieProperties synergie,
                 TaxiiProperties properties, Clock clock) {
        this.walk = new ObjectWalk(feed, stix);
        this.policy = policy;
        this.audit = audit;
        this.servedRegions = List.copyOf(synergie.regions());
        this.properties = properties;
        this.clock = clock;
    }

    /** The collections the caller may read: one per region of its scope that this exchange serves. */
    List<TaxiiCollection> collections(Caller caller) {
        ReadScope scope = policy.scopeOf(caller);
        if (scope.isEmpty()) {
            return List.of();
        }
        return TaxiiCollection.of(servedRegions.stream().filter(scope.regions()::contains).toList());
    }

    /** One of them, or 404 as if it did not exist. */
    TaxiiCollection collection(Caller caller, String collectionId) {
        return TaxiiCollection.find(collections(caller), collectionId)
                .orElseThrow(() -> TaxiiException.notFound("collection " + sanitised(collectionId)));
    }

    /** A page of a collection's objects ({@code read} is {@code objects} or {@code manifest}), audited. */
    ObjectWalk.Page page(Caller caller, String purpose, String read, String collectionId, Map<String, String[]> parameters) {
        String why = requirePurpose(purpose);
        TaxiiCollection collection = collection(caller, collectionId);
        TaxiiFilters filters = filters(parameters);
        TaxiiCursor cursor = TaxiiCursor.decode(filters.next(), filters.fingerprint(read, collection));
        ObjectWalk.Page page = walk.page(policy.scopeOf(caller), collection.region(), filters, cursor, horizon(),
                readableBy(caller));
        audit.taxiiRead(caller, why, read, collection.region(), filters.audited(), page.entries().size(),
                noticesOf(page.entries()));
        return page;
    }

    /**
     * One object of a collection, for {@code objects/{id}/} and {@code objects/{id}/versions/} ({@code read}): 404 when
     * no notice the caller may read in the collection holds it; empty when it is held but the filters leave it out.
     * Audited whenever it is held (the answer shows that much).
     */
    Optional<ObjectWalk.Entry> object(Caller caller, String purpose, String read, String collectionId, String objectId,
                                      Map<String, String[]> parameters) {
        String why = requirePurpose(purpose);
        TaxiiCollection collection = collection(caller, collectionId);
        TaxiiFilters filters = filters(parameters);
        if (filters.next() != null) {
            throw TaxiiException.badRequest("next is not a position this server handed out");
        }
        ObjectWalk.Entry held = TaxiiFilters.isStixId(objectId)
                ? walk.find(policy.scopeOf(caller), collection.region(), objectId, horizon(), readableBy(caller)).orElse(null)
                : null;
        if (held == null) {
            throw TaxiiException.notFound("object " + sanitised(objectId));
        }
        boolean shown = (filters.addedAfter() == null || held.addedAt().isAfter(filters.addedAfter()))
                && filters.specVersionMatches(held.object())
                && (read.equals("versions") || filters.versionMatches(held.version()));
        Map<String, String> audited = new java.util.TreeMap<>(filters.audited());
        audited.put("object", objectId);
        audit.taxiiRead(caller, why, read, collection.region(), audited, shown ? 1 : 0, List.of(held.noticeId()));
        return shown ? Optional.of(held) : Optional.empty();
    }

    private TaxiiFilters filters(Map<String, String[]> parameters) {
        return TaxiiFilters.parse(parameters, properties.defaultPageSize(), properties.maxPageSize());
    }

    /** Only notices verified at least the settle time ago: every one of them is searchable by now. */
    private Instant horizon() {
        return clock.instant().minus(properties.settleTime());
    }

    private Predicate<FetchedNotice> readableBy(Caller caller) {
        return fetched -> {
            if (policy.decide(caller, fetched.notice().markings()).permitted()) {
                return true;
            }
            // The query filter and the policy disagree: leave it out, and say so loudly (never to the caller).
            LOG.error("access filter returned notice {} that the policy denies to {}", fetched.notice().noticeId(), caller.subject());
            return false;
        };
    }

    private static List<UUID> noticesOf(List<ObjectWalk.Entry> entries) {
        return List.copyOf(entries.stream().map(ObjectWalk.Entry::noticeId).collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new)));
    }

    /**
     * TAXII has no parameter for the purpose: it comes from our header, or from the client's standing purpose (a claim
     * of its token), and is required like the API's.
     */
    private static String requirePurpose(String purpose) {
        if (purpose == null || purpose.isBlank()) {
            throw new TaxiiException(HttpStatus.BAD_REQUEST, "Purpose required", "PURPOSE_REQUIRED",
                    "a purpose is required: send the case reference this read is for in the " + TaxiiController.PURPOSE_HEADER
                            + " header, or use a client whose token carries a standing purpose (claim "
                            + TaxiiController.PURPOSE_CLAIM + ")");
        }
        return purpose.strip();
    }

    /** An id echoed in an error: only the characters an id has, and not too many. */
    private static String sanitised(String id) {
        String kept = id.replaceAll("[^A-Za-z0-9-]", "_");
        return kept.length() > 120 ? kept.substring(0, 120) + "…" : kept;
    }
}
