package eu.synergie.gateway.audit;

import eu.synergie.core.index.ExpiredNotice;
import eu.synergie.core.index.NoticeQuery;
import eu.synergie.core.index.NoticeSummary;
import eu.synergie.core.index.SearchResult;
import eu.synergie.core.intake.Published;
import eu.synergie.core.policy.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes one audit record per publication and per search: who, which agency, the purpose, the query
 * and the ids returned; never notice content. For now to the {@code synergie.audit} logger; the
 * hash-chained log on Kafka replaces it (issue "Gateway … audit").
 */
@Component
public class ConsultationAudit {

    private static final Logger AUDIT = LoggerFactory.getLogger("synergie.audit");

    public void published(Caller feed, Published published) {
        AUDIT.info("action=publish subject={} agency={} notice={} region={} position={}/{}/{}", feed.subject(),
                feed.agency(), published.noticeId(), published.region(), published.position().topic(),
                published.position().partition(), published.position().offset());
    }

    public void searched(Caller analyst, String purpose, NoticeQuery query, SearchResult result) {
        AUDIT.info("action=search subject={} agency={} purpose=\"{}\" query=\"{}\" total={} returned={}", analyst.subject(),
                analyst.agency(), purpose.replace('"', '\''), query.text().replace('"', '\''), result.total(),
                result.hits().stream().map(NoticeSummary::noticeId).toList());
    }

    public void opened(Caller analyst, String purpose, java.util.UUID noticeId, String action) {
        AUDIT.info("action={} subject={} agency={} purpose=\"{}\" notice={}", action, analyst.subject(), analyst.agency(),
                purpose.replace('"', '\''), noticeId);
    }

    public void trustChanged(Caller admin, String action, String subject) {
        AUDIT.info("action={} subject={} agency={} target=\"{}\"", action, admin.subject(), admin.agency(), subject);
    }

    /** A hit told to another agency: a disclosure (LED Art. 25), recorded with its recipient and the ids only. */
    public void disclosed(eu.synergie.core.matching.Alert alert) {
        AUDIT.info("action=disclose subject=system recipient={} notice={} other={} form={}", alert.recipientAgency(),
                alert.noticeId(), alert.otherNoticeId(), alert.form());
    }

    /** Alerts shown to an analyst (list or live stream): a consultation of which alerts, by id. */
    public void alertsShown(Caller analyst, java.util.List<String> alertIds) {
        AUDIT.info("action=alerts subject={} agency={} alerts={}", analyst.subject(), analyst.agency(), alertIds);
    }

    public void expired(ExpiredNotice notice) {
        AUDIT.info("action=expire subject=system notice={} region={} originator={}", notice.noticeId(), notice.region(),
                notice.originAgency());
    }
}
