package eu.synergie.gateway.taxii;

import eu.synergie.stix.StixIds;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One collection: the notices of one region. Its id is a UUIDv5 of the region's code under a namespace of ours, so
 * that it is the same on every gateway, after every restart and for every client.
 */
record TaxiiCollection(UUID id, String region) {

    /** The namespace of collection ids (chosen once at random; changing it would give every collection a new id). */
    private static final UUID NAMESPACE = UUID.fromString("272ef024-c73e-451f-9f1e-8ab89f994cc8");

    static TaxiiCollection of(String region) {
        return new TaxiiCollection(StixIds.uuid5(NAMESPACE, region), region);
    }

    /** The collections of {@code regions} (those a caller may read), in the order of the regions given. */
    static List<TaxiiCollection> of(List<String> regions) {
        return regions.stream().map(TaxiiCollection::of).toList();
    }

    /** The collection among {@code readable} whose id is {@code id}, if any (an id that is no UUID is none). */
    static Optional<TaxiiCollection> find(List<TaxiiCollection> readable, String id) {
        return readable.stream().filter(c -> c.id().toString().equalsIgnoreCase(id)).findFirst();
    }
}
