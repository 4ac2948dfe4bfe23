/** Password hashes for services that keep their users in files: bcrypt, as OpenBSD, Elasticsearch and htpasswd read it. */
package eu.synergie.crypto.password;
