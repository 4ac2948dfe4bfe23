package eu.synergie.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import eu.synergie.core.policy.Caller;
import eu.synergie.core.policy.Role;
import eu.synergie.core.trust.AgencyRecord;
import eu.synergie.core.trust.CertificateRecord;
import eu.synergie.core.trust.RegionProfile;
import eu.synergie.core.trust.ReleasePolicy;
import eu.synergie.core.notice.Classification;
import eu.synergie.core.notice.HandlingCode;
import eu.synergie.core.notice.NoticeType;
import eu.synergie.core.trust.RevocationReason;
import eu.synergie.core.trust.TrustException;
import eu.synergie.core.trust.TrustService;
import eu.synergie.gateway.access.AccessAdministration;
import eu.synergie.gateway.access.AccessException;
import eu.synergie.gateway.access.AccountCount;
import eu.synergie.gateway.audit.ConsultationAudit;
import eu.synergie.gateway.security.Callers;
import eu.synergie.crypto.envelope.EnvelopeProfile;
import eu.synergie.crypto.pki.CertificateRequests;
import eu.synergie.gateway.keys.ExchangeKeys;
import eu.synergie.crypto.pki.Pem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.security.PublicKey;
import java.security.cert.CRLException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Trust administration (role {@code trust-admin}): agencies, regions and their envelope profiles, certificates,
 * revocations. Every change is
 * audited. Changes that concern accounts reach Keycloak after the registry: onboarding creates the agency's feed
 * client, a change of regions reaches its {@code regions} claim, suspension disables the agency's clients and users.
 */
@Tag(name = "Trust", description = "Agencies, their regions and certificates, revocations (role trust-admin; the CRL is public)")
@RestController
@RequestMapping("/api/v1/trust")
class TrustController {

    /** RFC 8555, section 9.1. */
    static final String PEM_CHAIN = "application/pem-certificate-chain";

    private final TrustService trust;
    private final ConsultationAudit audit;
    private final AccessAdministration access;
    private final ExchangeKeys keys;

    TrustController(TrustService trust, ConsultationAudit audit, AccessAdministration access, ExchangeKeys keys) {
        this.trust = trust;
        this.audit = audit;
        this.access = access;
        this.keys = keys;
    }

    record AgencyRequest(String code, String name, List<String> regions) {
    }

    /** @param feedClient only in the answer to onboarding */
    record AgencyResponse(String code, String name, List<String> regions, String status, Instant suspendedAt,
                          List<CertificateResponse> certificates,
                          @JsonInclude(JsonInclude.Include.NON_NULL) FeedClientResponse feedClient) {
    }

    /** @param clientSecret shown this once when the client was just created; null when Keycloak already had it */
    record FeedClientResponse(String clientId, String clientSecret) {
    }

    record CertificateResponse(String serial, String agency, Instant notBefore, Instant notAfter, String status,
                               String revocationReason, Instant revokedAt, Instant compromisedAt) {

        static CertificateResponse of(CertificateRecord c) {
            return new CertificateResponse(c.serial(), c.agency(), c.notBefore(), c.notAfter(),
                    c.revoked() ? "REVOKED" : "VALID", c.revoked() ? c.revocation().reason().name() : null,
                    c.revoked() ? c.revocation().revokedAt() : null, c.revoked() ? c.revocation().compromisedAt() : null);
        }
    }

    record RevocationRequest(String reason, Instant compromisedAt) {
    }

    /** @param from the switch date: from then on a {@code HYBRID} region refuses classical envelopes (default: now) */
    record RegionProfileRequest(String profile, Instant from) {
    }

    /**
     * @param profile      in force now: {@code CLASSICAL} (takes both profiles) or {@code HYBRID} (classical refused)
     * @param switches     every switch chosen, oldest first, those to come included (empty: never moved, classical)
     * @param certificates the region's recipient certificates, PEM: the ECDH one, then the ML-KEM-768 one
     */
    record RegionResponse(String region, String profile, List<SwitchResponse> switches, String certificates) {
    }

    record SwitchResponse(Instant from, String profile) {
    }

