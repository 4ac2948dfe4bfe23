/**
 * Hit/no-hit between two exchanges: each publishes to a peer only keyed hashes of its notices' correlating values,
 * and each finds locally which of its own notices share a value with the peer's, without either seeing the other's
 * values.
 *
 * <ul>
 *   <li><b>Key.</b> Both exchanges of a pair derive the same key ({@code crypto.pairing.PairKey}): by default by ECDH
 *   between one's federation private key and the other's federation public key as pinned at peering, so no secret
 *   is configured or shipped; a secret configured on both sides (a PKCS#12 secret-key entry) is the fallback. Per
 *   epoch ({@link eu.synergie.core.federation.hits.Epochs}: ISO weeks by default) HKDF-SHA256 derives a key with both
 *   exchanges' names (ordered) and the epoch in its {@code info}.</li>
 *   <li><b>What is hashed.</b> HMAC-SHA256 under the epoch key over exactly the match keys of the home matcher
 *   ({@code matching.MatchKeys}, the same normalisation): IBAN, phone, e-mail, wallet, identity document, and a
 *   person by name with birth date. Only for standing FULL or POINTER notices; never SILENT (not even a record),
 *   never TLP:RED, never a protected person (who has no match key).</li>
 *   <li><b>What crosses.</b> {@link eu.synergie.core.federation.hits.PublishedHashes}: the two exchanges, the epoch,
 *   the notice id, its region and the sorted hashes. No value, normalised or raw, and no originating agency: a match
 *   tells the peer that this exchange holds something, not who; the owner's approvers decide on disclosing a pointer.
 *   Each epoch everything standing is published again under the new key.</li>
 *   <li><b>Matching.</b> {@link eu.synergie.core.federation.hits.HitMatcher}, one per peer and epoch, folds both
 *   logs and reports each pair of notices that share a hash once; {@link eu.synergie.core.federation.hits.HitMatch#id()}
 *   names the pair the same in every epoch and on both sides.</li>
 * </ul>
 *
 * <p><b>What a keyed hash does not protect against.</b> The key is shared with the peer: its operator, or whoever
 * takes its federation key, can hash guesses and compare them with what this exchange published. A value with
 * little entropy falls quickly: a country's mobile numbers are a few hundred million HMACs, minutes of work; a
 * common name with a birth date, far fewer. Nothing stops that offline test but publishing less: publish to a peer
 * only the regions its peering allows, and treat the peer as able to learn any low-entropy value in those hashes
 * (the value, not who holds it: no agency crosses). What the epochs and the cap narrow:
 * <ul>
 *   <li>the cap bounds the guesses the peer can put to this exchange in one epoch (records beyond it refused,
 *   {@link eu.synergie.core.federation.hits.HitMatcher.Reason#OVER_CAP}): each accepted hash can become a pending
 *   disclosure for this exchange's approvers and, once approved, a pointer; without a cap a peer could publish a
 *   whole numbering plan to fish for pointers or bury the approvers under requests;</li>
 *   <li>the key changes every epoch, so whoever sees the federation topics without the key (a transport operator, a
 *   copy of a topic) cannot link a value's hash from one epoch to the next, and a leaked epoch key exposes that
 *   epoch only. It does not slow the peer itself: from the long-term keys it derives any epoch's key.</li>
 * </ul>
 * The notice id is stable across epochs: a value matched once stays linked to that notice.
 */
package eu.synergie.core.federation.hits;
