package eu.synergie.gateway.wiring;

import eu.synergie.core.audit.AuditLog;
import eu.synergie.core.federation.FederationInbox;
import eu.synergie.core.envelope.NoticeOpener;
import eu.synergie.core.federation.FederationBackfill;
import eu.synergie.core.federation.FederationHits;
import eu.synergie.core.intake.NoticeLog;
import eu.synergie.core.policy.PublishGate;
import eu.synergie.core.federation.FederationOutbox;
import eu.synergie.core.federation.OwnNotices;
import eu.synergie.core.federation.hits.Epochs;
import eu.synergie.core.matching.AlertLog;
import eu.synergie.crypto.stamp.ExchangeSigner;
import eu.synergie.gateway.approval.ReleaseApprovals;
import eu.synergie.gateway.federation.FederationDisclosures;
import eu.synergie.core.index.NoticeIndexWriter;
import eu.synergie.core.ingestion.NoticeIngestion;
import eu.synergie.core.ingestion.kafka.KafkaDeadLetters;
import eu.synergie.core.integrity.LogAlarm;
import eu.synergie.core.policy.AccessPolicy;
import eu.synergie.core.trust.TrustRecords;
import eu.synergie.core.trust.TrustRegistry;
import eu.synergie.gateway.federation.FederationIdentity;
import eu.synergie.core.federation.kafka.FederationListener;
import eu.synergie.core.federation.kafka.InboundHistory;
import eu.synergie.core.federation.kafka.KafkaFederationSender;
import eu.synergie.gateway.federation.TrustRelay;
import eu.synergie.gateway.keys.ExchangeKeys;
import eu.synergie.gateway.observability.CountedDeadLetters;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Clock;

/** The exchange in a network: its identity, what leaves for peers, and what it takes from them. */
@Configuration(proxyBeanMethods = false)
class FederationConfiguration {

    @Bean
    FederationIdentity federationIdentity(ExchangeKeys keys, FederationProperties properties) {
        return new FederationIdentity(properties.name(), keys.root(), keys.federation(properties.name()));
    }

    @Bean
    KafkaFederationSender federationSender(KafkaTemplate<String, byte[]> template, KafkaAdmin admin,
                                           SynergieProperties properties) {
        return new KafkaFederationSender(template, admin, properties.topics().replication(), properties.topics().appendTimeout());
    }

    @Bean
    FederationOutbox federationOutbox(TrustRegistry registry, TrustRecords records, KafkaFederationSender sender,
                                      AuditLog audit, Clock clock) {
        return new FederationOutbox(registry, records::write, sender, audit, clock);
    }

    @Bean
    TrustRelay trustRelay(FederationOutbox outbox, KafkaFederationSender sender, FederationProperties properties) {
        return new TrustRelay(outbox, sender, properties.relayInterval());
    }

    @Bean
    FederationInbox federationInbox(FederationIdentity identity, TrustRegistry registry, AccessPolicy policy, AuditLog audit,
                                    Clock clock, SynergieProperties properties, ConsumerFactory<String, byte[]> consumers) {
        return new FederationInbox(identity.name(), registry, identity.federationKey(), policy, audit, clock,
                properties.maxEnvelopeBytes(), topic -> InboundHistory.trustRecords(consumers, topic));
    }

    @Bean
    FederationBackfill federationBackfill(TrustRegistry registry, NoticeLog log, NoticeOpener opener, PublishGate gate,
                                          FederationOutbox outbox, eu.synergie.core.policy.ReleaseRule release) {
        return new FederationBackfill(registry, log, opener, gate, outbox, release);
    }

    /** Pending disclosures after hits, the pointers their approvers release, and the pointers peers release. */
    @Bean
    FederationDisclosures federationDisclosures(FederationIdentity identity, TrustRegistry registry, OwnNotices ownNotices,
                                                ReleaseApprovals approvals, KafkaFederationSender sender, ExchangeSigner signer,
                                                AlertLog alerts, AuditLog audit, LogAlarm alarm, FederationProperties properties,
                                                Clock clock) {
        return new FederationDisclosures(identity.name(), registry, ownNotices, approvals, sender, signer, alerts, audit, alarm,
                properties.disclosureExpiry(), clock);
    }

    /** Hit/no-hit with each peer by keyed hashes, under a key agreed by ECDH between the two federation keys. */
    @Bean
    FederationHits federationHits(FederationIdentity identity, TrustRegistry registry, ExchangeSigner signer,
                                  KafkaFederationSender sender, FederationDisclosures disclosures,
                                  FederationProperties properties, Clock clock) {
        return new FederationHits(identity.name(), registry, identity.federationKey(), signer, Epochs.isoWeeks(), properties.hitsCap(),
                sender, disclosures, clock);
    }

    /** What peers send, judged by the federation rule, then indexed, matched and dead-lettered as notices published here. */
    @Bean
    FederationListener federationListener(FederationInbox inbox, NoticeIndexWriter index, KafkaTemplate<String, byte[]> template,
                                          SynergieProperties properties, Clock clock, MeterRegistry meters, AuditLog audit,
                                          NoticeIngestion.AfterIndexing matching, LogAlarm alarm, FederationIdentity identity,
                                          FederationHits hits, FederationDisclosures disclosures) {
        NoticeIngestion ingestion = new NoticeIngestion(inbox.admission(), index, new CountedDeadLetters(
                new KafkaDeadLetters(template, properties.topics().appendTimeout()), meters), clock, audit, matching);
        return new FederationListener(inbox, ingestion, hits, disclosures, alarm, identity.name());
    }
}