    /**
     * Which of an agency's notices wait for one of its release approvers before its region sees them: all, or those
     * classified at least {@code classificationAtLeast}, or with one of {@code handlingCodes}, or of one of {@code types};
     * nothing set holds nothing (the policy lifted).
     *
     * @param expiresAfter how long the approvers have to decide (ISO-8601 duration, 1 second to 90 days; default 7 days):
     *                     past it the notice stays held for good
     */
    record ReleasePolicyRequest(Boolean all, String classificationAtLeast, List<String> handlingCodes, List<String> types,
                                Duration expiresAfter) {
    }

    /**
     * @param current the criteria in force now (nothing held when none is), then every rule chosen, oldest first, those
     *                to come included
     */
    record ReleasePolicyResponse(String agency, ReleaseRuleResponse current, List<ReleaseRuleResponse> rules) {
    }

    record ReleaseRuleResponse(Instant from, boolean all, String classificationAtLeast, List<String> handlingCodes,
                               List<String> types, Duration expiresAfter) {

        static ReleaseRuleResponse of(Instant from, ReleasePolicy.Criteria c) {
            return new ReleaseRuleResponse(from, c.all(), c.classificationAtLeast() == null ? null : c.classificationAtLeast().name(),
                    c.sortedHandlingCodes().stream().map(Enum::name).toList(), c.sortedTypes().stream().map(Enum::name).toList(),
                    c.expiresAfter());
        }
    }

