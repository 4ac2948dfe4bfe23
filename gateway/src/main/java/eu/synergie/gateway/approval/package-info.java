/**
 * Four-eyes approvals in the gateway: requests and decisions appended to {@code synergie.approvals} and answered once
 * this instance has read them back, each audited; who is told when a request is approved; the expiry of what waits.
 */
package eu.synergie.gateway.approval;
