package eu.synergie.search;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import eu.synergie.core.policy.ReadScope;

import java.util.List;

/**
 * The read rule of {@link eu.synergie.core.policy.AccessPolicy} as an Elasticsearch filter. A mechanical
 * translation of a {@link ReadScope}: the rule itself is decided in the policy, not here.
 */
final class AccessFilter {

    private AccessFilter() {
    }

    static Query of(ReadScope scope) {
        if (scope.isEmpty()) {
            throw new IllegalArgumentException("an empty scope matches nothing and must not be sent as a query");
        }
        List<FieldValue> regions = scope.regions().stream().sorted().map(FieldValue::of).toList();
        List<FieldValue> classifications = scope.classifications().stream().map(c -> FieldValue.of(c.name())).sorted(
                java.util.Comparator.comparing(FieldValue::_toJsonString)).toList();
        return Query.of(q -> q.bool(b -> b
                .filter(f -> f.terms(t -> t.field("region").terms(v -> v.value(regions))))
                .filter(f -> f.terms(t -> t.field("classification").terms(v -> v.value(classifications))))
                .filter(f -> f.bool(released -> released
                        .should(s -> s.bool(none -> none.mustNot(m -> m.exists(e -> e.field("releasableTo")))))
                        .should(s -> s.term(t -> t.field("releasableTo").value(scope.agency())))
                        .should(s -> s.term(t -> t.field("originAgency").value(scope.agency())))
                        .minimumShouldMatch("1")))));
    }
}