    @Operation(summary = "List agencies", description = "Every registered agency with its regions, status and certificates.")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "trust-admin")
    @ApiResponse(responseCode = "200", description = "The agencies")
    @GetMapping(path = "/agencies", produces = "application/json")
    List<AgencyResponse> agencies() {
        return trust.registry().agencies().stream().map(this::response).toList();
    }

    @Operation(summary = "One agency")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "trust-admin")
    @ApiResponse(responseCode = "200", description = "The agency")
    @ApiResponse(responseCode = "404", description = "No agency with this code")
    @GetMapping(path = "/agencies/{code}", produces = "application/json")
    AgencyResponse agency(@PathVariable String code) {
        return response(trust.registry().agency(code)
                .orElseThrow(() -> new TrustException(TrustException.Kind.NOT_FOUND, "agency " + code + " is not registered")));
    }

    @Operation(summary = "Register an agency", description = "Code (e.g. `FR-DGPN`), name and the regions it is a member of.")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "trust-admin")
    @ApiResponse(responseCode = "201", description = "Registered")
    @ApiResponse(responseCode = "400", description = "The body is not a readable agency")
    @ApiResponse(responseCode = "409", description = "An agency with this code exists")
    @ApiResponse(responseCode = "422", description = "Invalid code, name or region")
    @PostMapping(path = "/agencies", consumes = "application/json", produces = "application/json")
    ResponseEntity<AgencyResponse> register(@AuthenticationPrincipal Jwt jwt, @RequestBody AgencyRequest request) {
        Caller admin = Callers.of(jwt);
        AgencyRecord agency = trust.register(request.code(), request.name(),
                request.regions() == null ? Set.of() : Set.copyOf(request.regions()), admin.subject());
        audit.trustChanged(admin, "agency-registered", agency.code());
        AccessAdministration.FeedClient feed = afterRegistry(agency.code(), "its feed client could not be set up; get one with"
                + " POST /api/v1/access/feeds/" + agency.code() + "/secret", () -> access.onboarded(agency));
        audit.accessChanged(admin, (feed.secret() != null ? "feed-client-created " : "feed-client-kept ") + feed.clientId());
        return ResponseEntity.created(URI.create("/api/v1/trust/agencies/" + agency.code()))
                .body(response(agency, new FeedClientResponse(feed.clientId(), feed.secret())));
    }

    @Operation(summary = "Make an agency a member of a region")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "trust-admin")
    @ApiResponse(responseCode = "200", description = "The agency as it is now")
    @ApiResponse(responseCode = "404", description = "No agency with this code")
    @ApiResponse(responseCode = "422", description = "Unknown region")
    @PutMapping(path = "/agencies/{code}/regions/{region}", produces = "application/json")
    AgencyResponse grant(@AuthenticationPrincipal Jwt jwt, @PathVariable String code, @PathVariable String region) {
        Caller admin = Callers.of(jwt);
        AgencyRecord agency = trust.grantRegion(code, region, admin.subject());
        audit.trustChanged(admin, "region-granted", code + " " + region);
        regionsChanged(admin, agency);
        return response(agency);
    }

    @Operation(summary = "Withdraw an agency from a region")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "trust-admin")
    @ApiResponse(responseCode = "200", description = "The agency as it is now")
    @ApiResponse(responseCode = "404", description = "No agency with this code")
    @ApiResponse(responseCode = "422", description = "Unknown region")
    @DeleteMapping(path = "/agencies/{code}/regions/{region}", produces = "application/json")
    AgencyResponse withdraw(@AuthenticationPrincipal Jwt jwt, @PathVariable String code, @PathVariable String region) {
        Caller admin = Callers.of(jwt);
        AgencyRecord agency = trust.withdrawRegion(code, region, admin.subject());
        audit.trustChanged(admin, "region-withdrawn", code + " " + region);
        regionsChanged(admin, agency);
        return response(agency);
    }

    @Operation(summary = "Suspend an agency", description = "Its notices are refused from now on until it is reinstated.")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "trust-admin")
    @ApiResponse(responseCode = "200", description = "The agency as it is now")
    @ApiResponse(responseCode = "404", description = "No agency with this code")
    @PostMapping(path = "/agencies/{code}/suspension", produces = "application/json")
    AgencyResponse suspend(@AuthenticationPrincipal Jwt jwt, @PathVariable String code) {
        Caller admin = Callers.of(jwt);
        AgencyRecord agency = trust.suspend(code, admin.subject());
        audit.trustChanged(admin, "agency-suspended", code);
        AccountCount disabled = afterRegistry(code, "its accounts could not be disabled in Keycloak (publishing is refused"
                + " already); retry with POST /api/v1/access/agencies/" + code + "/sync", () -> access.suspended(code));
        audit.trustChanged(admin, "agency-access-disabled", code + " clients=" + disabled.clients() + " users=" + disabled.users());
        return response(agency);
    }

    @Operation(summary = "Reinstate a suspended agency")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "trust-admin")
    @ApiResponse(responseCode = "200", description = "The agency as it is now")
    @ApiResponse(responseCode = "404", description = "No agency with this code")
    @DeleteMapping(path = "/agencies/{code}/suspension", produces = "application/json")
    AgencyResponse reinstate(@AuthenticationPrincipal Jwt jwt, @PathVariable String code) {
        Caller admin = Callers.of(jwt);
        AgencyRecord agency = trust.reinstate(code, admin.subject());
        audit.trustChanged(admin, "agency-reinstated", code);
        AccountCount enabled = afterRegistry(code, "its accounts could not be re-enabled in Keycloak; retry with"
                + " POST /api/v1/access/agencies/" + code + "/sync", () -> access.reinstated(code));
        audit.trustChanged(admin, "agency-access-enabled", code + " clients=" + enabled.clients() + " users=" + enabled.users());
        return response(agency);
    }

    /** Issues a notice-signing certificate from a PKCS#10 request (DER or PEM); answers the PEM chain, leaf first. */
    @Operation(summary = "Issue a notice-signing certificate",
            description = "From the agency's PKCS#10 certificate request (DER or PEM); answers the PEM chain, leaf first. "
                    + "An EC P-256 or Ed25519 key is certified by the exchange's EC hierarchy, an ML-DSA-65 key (the "
                    + "hybrid profile's second signature) by its ML-DSA hierarchy.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                    @Content(mediaType = "application/pkcs10", schema = @Schema(type = "string", format = "binary")),
                    @Content(mediaType = "application/x-pem-file", schema = @Schema(type = "string")),
                    @Content(mediaType = "text/plain", schema = @Schema(type = "string")),
                    @Content(mediaType = "application/octet-stream", schema = @Schema(type = "string", format = "binary"))}))
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "trust-admin")
    @ApiResponse(responseCode = "201", description = "The certificate chain (PEM), leaf first",
            content = @Content(mediaType = PEM_CHAIN, schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "404", description = "No agency with this code")
    @ApiResponse(responseCode = "422", description = "Not a valid, self-signed certificate request, or a key that is not allowed")
    @PostMapping(path = "/agencies/{code}/certificates",
            consumes = {"application/pkcs10", "application/x-pem-file", "text/plain", "application/octet-stream"},
            produces = PEM_CHAIN)
    ResponseEntity<String> issue(@AuthenticationPrincipal Jwt jwt, @PathVariable String code, @RequestBody byte[] csr) {
        Caller admin = Callers.of(jwt);
        PublicKey key;
        try {
            key = CertificateRequests.verifiedPublicKey(csr);
        } catch (IllegalArgumentException e) {
            throw new TrustException(TrustException.Kind.INVALID, e.getMessage());
        }
        List<X509Certificate> chain = trust.issueCertificate(code, key, admin.subject());
        String serial = chain.getFirst().getSerialNumber().toString(16);
        audit.trustChanged(admin, "certificate-issued", code + " " + serial);
        return ResponseEntity.created(URI.create("/api/v1/trust/certificates/" + serial))
                .contentType(MediaType.parseMediaType(PEM_CHAIN)).body(Pem.certificates(chain));
    }

    /** The exchange CA's revocation list (RFC 5280), DER; public like any CRL. */
    @Operation(summary = "The exchange CA's certificate revocation list",
            description = "DER (RFC 5280). Public, like any CRL: no token needed.")
    @ApiResponse(responseCode = "200", description = "The CRL",
            content = @Content(mediaType = "application/pkix-crl", schema = @Schema(type = "string", format = "binary")))
    @GetMapping(path = "/crl", produces = "application/pkix-crl")
    ResponseEntity<byte[]> crl() throws CRLException {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/pkix-crl")).body(trust.crl().getEncoded());
    }

    /** The same revocations signed by the ML-DSA issuing CA (RFC 5280), DER; public like any CRL. */
    @Operation(summary = "The ML-DSA CA's certificate revocation list",
            description = "Every revocation, as the EC CA's list, signed by the ML-DSA-65 issuing CA that certifies agencies' "
                    + "ML-DSA keys (DER, RFC 5280). Public: no token needed.")
    @ApiResponse(responseCode = "200", description = "The CRL",
            content = @Content(mediaType = "application/pkix-crl", schema = @Schema(type = "string", format = "binary")))
    @GetMapping(path = "/crl/ml-dsa", produces = "application/pkix-crl")
    ResponseEntity<byte[]> postQuantumCrl() throws CRLException {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/pkix-crl")).body(trust.postQuantumCrl().getEncoded());
    }

    @Operation(summary = "One certificate and its revocation status")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "trust-admin")
    @ApiResponse(responseCode = "200", description = "The certificate")
    @ApiResponse(responseCode = "404", description = "No certificate with this serial")
    @GetMapping(path = "/certificates/{serial}", produces = "application/json")
    CertificateResponse certificate(@PathVariable String serial) {
        return CertificateResponse.of(trust.registry().certificate(serial)
                .orElseThrow(() -> new TrustException(TrustException.Kind.NOT_FOUND, "no certificate with serial " + serial)));
    }

    @Operation(summary = "Revoke a certificate", description = "With an RFC 5280 reason; for `KEY_COMPROMISE`, "
            + "`compromisedAt` says since when notices signed with it are refused.")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "trust-admin")
    @ApiResponse(responseCode = "200", description = "The certificate as it is now")
    @ApiResponse(responseCode = "400", description = "The body is not a readable revocation")
    @ApiResponse(responseCode = "404", description = "No certificate with this serial")
    @ApiResponse(responseCode = "422", description = "Unknown reason")
    @PostMapping(path = "/certificates/{serial}/revocation", consumes = "application/json", produces = "application/json")
    ResponseEntity<CertificateResponse> revoke(@AuthenticationPrincipal Jwt jwt, @PathVariable String serial,
                                               @RequestBody RevocationRequest request) {
        Caller admin = Callers.of(jwt);
        RevocationReason reason;
        try {
            reason = RevocationReason.valueOf(request.reason());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new TrustException(TrustException.Kind.INVALID, "reason must be one of "
                    + java.util.Arrays.toString(RevocationReason.values()));
        }
        CertificateRecord revoked = trust.revoke(serial, reason, request.compromisedAt(), admin.subject());
        audit.trustChanged(admin, "certificate-revoked", serial + " " + reason);
        return ResponseEntity.status(HttpStatus.OK).body(CertificateResponse.of(revoked));
    }

    @Operation(summary = "The regions, their envelope profiles and recipient certificates",
            description = "What an agency seals to: each region's ECDH certificate and, for the hybrid profile, its "
                    + "ML-KEM-768 certificate (PEM), and the profile switches a trust administrator chose (issue 20). "
                    + "Roles trust-admin (every region) and agency-feed (the regions its token grants).")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = {"trust-admin", "agency-feed"})
    @ApiResponse(responseCode = "200", description = "The regions")
    @GetMapping(path = "/regions", produces = "application/json")
    List<RegionResponse> regions(@AuthenticationPrincipal Jwt jwt) {
        // A feed sees the regions its token grants; the trust administrator, every region.
        Caller caller = Callers.of(jwt);
        return keys.regions().regions().stream().filter(r -> caller.has(Role.TRUST_ADMIN) || caller.regions().contains(r))
                .map(this::region).toList();
    }

    @Operation(summary = "Switch a region's envelope profile",
            description = "From `from` on (at least `synergie.trust.profile-lead`, 1 min, ahead; default: as soon as "
                    + "that allows): `HYBRID`, envelopes appended to the region must be hybrid (ML-KEM-768 around ECDH, "
                    + "ML-DSA-65 beside ECDSA) and classical ones are refused with `HYBRID_REQUIRED`; `CLASSICAL`, both "
                    + "profiles again. Earlier switches stay in the region's history: what it accepted or refused "
                    + "before is judged by them, read again or not.")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "trust-admin")
    @ApiResponse(responseCode = "200", description = "The region as it is now")
    @ApiResponse(responseCode = "400", description = "The body is not a readable profile")
    @ApiResponse(responseCode = "422", description = "Unknown region or profile, or a switch date less than the lead ahead")
    @PutMapping(path = "/regions/{region}/profile", consumes = "application/json", produces = "application/json")
    RegionResponse chooseProfile(@AuthenticationPrincipal Jwt jwt, @PathVariable String region,
                                 @RequestBody RegionProfileRequest request) {
        Caller admin = Callers.of(jwt);
        EnvelopeProfile profile;
        try {
            profile = EnvelopeProfile.valueOf(request.profile());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new TrustException(TrustException.Kind.INVALID, "profile must be one of "
                    + Arrays.toString(EnvelopeProfile.values()));
        }
        RegionProfile chosen = trust.chooseRegionProfile(region, profile, request.from(), admin.subject());
        RegionProfile.Switch last = chosen.last().orElseThrow();
        audit.trustChanged(admin, "region-profile", region + " " + last.profile() + " from " + last.from());
        return region(region);
    }

    @Operation(summary = "Choose an agency's release policy (four-eyes release)",
            description = "From `synergie.trust.profile-lead` (1 min) on, so that every gateway instance knows it first: "
                    + "the agency's notices the criteria name are accepted and kept, but seen only by its release "
                    + "approvers until one of them, never the notice's author, approves (`/api/v1/approvals`); rejected or "
                    + "expired, they stay held. No search, hit, watchlist, TAXII collection or peer sees a held notice. "
                    + "Notices appended before stay judged by the rule in force then, on a rebuild too. Normally chosen by "
                    + "the agency and recorded by the trust administrator, like its membership.")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "trust-admin")
    @ApiResponse(responseCode = "200", description = "The agency's policy with its new rule")
    @ApiResponse(responseCode = "400", description = "The body is not readable")
    @ApiResponse(responseCode = "404", description = "No such agency")
    @ApiResponse(responseCode = "422", description = "An unknown classification, handling code or type, or an expiry out "
            + "of range")
    @PutMapping(path = "/agencies/{code}/release-policy", consumes = "application/json", produces = "application/json")
    ReleasePolicyResponse chooseReleasePolicy(@AuthenticationPrincipal Jwt jwt, @PathVariable String code,
                                              @RequestBody ReleasePolicyRequest request) {
        Caller admin = Callers.of(jwt);
        ReleasePolicy.Criteria criteria;
        try {
            criteria = new ReleasePolicy.Criteria(Boolean.TRUE.equals(request.all()),
                    request.classificationAtLeast() == null ? null : Classification.valueOf(request.classificationAtLeast()),
                    request.handlingCodes() == null ? Set.of() : request.handlingCodes().stream().map(HandlingCode::valueOf)
                            .collect(java.util.stream.Collectors.toSet()),
                    request.types() == null ? Set.of() : request.types().stream().map(NoticeType::valueOf)
                            .collect(java.util.stream.Collectors.toSet()),
                    request.expiresAfter());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new TrustException(TrustException.Kind.INVALID, "a release policy names classifications "
                    + Arrays.toString(Classification.values()) + ", handling codes " + Arrays.toString(HandlingCode.values())
                    + " and notice types " + Arrays.toString(NoticeType.values()) + ", and expires after 1 s to 90 days"
                    + (e.getMessage() == null || e instanceof NullPointerException ? "" : " (" + e.getMessage() + ")"));
        }
        ReleasePolicy chosen = trust.chooseReleasePolicy(code, criteria, admin.subject());
        ReleasePolicy.Rule last = chosen.last().orElseThrow();
        audit.trustChanged(admin, "release-policy", code + " " + ReleaseRuleResponse.of(last.from(), last.criteria()));
        return releasePolicy(code);
    }

    @Operation(summary = "An agency's release policy", description = "The criteria in force now and every rule chosen.")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "trust-admin")
    @ApiResponse(responseCode = "200", description = "The policy (no rule: nothing held)")
    @ApiResponse(responseCode = "404", description = "No such agency")
    @GetMapping(path = "/agencies/{code}/release-policy", produces = "application/json")
    ReleasePolicyResponse releasePolicy(@PathVariable String code) {
        if (trust.registry().agency(code).isEmpty()) {
            throw new TrustException(TrustException.Kind.NOT_FOUND, "no agency " + code);
        }
        ReleasePolicy policy = trust.registry().releasePolicy(code).orElseGet(() -> ReleasePolicy.none(code));
        Instant now = Instant.now();
        return new ReleasePolicyResponse(code, policy.ruleAt(now).map(r -> ReleaseRuleResponse.of(r.from(), r.criteria()))
                .orElse(null), policy.rules().stream().map(r -> ReleaseRuleResponse.of(r.from(), r.criteria())).toList());
    }

    private RegionResponse region(String region) {
        RegionProfile profile = trust.registry().regionProfile(region).orElseGet(() -> RegionProfile.classical(region));
        return new RegionResponse(region, profile.profileAt(Instant.now()).name(),
                profile.switches().stream().map(s -> new SwitchResponse(s.from(), s.profile().name())).toList(),
                Pem.certificates(keys.regions().recipientCertificates(region)));
    }

    private AgencyResponse response(AgencyRecord a) {
        return response(a, null);
    }

    private AgencyResponse response(AgencyRecord a, FeedClientResponse feedClient) {
        return new AgencyResponse(a.code(), a.name(), List.copyOf(a.regions()), a.status().name(), a.suspendedAt(),
                trust.registry().certificatesOf(a.code()).stream().map(CertificateResponse::of).toList(), feedClient);
    }

    private void regionsChanged(Caller admin, AgencyRecord agency) {
        afterRegistry(agency.code(), "its feed client's regions could not be updated in Keycloak; retry with"
                + " POST /api/v1/access/agencies/" + agency.code() + "/sync", () -> {
            access.regionsChanged(agency);
            return null;
        });
        audit.trustChanged(admin, "agency-access-regions", agency.code() + " " + new TreeSet<>(agency.regions()));
    }

    /**
     * The Keycloak step of a trust change the registry has already recorded: if it fails, the problem says
     * that the trust change stands, what is missing, and how to complete it.
     */
    private static <T> T afterRegistry(String code, String missing, Supplier<T> step) {
        try {
            return step.get();
        } catch (AccessException e) {
            throw new AccessException(e.kind(), "the change to agency " + code + " is recorded, but " + missing
                    + " (" + e.getMessage() + ")");
        }
    }
}
