package eu.synergie.core.notice;

/**
 * Where an asset stands in the recovery procedure, in the order the steps happen. A step may be skipped (an
 * account frozen on the day it is identified is traced implicitly) but never undone: a returned asset is not
 * seized again under the same notice.
 */
public enum AssetStatus {
    IDENTIFIED, TRACED, FROZEN, SEIZED, CONFISCATED, RETURNED
}
