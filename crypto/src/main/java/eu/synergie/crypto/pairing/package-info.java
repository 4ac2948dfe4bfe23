/**
 * A secret two exchanges share without sending it (static-static ECDH between their federation keys, then HKDF, RFC
 * 5869), the keys derived from it per period, and keyed hashes (HMAC-SHA256, RFC 2104) under them: what lets two
 * exchanges compare values without showing them to each other.
 */
package eu.synergie.crypto.pairing;
